using GhostRoll.Screens.Drawing;
using GhostRoll.Screens.Png;
using GhostRoll.TestSupport;
using Xunit;

namespace GhostRoll.Screens.Tests;

/// <summary>
/// Compares rendered screens with the committed goldens in <c>Golden/</c>.
/// Metric (docs/screens.md): a 1-bit panel frame must match exactly, pixel for pixel: it is what the e-ink
/// shows, and FreeType's mono rasteriser is deterministic for a given FreeType and DejaVu version. A grey
/// (anti-aliased) frame may differ in at most 0.1 % of its pixels by more than 32 grey levels, which absorbs
/// rasteriser rounding across FreeType patch releases but not a moved or missing word.
/// On a mismatch the actual image and a difference map (black = differs) land in the artifacts folder
/// (TestResults/artifacts/screens); goldens are never rewritten by tests.
/// </summary>
internal static class GoldenImage
{
    private const int GreyTolerance = 32;
    private const double GreyMaxDifferingShare = 0.001;

    public static string Directory => Path.Combine(Fixtures.RepoRoot, "tests", "GhostRoll.Screens.Tests", "Golden");

    public static void AssertMatches(Canvas actual, string name)
    {
        var goldenPath = Path.Combine(Directory, name + ".png");
        var bilevel = actual.IsBilevel();
        var format = bilevel ? PngPixelFormat.OneBit : PngPixelFormat.Grey8;
        if (!File.Exists(goldenPath))
        {
            var written = WriteArtifact(name + ".actual.png", actual, format);
            Assert.Fail($"no golden '{goldenPath}'; the rendered image is at '{written}': review it, then commit it as the golden");
        }

        var golden = PngReader.Read(goldenPath);
        Assert.True(golden.Width == actual.Width && golden.Height == actual.Height,
            $"{name}: size {actual.Width}x{actual.Height}, golden {golden.Width}x{golden.Height}");

        var tolerance = bilevel ? 0 : GreyTolerance;
        var diff = new Canvas(actual.Width, actual.Height);
        var differing = 0;
        for (var y = 0; y < actual.Height; y++)
        {
            for (var x = 0; x < actual.Width; x++)
            {
                if (Math.Abs(actual[x, y] - golden[x, y]) > tolerance)
                {
                    differing++;
                    diff[x, y] = Canvas.Black;
                }
            }
        }

        var allowed = bilevel ? 0 : (int)(actual.Width * actual.Height * GreyMaxDifferingShare);
        if (differing > allowed)
        {
            var written = WriteArtifact(name + ".actual.png", actual, format);
            WriteArtifact(name + ".diff.png", diff, PngPixelFormat.OneBit);
            Assert.Fail($"{name}: {differing} pixels differ from the golden (allowed {allowed}); actual image: '{written}'");
        }
    }

    public static string WriteArtifact(string fileName, Canvas canvas, PngPixelFormat format)
    {
        var path = Path.Combine(Artifacts.Dir("screens"), fileName);
        File.WriteAllBytes(path, PngEncoder.Encode(canvas, format));
        return path;
    }
}
