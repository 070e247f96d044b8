using GhostRoll.TestSupport;
using Xunit;

namespace GhostRoll.Screens.Tests;

/// <summary>
/// docs/screens.md shows every panel screen: docs/screenshots/panel-*.png are copies of the reviewed goldens
/// (.ci/panel-screenshots), so the pictures in the docs are the ones the tests hold the code to.
/// </summary>
public sealed class ScreenshotDocsTests
{
    private static readonly string Screenshots = Path.Combine(Fixtures.RepoRoot, "docs", "screenshots");

    public static TheoryData<string> PanelGoldens => new(
        Directory.EnumerateFiles(GoldenImage.Directory, "panel-*.png").Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(PanelGoldens))]
    public void Every_panel_screen_is_in_the_docs_as_its_golden(string name)
    {
        var copy = Path.Combine(Screenshots, name);
        var doc = File.ReadAllText(Path.Combine(Fixtures.RepoRoot, "docs", "screens.md"));

        Assert.True(File.Exists(copy), $"{copy} is missing: run .ci/panel-screenshots");
        Assert.True(File.ReadAllBytes(copy).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(GoldenImage.Directory, name))), $"{copy} differs from its golden: run .ci/panel-screenshots");
        Assert.Contains($"screenshots/{name}", doc, StringComparison.Ordinal);
    }
}
