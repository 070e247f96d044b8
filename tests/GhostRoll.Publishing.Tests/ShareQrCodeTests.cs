using GhostRoll.Publishing.ShareLink;
using GhostRoll.Publishing.Tests.Support;
using GhostRoll.Screens.Qr;
using GhostRoll.TestSupport;

namespace GhostRoll.Publishing.Tests;

/// <summary>The QR code: decodable by an independent reader, crisp, and honest about the 122-pixel panel.</summary>
public sealed class ShareQrCodeTests
{
    // A real 7-day presigned link as AWS writes it (~400 characters; longer with a session token).
    private const string PresignedLink =
        "https://my-photo-bucket.s3.eu-west-1.amazonaws.com/sessions/shoot-2024-05-01_101500_123456/index.html" +
        "?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20240501%2Feu-west-1%2Fs3%2Faws4_request" +
        "&X-Amz-Date=20240501T101500Z&X-Amz-Expires=604500&X-Amz-SignedHeaders=host" +
        "&X-Amz-Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7";

    [Theory]
    [InlineData(PresignedLink)]
    [InlineData("https://g.example/s/abc123")]
    public async Task Png_decodes_back_to_the_link(string link)
    {
        using var qr = new ShareQrCode(link);
        var path = Path.Combine(Artifacts.Dir("publishing"), $"qr-{link.Length}.png");
        File.WriteAllBytes(path, qr.Png(4));
        Assert.Equal(link, await ZbarImg.DecodeAsync(path));
    }

    [Fact]
    public void Png_has_whole_pixels_per_module()
    {
        using var qr = new ShareQrCode("https://g.example/s/abc123");
        var png = qr.Png(5);
        var width = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)); // IHDR width (PNG spec 11.2.2)
        Assert.Equal((qr.Modules + (2 * ShareQrCode.QuietZoneModules)) * 5, width);
    }

    [Fact]
    public void A_presigned_link_is_too_dense_for_the_panel_and_a_short_link_is_not()
    {
        using var longLink = new ShareQrCode(PresignedLink);
        Assert.InRange(longLink.Version, 10, 20);
        var longFit = PanelQr.Check(PresignedLink);
        Assert.Equal(1, longFit.PixelsPerModule);
        Assert.False(longFit.Scans);

        var shortFit = PanelQr.Check("https://g.example/s/abc123");
        Assert.True(shortFit.PixelsPerModule >= QrPlacement.MinimumPixelsPerModule);
        Assert.True(shortFit.Scans);
    }

    [Fact]
    public void Terminal_rendering_packs_two_module_rows_per_line()
    {
        using var qr = new ShareQrCode("https://g.example/s/abc123");
        var lines = qr.TerminalText().TrimEnd('\n').Split('\n');
        var side = qr.Modules + 4; // 2-module border on each side
        Assert.All(lines, l => Assert.Equal(side, l.Length));
        Assert.Equal((side + 1) / 2, lines.Length);
        Assert.All(lines[0].ToCharArray(), c => Assert.Equal('█', c)); // the light border
    }
}
