using System.Diagnostics;
using GhostRoll.TestSupport;

namespace GhostRoll.Appliance.Tests.Vm;

/// <summary>
/// Runs one of the QEMU scripts in tests/vm as a child process: its output goes line by line to a log under the
/// artifacts folder (kept for a failed run) and is returned for the test's assertions. A generous limit only guards
/// against a hang; the scripts state a deadline for every wait themselves.
/// </summary>
internal static class VmScript
{
    /// <summary>
    /// Skips the calling test unless the QEMU tests are on: each boots a guest for minutes, too slow for a quick
    /// local run of the project. On with GRTEST_VM=1 (<c>.ci/run-tests</c> sets it, so every CI run has them) or in
    /// CI (CI=true, as CI runners set). Once on, a missing QEMU is the only reason a VM test may not run.
    /// </summary>
    public static void SkipUnlessQemu()
    {
        if (Environment.GetEnvironmentVariable("GRTEST_VM") != "1" && Environment.GetEnvironmentVariable("CI") != "true")
        {
            Assert.Skip("the QEMU guest takes minutes: set GRTEST_VM=1 to run it (CI runs it; docs/testing.md)");
        }

        if (!File.Exists("/usr/bin/qemu-system-x86_64"))
        {
            Assert.Skip("qemu-system-x86_64 is not installed (apt-get install qemu-system-x86; see .ci/deps/apt-appliance.txt)");
        }
    }

    public static async Task<Result> RunAsync(string script, string logName, TimeSpan limit, IReadOnlyDictionary<string, string>? environment = null)
    {
        var log = Path.Combine(Artifacts.Dir("appliance-vm"), logName);
        var info = new ProcessStartInfo(Path.Combine(Fixtures.RepoRoot, "tests", "vm", script))
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        info.Environment["GRTEST_FIXTURES"] = Fixtures.Root;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        await using var writer = new StreamWriter(log);
        var output = new List<string>();
        async Task Pump(StreamReader reader)
        {
            while (await reader.ReadLineAsync() is { } line)
            {
                lock (output)
                {
                    output.Add(line);
                    writer.WriteLine(line);
                }
            }
        }

        var pumps = Task.WhenAll(Pump(process.StandardOutput), Pump(process.StandardError));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        await pumps;
        return new Result(process.ExitCode, output, log);
    }

    public sealed record Result(int ExitCode, IReadOnlyList<string> Output, string Log)
    {
        /// <summary>The exit code, where the full log is, and the last lines: the message of a failed assertion.</summary>
        public string Describe(string script) =>
            $"tests/vm/{script} failed (exit {ExitCode}); full log: {Log}\n{string.Join('\n', Output.TakeLast(120))}";
    }
}
