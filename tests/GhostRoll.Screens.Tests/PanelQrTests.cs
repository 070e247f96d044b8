using GhostRoll.Screens.Layout;
using GhostRoll.Screens.Qr;
using GhostRoll.Screens.Text;
using Xunit;

namespace GhostRoll.Screens.Tests;

/// <summary>
/// PanelQr is the one "does this link's QR scan on the panel" rule: the doctor's verdict on a share link must match
/// what the done screen draws, exactly at the boundary (the longest link that fits, and one character more).
/// </summary>
public sealed class PanelQrTests : IDisposable
{
    private readonly FreeTypeGlyphSource _fonts = FreeTypeGlyphSource.Open();

    [Fact]
    public void The_longest_link_that_fits_scans_at_the_minimum_and_one_character_more_does_not()
    {
        var (longest, tooLong) = Boundary("https://gr.example/s/");

        var fits = PanelQr.Check(longest);
        Assert.True(fits.Scans);
        Assert.Equal(QrPlacement.MinimumPixelsPerModule, fits.PixelsPerModule);

        var misses = PanelQr.Check(tooLong);
        Assert.False(misses.Scans);
        Assert.True(misses.PixelsPerModule < QrPlacement.MinimumPixelsPerModule, $"{misses}");
        Assert.True(misses.Version >= fits.Version, $"{misses} after {fits}");
    }

    [Fact]
    public void The_done_screen_draws_a_qr_exactly_when_the_rule_says_it_scans()
    {
        var renderer = new StatusScreenRenderer(_fonts);
        var side = StatusScreenRenderer.QrSide(ScreenProfile.Panel);
        var (longest, tooLong) = Boundary("https://links.example/");

        Assert.NotNull(renderer.PlaceQr(longest, side));
        Assert.Null(renderer.PlaceQr(tooLong, side));
        Assert.Equal(side, PanelQr.Check(longest).SidePixels);
    }

    [Fact]
    public void The_doctor_line_says_how_dense_a_presigned_link_is()
    {
        var link = "https://bucket.s3.eu-west-1.amazonaws.com/shoot-2026-12-07/index.html?X-Amz-Algorithm=AWS4-HMAC-SHA256"
                   + "&X-Amz-Credential=AKIAEXAMPLEEXAMPLE12%2F20261207%2Feu-west-1%2Fs3%2Faws4_request&X-Amz-Date=20261207T120000Z"
                   + "&X-Amz-Expires=604800&X-Amz-SignedHeaders=host&X-Amz-Signature=" + new string('0', 64);
        var fit = PanelQr.Check(link);

        Assert.False(fit.Scans);
        Assert.Equal($"{link.Length} characters → QR version {fit.Version} ({fit.Modules} modules), 1 px per module on the 122-px panel", PanelQr.Describe(link, fit));
    }

    /// <summary>Grows <paramref name="prefix"/> one character at a time: the last text that scans and the first that does not.</summary>
    private static (string Longest, string TooLong) Boundary(string prefix)
    {
        Assert.True(PanelQr.Check(prefix).Scans, "the prefix alone does not scan");
        var text = prefix;
        while (true)
        {
            var next = text + (char)('a' + (text.Length % 26));
            if (!PanelQr.Check(next).Scans)
            {
                return (text, next);
            }

            text = next;
        }
    }

    public void Dispose() => _fonts.Dispose();
}
