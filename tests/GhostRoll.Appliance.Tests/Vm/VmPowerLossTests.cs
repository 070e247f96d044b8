using GhostRoll.TestSupport;

namespace GhostRoll.Appliance.Tests.Vm;

/// <summary>
/// Power loss at the file-system level in a QEMU guest (tests/vm/run-power-loss.sh, docs/reliability.md): the data
/// folder on ext4 over dm-flakey, the power cut (drop_writes, SIGKILL, remount) at seeded moments of a real import.
/// Nothing recorded as copied may be missing or damaged afterwards, the database must pass integrity_check, and the
/// next import must complete the session with every card file once. Quick: a calibration cut plus 5 seeded cuts in
/// one boot (about 3 minutes with a cached base image on a loaded 2-core machine); GRTEST_RELIABILITY_FULL=1: 100,
/// or GRTEST_POWERLOSS_TRIALS=N. Off in a quick local run, like the other QEMU test (GRTEST_VM=1).
/// </summary>
public sealed class VmPowerLossTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(ReliabilityRuns.Full ? 240 : 40);

    [Fact]
    public async Task A_power_cut_at_any_moment_of_an_import_loses_nothing_recorded_as_copied()
    {
        VmScript.SkipUnlessQemu();
        var environment = new Dictionary<string, string>();
        if (Environment.GetEnvironmentVariable("GRTEST_POWERLOSS_TRIALS") is null)
        {
            environment["GRTEST_POWERLOSS_TRIALS"] = ReliabilityRuns.Trials(quick: 5, full: 100).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var run = await VmScript.RunAsync("run-power-loss.sh", "run-power-loss.log", Limit, environment);
        foreach (var line in run.Output.Where(l => l.Contains("] seed=", StringComparison.Ordinal) || l.Contains("] PASSED: ", StringComparison.Ordinal) || l.Contains("] FAIL: ", StringComparison.Ordinal)))
        {
            ReliabilityRuns.Report(line);
        }

        Assert.True(run.ExitCode == 0, run.Describe("run-power-loss.sh"));
        Assert.Contains(run.Output, l => l.Contains("PASSED: ", StringComparison.Ordinal) && l.Contains(" 0 files lost, 0 duplicates, 0 temporary files left", StringComparison.Ordinal));
    }
}
