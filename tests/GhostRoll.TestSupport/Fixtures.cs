using System.Reflection;

namespace GhostRoll.TestSupport;

/// <summary>
/// The shared real-camera fixtures (<c>../shared/fixtures</c>, see its MANIFEST.md). Tests read them in place
/// and never copy them into the repository. <c>GRTEST_FIXTURES</c> overrides the location.
/// </summary>
public static class Fixtures
{
    public static string Root { get; } = Locate();

    public static string RepoRoot { get; } = Metadata("GhostRollRepoRoot") ?? throw new InvalidOperationException("repo root unknown");

    /// <summary>The root of a fixture card: basic, orientation, raw, odd.</summary>
    public static string Card(string name) => Path.Combine(Root, "cards", name);

    /// <summary>A file on a fixture card, by card-relative path (DCIM/100CANON/_MG_0633.JPG).</summary>
    public static string File(string card, string cardPath) => Path.Combine(Card(card), cardPath);

    public static IEnumerable<string> AllFiles(string card) =>
        Directory.EnumerateFiles(Card(card), "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal);

    private static string Locate()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("GRTEST_FIXTURES");
        var root = !string.IsNullOrEmpty(fromEnvironment) ? fromEnvironment : Metadata("GhostRollFixturesDir");
        if (root is null || !Directory.Exists(Path.Combine(root, "cards")))
        {
            throw new InvalidOperationException($"camera fixtures not found at '{root}'; set GRTEST_FIXTURES to the shared fixtures folder");
        }

        return root;
    }

    private static string? Metadata(string key) =>
        typeof(Fixtures).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value;
}
