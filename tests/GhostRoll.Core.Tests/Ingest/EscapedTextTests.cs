using GhostRoll.Ingest;

namespace GhostRoll.Core.Tests.Ingest;

/// <summary>The kernel's octal and udev's hex escapes, decoded in one place for every reader.</summary>
public sealed class EscapedTextTests
{
    [Fact]
    public void Udev_label_escapes_are_decoded() =>
        Assert.Equal("auto-import 1", EscapedText.DecodeHex(@"auto-import\x201"));

    [Theory]
    [InlineData(@"/media/pi/auto-import\0401", "/media/pi/auto-import 1")]
    [InlineData(@"/a\011b\012c\134d", "/a\tb\nc\\d")]
    [InlineData(@"/trailing\04", @"/trailing\04")]
    [InlineData(@"/Fotos Ä\040📷", "/Fotos Ä 📷")]
    public void Octal_escapes_are_decoded_and_everything_else_kept(string escaped, string expected) =>
        Assert.Equal(expected, EscapedText.DecodeOctal(escaped));

    [Fact]
    public void Labels_with_characters_beyond_the_basic_plane_survive_decoding() =>
        // blkid_encode_string keeps valid UTF-8 as it is: an emoji in a label reaches us raw, beside \x escapes.
        Assert.Equal("Ferien 📷 1", EscapedText.DecodeHex(@"Ferien\x20📷\x201"));
}
