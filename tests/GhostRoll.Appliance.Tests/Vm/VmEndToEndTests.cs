using System.Diagnostics;
using GhostRoll.TestSupport;

namespace GhostRoll.Appliance.Tests.Vm;

/// <summary>
/// The appliance's card path end to end in a QEMU guest (tests/vm/run-e2e.sh): the udev rule, the units and the
/// Native AOT binary in Debian bookworm, cards hot-plugged as virtio, USB storage and media in a USB card reader,
/// FAT32 with and without a partition table and exFAT, a pull mid-copy, first boot, and the verbs in the guest.
/// Skipped only when QEMU is not installed; about 2 minutes with a cached base image (3-5 without, or under load).
/// </summary>
public sealed class VmEndToEndTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(40);

    [Fact]
    public async Task Cards_are_imported_read_only_and_their_removal_noticed_in_a_real_guest()
    {
        if (!File.Exists("/usr/bin/qemu-system-x86_64"))
        {
            Assert.Skip("qemu-system-x86_64 is not installed (apt-get install qemu-system-x86; see .ci/deps/apt-appliance.txt)");
        }

        var script = Path.Combine(Fixtures.RepoRoot, "tests", "vm", "run-e2e.sh");
        var log = Path.Combine(Artifacts.Dir("appliance-vm"), "run-e2e.log");
        var info = new ProcessStartInfo(script) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.Environment["GRTEST_FIXTURES"] = Fixtures.Root;
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
        timeout.CancelAfter(Limit);
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
        var tail = string.Join('\n', output.TakeLast(120));
        Assert.True(process.ExitCode == 0, $"tests/vm/run-e2e.sh failed (exit {process.ExitCode}); full log: {log}\n{tail}");
        Assert.Contains(output, l => l.Contains("PASSED: all card paths imported, removals noticed, no card written", StringComparison.Ordinal));
    }
}
