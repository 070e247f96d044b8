using GhostRoll.Screens.Layout;
using GhostRoll.Screens.Text;
using Xunit;

namespace GhostRoll.Appliance.Tests.Screens;

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
        var canvas = new StatusScreenRenderer(_fonts).Render(StatusSamples.All[state], ScreenProfile.Panel);

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
    public void Large_screen_matches_its_golden(string state)
    {
        var canvas = new StatusScreenRenderer(_fonts).Render(StatusSamples.All[state], ScreenProfile.Large);

        GoldenImage.AssertMatches(canvas, $"large-{state}");
    }

    [Theory]
    [InlineData("idle")]
    [InlineData("copying")]
    [InlineData("done-short-url")]
    [InlineData("error")]
    public void Panel_screen_with_the_built_in_font_matches_its_golden(string state)
    {
        var canvas = new StatusScreenRenderer(_bitmapFont).Render(StatusSamples.All[state], ScreenProfile.Panel);

        Assert.True(canvas.IsBilevel());
        GoldenImage.AssertMatches(canvas, $"panel-bitmapfont-{state}");
    }

    public void Dispose()
    {
        _fonts.Dispose();
        _bitmapFont.Dispose();
    }
}
