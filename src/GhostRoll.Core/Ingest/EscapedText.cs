using System.Globalization;
using System.Text;

namespace GhostRoll.Ingest;

/// <summary>
/// Decodes the byte escapes the kernel and udev use in text files: <c>\040</c> (octal, mountinfo) and
/// <c>\x20</c> (hex, udev <c>*_ENC</c> properties). Works on UTF-8 bytes, because both keep valid multi-byte
/// characters as they are and escape single bytes only. Shared by <see cref="MountTable"/>, <see cref="VolumeInfo"/>
/// (udev's <c>/dev/disk/by-label</c> link names) and the appliance's udev database reader.
/// </summary>
public static class EscapedText
{
    /// <summary><c>\NNN</c> octal escapes (proc(5) mountinfo: space, tab, newline, backslash).</summary>
    public static string DecodeOctal(string text) => Decode(text, static (bytes, i) =>
        i + 3 < bytes.Length && IsOctal(bytes[i + 1]) && IsOctal(bytes[i + 2]) && IsOctal(bytes[i + 3])
            ? (byte)(((bytes[i + 1] - '0') << 6) | ((bytes[i + 2] - '0') << 3) | (bytes[i + 3] - '0'))
            : null);

    /// <summary><c>\xNN</c> hex escapes (udev's blkid_encode_string).</summary>
    public static string DecodeHex(string text) => Decode(text, static (bytes, i) =>
        i + 3 < bytes.Length && bytes[i + 1] == (byte)'x'
        && byte.TryParse(Encoding.ASCII.GetString(bytes, i + 2, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var b)
            ? b
            : null);

    private static string Decode(string text, Func<byte[], int, byte?> escapeAt)
    {
        if (!text.Contains('\\', StringComparison.Ordinal))
        {
            return text;
        }

        var source = Encoding.UTF8.GetBytes(text);
        var decoded = new List<byte>(source.Length);
        for (var i = 0; i < source.Length; i++)
        {
            if (source[i] == (byte)'\\' && escapeAt(source, i) is { } value)
            {
                decoded.Add(value);
                i += 3; // every escape we decode is four bytes long
            }
            else
            {
                decoded.Add(source[i]);
            }
        }

        return Encoding.UTF8.GetString([.. decoded]);
    }

    private static bool IsOctal(byte b) => b is >= (byte)'0' and <= (byte)'7';
}
