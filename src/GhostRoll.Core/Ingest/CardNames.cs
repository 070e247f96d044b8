using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace GhostRoll.Ingest;

/// <summary>
/// Turns the bytes of a card file name into the text GhostRoll keys it by (journal, fingerprints, the session's
/// <c>originals/</c>, the gallery), and back. Linux names are bytes; FAT stores whatever code page the PC that wrote
/// the card used, so a name need not be UTF-8. The mapping is a bijection, so the text records the card's name
/// exactly and two card names never share one text:
/// <list type="bullet">
/// <item>a name that is valid UTF-8 is its text, unchanged (so every key an earlier release wrote stays the same),
/// unless the text contains <c>%25</c> or <c>%</c> followed by an upper-case hex byte from <c>80</c> to <c>FF</c>;</item>
/// <item>any other name is escaped: each byte of an invalid UTF-8 sequence becomes <c>%XX</c> (always 80–FF), each
/// <c>%</c> becomes <c>%25</c>, everything else stays. <c>caf\351.JPG</c> (Latin-1) becomes <c>caf%E9.JPG</c>.</item>
/// </list>
/// Reading back: text that contains <c>%25</c> or <c>%80</c>–<c>%FF</c> was escaped (every <c>%</c> in it is an
/// escape); other text is the UTF-8 name itself. A literal <c>caf%E9.JPG</c> is escaped to <c>caf%25E9.JPG</c> so it
/// cannot be confused with the Latin-1 one; only such names (which no camera writes) get a different key than before.
/// Escaped names are plain ASCII where they were not UTF-8, so the gallery shows them as text.
/// </summary>
public static class CardNames
{
    /// <summary>The text of one name (no '/').</summary>
    public static string ToText(ReadOnlySpan<byte> name)
    {
        if (Utf8.IsValid(name))
        {
            var text = Encoding.UTF8.GetString(name);
            if (!IsEscaped(text))
            {
                return text;
            }
        }

        var escaped = new StringBuilder(name.Length * 2);
        while (!name.IsEmpty)
        {
            var status = Rune.DecodeFromUtf8(name, out var rune, out var consumed);
            if (status == OperationStatus.Done)
            {
                escaped.Append(rune.Value == '%' ? "%25" : rune.ToString());
            }
            else
            {
                // The maximal invalid subsequence (never an ASCII byte): every byte of it is escaped.
                foreach (var b in name[..consumed])
                {
                    escaped.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
                }
            }

            name = name[consumed..];
        }

        return escaped.ToString();
    }

    /// <summary>The card's bytes for the text of one name: the inverse of <see cref="ToText"/>.</summary>
    public static byte[] ToBytes(string text)
    {
        if (!IsEscaped(text))
        {
            return Encoding.UTF8.GetBytes(text);
        }

        var bytes = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '%' && i + 2 < text.Length && IsHex(text[i + 1]) && IsHex(text[i + 2]))
            {
                bytes.Add(byte.Parse(text.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
                i += 2;
            }
            else
            {
                var end = i + (char.IsHighSurrogate(text[i]) && i + 1 < text.Length ? 2 : 1);
                bytes.AddRange(Encoding.UTF8.GetBytes(text[i..end]));
                i = end - 1;
            }
        }

        return [.. bytes];
    }

    /// <summary>The card's bytes for a card-relative, '/'-separated path, component by component.</summary>
    public static byte[] PathToBytes(string cardPath)
    {
        var path = new List<byte>(cardPath.Length);
        foreach (var part in cardPath.Split('/'))
        {
            if (path.Count > 0)
            {
                path.Add((byte)'/');
            }

            path.AddRange(ToBytes(part));
        }

        return [.. path];
    }

    /// <summary>True when <paramref name="text"/> is an escaped name (see the type's summary).</summary>
    public static bool IsEscaped(string text)
    {
        for (var i = text.IndexOf('%', StringComparison.Ordinal); i >= 0 && i + 2 < text.Length; i = text.IndexOf('%', i + 1))
        {
            var (hi, lo) = (text[i + 1], text[i + 2]);
            if ((hi == '2' && lo == '5') || (hi is (>= '8' and <= '9') or (>= 'A' and <= 'F') && lo is (>= '0' and <= '9') or (>= 'A' and <= 'F')))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsHex(char c) => c is (>= '0' and <= '9') or (>= 'A' and <= 'F');
}
