using GhostRoll.Configuration;
using GhostRoll.TestSupport;

namespace GhostRoll.Core.Tests;

/// <summary>README must stay true to the code: its configuration table and its quick-start commands.</summary>
public sealed class ReadmeTests
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(Fixtures.RepoRoot, "README.md"));

    [Fact]
    public void The_configuration_reference_is_the_generated_one()
    {
        var begin = Readme.IndexOf(SettingsReference.BeginMarker, StringComparison.Ordinal);
        var end = Readme.IndexOf(SettingsReference.EndMarker, StringComparison.Ordinal);
        Assert.True(begin >= 0 && end > begin, "README lacks the settings reference markers");
        var embedded = Readme[(begin + SettingsReference.BeginMarker.Length)..end].Trim();

        Assert.Equal(SettingsReference.Markdown().Trim(), embedded);
        foreach (var setting in SettingCatalog.All)
        {
            Assert.Contains($"`{setting.EnvironmentVariable}`", embedded, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_quick_start_commands_are_the_ones_CI_runs()
    {
        Assert.Contains("\n.ci/demo\n", Readme, StringComparison.Ordinal);
        Assert.Contains("\n.ci/test\n", Readme, StringComparison.Ordinal);
        var ciRun = File.ReadAllText(Path.Combine(Fixtures.RepoRoot, ".ci", "run"));
        Assert.Contains("exec .ci/test", ciRun, StringComparison.Ordinal);
        Assert.Contains(".ci/demo", File.ReadAllText(Path.Combine(Fixtures.RepoRoot, ".ci", "test")), StringComparison.Ordinal);
    }
}
