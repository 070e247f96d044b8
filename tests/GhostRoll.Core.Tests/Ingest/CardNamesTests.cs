using System.Text;
using GhostRoll.Ingest;

namespace GhostRoll.Core.Tests.Ingest;

public sealed class CardNamesTests
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    [Theory]
    [InlineData("IMG_0001.JPG")]
    [InlineData("café.JPG")]
    [InlineData("写真.JPG")]
    [InlineData("100%.JPG")]
    [InlineData("50%off.JPG")]
    [InlineData("%41%7e.JPG")] // escapes below %80 are not ours: a valid name keeps them
    [InlineData("<img src=x onerror=alert(1)>.JPG")]
    [InlineData("ctl\u0001\u001b[31m.JPG")]
    public void A_UTF8_name_is_its_own_text(string name)
    {
        Assert.Equal(name, CardNames.ToText(Encoding.UTF8.GetBytes(name)));
        Assert.Equal(Encoding.UTF8.GetBytes(name), CardNames.ToBytes(name));
    }

    [Theory]
    [InlineData(new byte[] { (byte)'c', (byte)'a', (byte)'f', 0xE9, (byte)'.', (byte)'J', (byte)'P', (byte)'G' }, "caf%E9.JPG")] // Latin-1 / CP1252
    [InlineData(new byte[] { (byte)'b', (byte)'a', (byte)'d', 0xFF, 0xFE, (byte)'n', (byte)'.', (byte)'J', (byte)'P', (byte)'G' }, "bad%FF%FEn.JPG")]
    [InlineData(new byte[] { 0x8E, 0xCA, 0x90, 0x5E, (byte)'.', (byte)'J', (byte)'P', (byte)'G' }, "%8Eʐ^.JPG")] // Shift-JIS: some byte pairs happen to be UTF-8
    [InlineData(new byte[] { 0xE9, (byte)'1', (byte)'0', (byte)'0', (byte)'%', (byte)'.', (byte)'J', (byte)'P', (byte)'G' }, "%E9100%25.JPG")] // '%' escaped too
    [InlineData(new byte[] { 0xED, 0xA0, 0x80, (byte)'.', (byte)'J', (byte)'P', (byte)'G' }, "%ED%A0%80.JPG")] // an encoded surrogate is not UTF-8
    [InlineData(new byte[] { (byte)'x', 0xC3 }, "x%C3")] // cut off in the middle of a character
    public void A_name_that_is_not_UTF8_is_escaped_byte_by_byte_and_reads_back(byte[] name, string text)
    {
        Assert.Equal(text, CardNames.ToText(name));
        Assert.Equal(name, CardNames.ToBytes(text));
    }

    [Theory]
    [InlineData("caf%E9.JPG", "caf%25E9.JPG")]
    [InlineData("a%25b.JPG", "a%2525b.JPG")]
    public void A_UTF8_name_that_looks_escaped_is_escaped_so_it_never_meets_a_code_page_name(string name, string text)
    {
        Assert.Equal(text, CardNames.ToText(Encoding.UTF8.GetBytes(name)));
        Assert.Equal(Encoding.UTF8.GetBytes(name), CardNames.ToBytes(text));
        Assert.NotEqual(CardNames.ToText(Encoding.Latin1.GetBytes("café.JPG")), CardNames.ToText(Encoding.UTF8.GetBytes("caf%E9.JPG")));
    }

    [Fact]
    public void Random_names_map_to_distinct_valid_text_that_reads_back_exactly()
    {
        var random = new Random(17);
        var texts = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        byte[] alphabet = [(byte)'%', (byte)'2', (byte)'5', (byte)'E', (byte)'9', (byte)'A', (byte)'.', 0x80, 0xBF, 0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xF0, 0x9F, 0xFF];
        for (var i = 0; i < 20_000; i++)
        {
            var name = new byte[random.Next(1, 12)];
            for (var j = 0; j < name.Length; j++)
            {
                // Mostly the bytes that make escapes, multi-byte characters and broken ones; sometimes any byte but '/' and NUL.
                name[j] = random.Next(4) == 0 ? (byte)random.Next(1, 256) : alphabet[random.Next(alphabet.Length)];
                if (name[j] == (byte)'/')
                {
                    name[j] = (byte)'x';
                }
            }

            var text = CardNames.ToText(name);
            _ = StrictUtf8.GetBytes(text); // throws on a lone surrogate: the text must be valid Unicode
            Assert.DoesNotContain('/', text);
            Assert.Equal(name, CardNames.ToBytes(text));
            if (texts.TryGetValue(text, out var other))
            {
                Assert.Equal(other, name); // the same text only ever comes from the same bytes
            }

            texts[text] = name;
        }
    }

    [Fact]
    public void A_card_path_reads_back_part_by_part()
    {
        byte[] path = [.. "DCIM/"u8, 0xE9, .. "t\u00e9/caf"u8, 0xE9, .. ".JPG"u8];
        Assert.Equal(path, CardNames.PathToBytes("DCIM/%E9té/caf%E9.JPG"));
    }
}
