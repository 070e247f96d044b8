using Xunit;

namespace GhostRoll.TestSupport;

/// <summary>
/// How many trials the reliability suite runs: a quick subset in every CI run, the full run with the test switch
/// GRTEST_RELIABILITY_FULL=1 (docs/reliability.md). Trials are seeded (seed = trial number) so a failure names the
/// seed that reproduces it.
/// </summary>
public static class ReliabilityRuns
{
    public static bool Full { get; } = Environment.GetEnvironmentVariable("GRTEST_RELIABILITY_FULL") == "1";

    public static int Trials(int quick, int full) => Full ? full : quick;

    /// <summary>Writes a figure for docs/reliability.md to the test output (shown by dotnet test's detailed console logger).</summary>
    public static void Report(string line) => TestContext.Current.TestOutputHelper?.WriteLine("reliability: " + line);
}
