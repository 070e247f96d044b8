using GhostRoll.Screens.Layout;
using GhostRoll.Screens.Png;
using GhostRoll.Screens.Qr;
using GhostRoll.Screens.Text;
using GhostRoll.TestSupport;
using GhostRoll.TestSupport.Screens;
using Xunit;

namespace GhostRoll.Screens.Tests;

/// <summary>
/// The done screen's QR, decoded by an independent reader (zbarimg) from the PNG at the panel's native
/// resolution, must give back the exact link; a link too long for 3 pixels per module must not be drawn at all.
/// </summary>
public sealed class QrScanTests : IDisposable
{
    private readonly FreeTypeGlyphSource _fonts = FreeTypeGlyphSource.Open();
    private readonly TempDirectory _temp = new("qr");

    [Fact]
    public void Short_link_on_the_panel_decodes_to_the_exact_url()
    {
        var png = Save(StatusSamples.DoneShortUrl, ScreenProfile.Panel, "short.png");

        Assert.Equal([StatusSamples.ShortUrl], ExternalTool.DecodeQr(png));
    }

    /// <summary>Local-only mode: the LAN link on the done screen decodes to exactly status.json's url, at 3+ px per module.</summary>
    [Fact]
    public void Lan_link_on_the_local_only_done_screen_decodes_to_the_status_url()
    {
        var status = StatusSamples.DoneLan;
        var png = Save(status, ScreenProfile.Panel, "lan.png");

        Assert.Equal([status.Url!], ExternalTool.DecodeQr(png));
        var placement = QrPlacement.Fit(status.Url!, StatusScreenRenderer.QrSide(ScreenProfile.Panel));
        Assert.NotNull(placement);
        Assert.True(placement.PixelsPerModule >= QrPlacement.MinimumPixelsPerModule, $"{placement.PixelsPerModule} px per module");
    }

    /// <summary>The longest LAN link: a 15-character IPv4 and a port, still 3+ px per module on the 122-pixel panel.</summary>
    [Fact]
    public void The_longest_lan_link_still_fits_the_panel_at_three_pixels_per_module()
    {
        var longest = GhostRoll.Lan.LanAddress.Url("255.255.255.255", 65535, GhostRoll.Lan.LanToken.New());

        var placement = QrPlacement.Fit(longest, StatusScreenRenderer.QrSide(ScreenProfile.Panel));

        Assert.NotNull(placement);
        Assert.True(placement.PixelsPerModule >= QrPlacement.MinimumPixelsPerModule, $"{longest}: {placement.PixelsPerModule} px per module");
    }

    [Fact]
    public void Short_link_gets_at_least_four_pixels_per_module_on_the_panel()
    {
        var placement = QrPlacement.Fit(StatusSamples.ShortUrl, StatusScreenRenderer.QrSide(ScreenProfile.Panel));

        Assert.NotNull(placement);
        Assert.True(placement.PixelsPerModule >= 4, $"{placement.PixelsPerModule} px per module");
        Assert.True(placement.SidePixels <= ScreenProfile.Panel.Height);
    }

    /// <summary>
    /// Short links as the link service makes them (lambda/, docs/short-links.md): upper-case scheme and host and a
    /// 20-character base32 code, so the whole link is in QR alphanumeric mode. Self-hosted, behind a custom domain,
    /// and the longest common form, a bare Lambda Function URL (its id is 32 characters).
    /// </summary>
    [Theory]
    [InlineData("HTTP://192.168.1.20:8080/K7QX2M4PZT6BW3N5RJDA", 4)]
    [InlineData("HTTPS://G.EXAMPLE.COM/K7QX2M4PZT6BW3N5RJDA", 4)]
    [InlineData("HTTPS://ABCDEFGHIJKLMNOPQRSTUVWXYZ234567.LAMBDA-URL.EU-WEST-1.ON.AWS/K7QX2M4PZT6BW3N5RJDA", 3)]
    public void Link_service_links_decode_from_every_done_screen_at_three_or_more_pixels_per_module(string link, int panelPixelsPerModule)
    {
        var renderer = new StatusScreenRenderer(_fonts);
        var placement = renderer.PlaceQr(link, StatusScreenRenderer.QrSide(ScreenProfile.Panel));

        Assert.NotNull(placement);
        Assert.Equal(panelPixelsPerModule, placement.PixelsPerModule);
        foreach (var (profile, name) in new[] { (ScreenProfile.Panel, "panel"), (ScreenProfile.ForPanel(264, 176), "panel27"), (ScreenProfile.Large, "large") })
        {
            Assert.Equal([link], ExternalTool.DecodeQr(Save(StatusSamples.DoneShortUrl with { Url = link }, profile, $"service-{name}-{link.Length}.png")));
        }
    }

    [Fact]
    public void Presigned_link_is_not_drawn_on_the_panel_and_the_screen_says_where_to_find_it()
    {
        var renderer = new StatusScreenRenderer(_fonts);
        var png = Save(StatusSamples.DonePresignedUrl, ScreenProfile.Panel, "long-panel.png");

        Assert.Null(renderer.PlaceQr(StatusSamples.PresignedUrl, StatusScreenRenderer.QrSide(ScreenProfile.Panel)));
        Assert.Empty(ExternalTool.DecodeQr(png));
        Assert.Contains("share.txt", StatusScreenRenderer.LinkTooLongNotice, StringComparison.Ordinal);
    }

    [Fact]
    public void On_the_wider_27_inch_panel_the_qr_grows_and_still_leaves_room_for_the_words()
    {
        var profile = ScreenProfile.ForPanel(264, 176);
        var renderer = new StatusScreenRenderer(_fonts);

        var placement = renderer.PlaceQr(StatusSamples.ShortUrl, StatusScreenRenderer.QrSide(profile))!;
        var png = Save(StatusSamples.DoneShortUrl, profile, "panel27.png");

        Assert.Equal(5, placement.PixelsPerModule);
        Assert.True(profile.Width - placement.SidePixels >= profile.MinimumTextColumn);
        Assert.Equal([StatusSamples.ShortUrl], ExternalTool.DecodeQr(png));
    }

    [Fact]
    public void Presigned_link_on_the_large_screen_decodes_to_the_exact_url()
    {
        var png = Save(StatusSamples.DonePresignedUrl, ScreenProfile.Large, "long-large.png");

        Assert.Equal([StatusSamples.PresignedUrl], ExternalTool.DecodeQr(png));
    }

    [Fact]
    public void Longest_link_the_panel_accepts_still_decodes_at_three_pixels_per_module()
    {
        // Grow a link until the panel refuses it; the last accepted one is the densest code the panel ever shows.
        var side = StatusScreenRenderer.QrSide(ScreenProfile.Panel);
        var url = "https://gr.example/s/";
        var accepted = url;
        while (QrPlacement.Fit(url, side) is not null)
        {
            accepted = url;
            url += (char)('a' + (url.Length % 26));
        }

        var placement = QrPlacement.Fit(accepted, side)!;
        Assert.Equal(QrPlacement.MinimumPixelsPerModule, placement.PixelsPerModule);
        var png = Save(StatusSamples.DoneShortUrl with { Url = accepted }, ScreenProfile.Panel, "densest.png");
        Assert.Equal([accepted], ExternalTool.DecodeQr(png));
    }

    [Fact]
    public void Every_placement_uses_whole_pixels_per_module_fits_and_never_drops_below_three()
    {
        var side = StatusScreenRenderer.QrSide(ScreenProfile.Panel);
        for (var length = 1; length <= 420; length += 7)
        {
            var text = "https://x.example/" + new string('q', length);
            if (QrPlacement.Fit(text, side) is not { } placement)
            {
                continue;
            }

            Assert.True(placement.PixelsPerModule >= QrPlacement.MinimumPixelsPerModule, $"length {length}");
            Assert.True(placement.SidePixels <= side, $"length {length}: {placement.SidePixels} > {side}");
            Assert.True(placement.QuietZoneModules >= QrPlacement.ReducedQuietZone);
            var biggerScale = (placement.Code.Size + (2 * QrPlacement.ReducedQuietZone)) * (placement.PixelsPerModule + 1);
            Assert.True(biggerScale > side, $"length {length}: a larger scale would have fitted");
        }
    }

    private string Save(GhostRoll.Status.StatusDocument status, ScreenProfile profile, string name)
    {
        var canvas = new StatusScreenRenderer(_fonts).Render(status, profile);
        var path = _temp.Combine(name);
        File.WriteAllBytes(path, PngEncoder.Encode(canvas, canvas.IsBilevel() ? PngPixelFormat.OneBit : PngPixelFormat.Grey8));
        return path;
    }

    public void Dispose()
    {
        _fonts.Dispose();
        _temp.Dispose();
    }
}
