using System.Diagnostics;
using System.Security.Cryptography;
using GhostRoll.Sessions;
using GhostRoll.Storage;
using GhostRoll.TestSupport;

namespace GhostRoll.Cli.Tests.Reliability;

/// <summary>
/// A card whose names are not UTF-8 (written by a PC in a code page), imported by the real binary that is killed
/// part-way: the in-process half (scanner, copy, rerun) is Core.Tests' <c>NonUtf8NameTests</c>.
/// </summary>
public sealed class NonUtf8NameKillTests
{
    /// <summary>
    /// The real binary is SIGKILLed at seeded random moments of an import of such names, then run again: the session
    /// resumes and completes with every file once, byte-identical, under the same text (the journal key held).
    /// </summary>
    [Fact]
    public async Task Killing_the_import_and_running_again_loses_and_duplicates_nothing()
    {
        using var card = new RawNameCard();
        var photo = File.ReadAllBytes(Fixtures.File("basic", "DCIM/100CANON/IMG_0102.JPG"));
        var files = Enumerable.Range(0, 12).Select(i => ((byte[])[.. "DCIM/100HOST/P"u8, (byte)('A' + i), 0xE9, 0xFF, .. ".JPG"u8], i)).ToList();
        card.Write(files.Select(f => (f.Item1, (byte[])[.. photo, .. f.Item1]))); // real photos (the run derives them), distinct content
        var expected = files.ToDictionary(f => $"DCIM/100HOST/P{(char)('A' + f.i)}%E9%FF.JPG", f => Convert.ToHexStringLower(SHA256.HashData([.. photo, .. f.Item1])));
        var before = card.Snapshot();

        using var temp = new TempDirectory("nonutf8-kill");
        var clock = Stopwatch.StartNew();
        var baseline = await new GhostRollProcess(temp.Combine("calibrate")).RunAsync("run", card.Root);
        var fullRun = clock.Elapsed;
        Assert.True(baseline.ExitCode == 0, baseline.Stderr);

        for (var seed = 1; seed <= 2; seed++) // two seeds: each is two imports of the real binary
        {
            var home = temp.Combine($"seed{seed}");
            var ghostroll = new GhostRollProcess(home);
            using (var process = ghostroll.Start("run", card.Root))
            {
                var fraction = new Random(seed).NextDouble();
                await Task.Delay(TimeSpan.FromMilliseconds(fraction * fraction * fullRun.TotalMilliseconds), TestContext.Current.CancellationToken);
                process.Kill(); // SIGKILL: no cleanup of any kind
                await process.WaitForExitAsync(TestContext.Current.CancellationToken);
            }

            var final = await ghostroll.RunAsync("run", card.Root);
            Assert.True(final.ExitCode == 0, $"seed {seed}: exit {final.ExitCode}\n{final.Stderr}");
            using var db = GhostRollDatabase.Open(Path.Combine(home, "db", "ghostroll.db"));
            var session = Assert.Single(db.Sessions()); // resumed, never a second session for the same card
            Assert.Equal(SessionState.Done, session.State);
            var originals = Path.Combine(session.SessionDir, "originals");
            var copied = Directory.EnumerateFiles(originals, "*", SearchOption.AllDirectories)
                .ToDictionary(f => Path.GetRelativePath(originals, f), TestCards.Sha256, StringComparer.Ordinal);
            Assert.Equal(expected.OrderBy(e => e.Key, StringComparer.Ordinal), copied.OrderBy(e => e.Key, StringComparer.Ordinal));
            Assert.Empty(Directory.EnumerateFiles(home, "*" + AtomicFile.TempSuffix, SearchOption.AllDirectories));
        }

        Assert.Equal(before, card.Snapshot());
    }
}
