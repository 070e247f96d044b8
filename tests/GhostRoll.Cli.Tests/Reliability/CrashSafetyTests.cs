using System.Diagnostics;
using GhostRoll.Sessions;
using GhostRoll.Storage;
using GhostRoll.TestSupport;

namespace GhostRoll.Cli.Tests.Reliability;

/// <summary>
/// Power cuts and kills: the real binary is SIGKILLed at seeded random moments of a run, then run again. Whatever the
/// moment, the session must complete with originals identical to the card, nothing copied twice, no temporary files
/// and a database that passes integrity_check. GRTEST_TORTURE=1 runs many more seeds.
/// </summary>
public sealed class CrashSafetyTests
{
    /// <summary>
    /// 6 seeds (60 with GRTEST_TORTURE=1, 200 in the full reliability run, GRTEST_RELIABILITY_FULL=1: docs/reliability.md).
    /// The test switch GRTEST_CRASH_SEEDS sets the number: the arm64 pass runs 2 (one and two kills per run), because each
    /// seed is a full import under qemu-aarch64 there (about 80 s).
    /// </summary>
    private static readonly int Seeds =
        int.TryParse(Environment.GetEnvironmentVariable("GRTEST_CRASH_SEEDS"), out var seeds) && seeds > 0 ? seeds
        : ReliabilityRuns.Full ? 200
        : Environment.GetEnvironmentVariable("GRTEST_TORTURE") == "1" ? 60 : 6;

    [Fact]
    public async Task Killing_the_import_at_random_moments_never_loses_or_duplicates_a_file()
    {
        using var temp = new TempDirectory("crash");
        // Under emulation (the arm64 pass) every run is a full import at a tenth of the speed: 8 copies instead of 30
        // still give the kills a copy phase of many files to land in, at half the card.
        var card = TestCards.WithUniqueCopies(temp.Combine("card"), TestHost.UnderQemuUser ? 8 : 30);
        TestCards.FromFixtures(card, "orientation");
        File.Copy(Path.Combine(card, "DCIM/100TEST/Portrait_1.jpg"), Path.Combine(card, "DCIM/100TEST/COPY_OF_P1.jpg")); // an in-card duplicate
        var cardFiles = Directory.EnumerateFiles(card, "*", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(card, f), TestCards.Sha256);
        var unique = cardFiles.Values.Distinct().Count();

        // How long an uninterrupted run takes here, so kills land across the whole run.
        var calibration = new GhostRollProcess(temp.Combine("calibrate"));
        var clock = Stopwatch.StartNew();
        var baseline = await calibration.RunAsync("run", card);
        var fullRun = clock.Elapsed;
        Assert.True(baseline.ExitCode == 0, baseline.Stderr);

        for (var seed = 1; seed <= Seeds; seed++)
        {
            var random = new Random(seed);
            var home = temp.Combine($"seed{seed}");
            var ghostroll = new GhostRollProcess(home);
            for (var kill = 0; kill < 1 + (seed % 2); kill++)
            {
                using var process = ghostroll.Start("run", card);
                // Squared: most kills land early (copying, where the card's data is at stake), the rest across
                // deriving and publishing.
                var fraction = random.NextDouble();
                await Task.Delay(TimeSpan.FromMilliseconds(fraction * fraction * fullRun.TotalMilliseconds), TestContext.Current.CancellationToken);
                process.Kill(); // SIGKILL: no cleanup of any kind
                await process.WaitForExitAsync(TestContext.Current.CancellationToken);
            }

            var final = await ghostroll.RunAsync("run", card);
            Assert.True(final.ExitCode == 0, $"seed {seed}: exit {final.ExitCode}\n{final.Stderr}");

            using var db = GhostRollDatabase.Open(Path.Combine(home, "db", "ghostroll.db"));
            Assert.Equal("ok", db.Check(full: true));
            var sessions = db.Sessions();
            var session = Assert.Single(sessions); // resumed, never a second session for the same card
            Assert.Equal(SessionState.Done, session.State);
            Assert.Equal(unique, db.IngestedCount());

            var originals = Path.Combine(session.SessionDir, "originals");
            var copied = Directory.EnumerateFiles(originals, "*", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(originals, f), TestCards.Sha256);
            Assert.Equal(unique, copied.Count); // each content once
            foreach (var (path, sha) in copied)
            {
                Assert.Equal(cardFiles[path], sha); // byte-identical to the card
            }

            Assert.Equal(cardFiles.Values.ToHashSet(), copied.Values.ToHashSet()); // nothing lost
            Assert.Empty(Directory.EnumerateFiles(home, "*" + AtomicFile.TempSuffix, SearchOption.AllDirectories));

            // Every photo has complete derivatives (no truncated JPEG that the journal trusts) and is in the gallery.
            var entries = db.GalleryEntries(session.SessionId);
            Assert.Equal(unique, entries.Count);
            foreach (var entry in entries)
            {
                foreach (var variant in new[] { entry.Share!, entry.Thumb! })
                {
                    var bytes = File.ReadAllBytes(Path.Combine(session.SessionDir, variant.Path));
                    Assert.Equal(variant.Bytes, bytes.Length);
                    Assert.True(bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[^2] == 0xFF && bytes[^1] == 0xD9, $"{variant.Path} is not a complete JPEG");
                }
            }

            Assert.Contains("\"complete\":true", File.ReadAllText(Path.Combine(session.SessionDir, "manifest.json")), StringComparison.Ordinal);
        }

        ReliabilityRuns.Report($"kills: {Seeds} seeds, {Enumerable.Range(1, Seeds).Sum(seed => 1 + (seed % 2))} SIGKILLs over a {fullRun.TotalSeconds:0.0} s run; every session completed, integrity_check ok, no temporary files, no duplicates, originals identical");
    }
}
