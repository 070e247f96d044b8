using GhostRoll.Screens.Layout;
using GhostRoll.Screens.Text;
using GhostRoll.TestSupport.Screens;
using Xunit;

namespace GhostRoll.Screens.Tests;

/// <summary>Every state, drawn for the panel and the large screen, against committed goldens (metric in GoldenImage).</summary>
public sealed class StatusScreenGoldenTests : IDisposable
{
    private readonly FreeTypeGlyphSource _fonts = FreeTypeGlyphSource.Open();
    private readonly BitmapGlyphSource _bitmapFont = new();

    public static TheoryData<string> States => StatusSamples.Names;

    [Theory]
    [MemberData(nameof(States))]
    public void Panel_screen_matches_its_golden(string state)
    {
        var canvas = new StatusScreenRenderer(_fonts) { TimeZone = TimeZoneInfo.Utc }.Render(StatusSamples.All[state], ScreenProfile.Panel);

        Assert.True(canvas.IsBilevel(), "a panel frame must be pure black and white");
        GoldenImage.AssertMatches(canvas, $"panel-{state}");
    }

    [Theory]
    [InlineData("idle")]
    [InlineData("copying")]
    [InlineData("done-presigned-url")]
    [InlineData("done-local-only")]
    [InlineData("error")]
    [InlineData("low-battery")]
    [InlineData("done-card-in")]
    [InlineData("left-on-card")]
    [InlineData("copying-overall")]
    [InlineData("done-photos-card-in")]
    public void Large_screen_matches_its_golden(string state)
    {
        var canvas = new StatusScreenRenderer(_fonts) { TimeZone = TimeZoneInfo.Utc }.Render(StatusSamples.All[state], ScreenProfile.Large);

        GoldenImage.AssertMatches(canvas, $"large-{state}");
    }

    [Theory]
    [InlineData("idle")]
    [InlineData("copying")]
    [InlineData("done-short-url")]
    [InlineData("error")]
    public void Panel_screen_with_the_built_in_font_matches_its_golden(string state)
    {
        var canvas = new StatusScreenRenderer(_bitmapFont) { TimeZone = TimeZoneInfo.Utc }.Render(StatusSamples.All[state], ScreenProfile.Panel);

        Assert.True(canvas.IsBilevel());
        GoldenImage.AssertMatches(canvas, $"panel-bitmapfont-{state}");
    }

    [Fact]
    public void A_freetype_failure_while_drawing_falls_back_to_the_built_in_font()
    {
        var renderer = new StatusScreenRenderer(new FailingGlyphSource(_fonts));

        var canvas = renderer.Render(StatusSamples.Copying, ScreenProfile.Panel);

        GoldenImage.AssertMatches(canvas, "panel-bitmapfont-copying");
        Assert.Contains("FT_Load_Glyph", renderer.TextProblem, StringComparison.Ordinal);
        Assert.Equal("built-in 5x9 bitmap font", renderer.TextEngine);
    }

    /// <summary>FreeType that fails on the first glyph of a digit, as a truncated font file would.</summary>
    private sealed class FailingGlyphSource(IGlyphSource inner) : IGlyphSource
    {
        public string Description => inner.Description;

        public FontMetrics Metrics(FontSpec spec) => inner.Metrics(spec);

        public GlyphImage Glyph(FontSpec spec, System.Text.Rune rune) =>
            System.Text.Rune.IsDigit(rune) ? throw new GhostRoll.Screens.Interop.FreeTypeException("FT_Load_Glyph", 0x03) : inner.Glyph(spec, rune);

        public int Kerning(FontSpec spec, System.Text.Rune left, System.Text.Rune right) => inner.Kerning(spec, left, right);

        public void Dispose()
        {
        }
    }

    public void Dispose()
    {
        _fonts.Dispose();
        _bitmapFont.Dispose();
    }
}
