using System.Text.RegularExpressions;
using GhostRoll.Configuration;
using GhostRoll.TestSupport;

namespace GhostRoll.Core.Tests.Configuration;

/// <summary>
/// Test switches and product settings never share a name space: the product reads only <c>GHOSTROLL_*</c> (and rejects
/// unknown ones), tests and scripts read only <c>GRTEST_*</c>. A switch named like a setting would otherwise be one
/// typo away from changing what the appliance does, or be refused by it as an unknown setting.
/// </summary>
public sealed partial class TestSwitchTests
{
    /// <summary>Where test switches may be read or named: everything but the product (src/, lambda/).</summary>
    private static readonly string[] NotProduct = ["tests", ".ci", "docs", "image-build", "systemd", "udev"];

    [Fact]
    public void The_product_reads_no_test_switch()
    {
        var offenders = new[] { "src", "lambda" }.SelectMany(d => Files(Path.Combine(Fixtures.RepoRoot, d)))
            .Where(f => File.ReadAllText(f).Contains("GRTEST_", StringComparison.Ordinal))
            .ToList();

        Assert.Empty(offenders);
    }

    [Fact]
    public void Every_GHOSTROLL_variable_that_tests_scripts_and_docs_name_is_a_product_setting()
    {
        var known = SettingCatalog.All.Select(d => d.EnvironmentVariable).Append(SettingsLoader.SettingsFileVariable).ToHashSet(StringComparer.Ordinal);
        var unknown = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in NotProduct.SelectMany(s => Files(Path.Combine(Fixtures.RepoRoot, s))).Where(f => !f.EndsWith(nameof(TestSwitchTests) + ".cs", StringComparison.Ordinal)))
        {
            foreach (Match m in Variable().Matches(File.ReadAllText(file)))
            {
                // GHOSTROLL_S3_* in prose names a group of settings: fine when some setting has that prefix.
                var ok = m.Value.EndsWith('*') ? known.Any(k => k.StartsWith(m.Value[..^1], StringComparison.Ordinal)) : known.Contains(m.Value);
                if (!ok && !Deliberate.Contains(m.Value))
                {
                    unknown.Add($"{m.Value} ({Path.GetRelativePath(Fixtures.RepoRoot, file)})");
                }
            }
        }

        Assert.Empty(unknown);
    }

    /// <summary>Names tests use on purpose because the product must refuse them (typos, removed settings).</summary>
    private static readonly HashSet<string> Deliberate = new(StringComparer.Ordinal) { "GHOSTROLL_SHARE_QUALTY", "GHOSTROLL_" };

    // GHOSTROLL_ followed by an upper-case name, not preceded by another identifier character (GRTEST_GHOSTROLL_COMMAND).
    [GeneratedRegex(@"(?<![A-Za-z0-9_])GHOSTROLL_[A-Z0-9_]*\*?")]
    private static partial Regex Variable();

    private static IEnumerable<string> Files(string root) => !Directory.Exists(root)
        ? []
        : Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal)
                && !f.Contains("node_modules", StringComparison.Ordinal) && !f.EndsWith(".png", StringComparison.Ordinal)
                && !f.EndsWith(".jpg", StringComparison.Ordinal) && !f.Contains("/TestResults/", StringComparison.Ordinal));
}
