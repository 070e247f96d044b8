using GhostRoll.Core.Tests.Support;
using GhostRoll.Pipeline;
using GhostRoll.Storage;
using GhostRoll.TestSupport;

namespace GhostRoll.Core.Tests.Reliability;

/// <summary>
/// The disk fills up at seeded random points: a real tmpfs of a random size holds the sessions (and, in every other
/// trial, the database too), so the kernel's ENOSPC hits copies, derivatives or SQLite wherever it falls; odd trials
/// instead let the product's free-space reserve (MIN_FREE_MB) stop the copy. Each time: a clear error that says to
/// free space and re-insert the card, integrity_check ok, only verified copies recorded, and a run after the disk is
/// grown completes the same session. Quick: 3 trials; GRTEST_RELIABILITY_FULL=1: 15. Needs root for the mount.
/// </summary>
public sealed class DiskFullTrialTests
{
    private const int Photos = 10;

    [Fact]
    public async Task A_disk_filling_up_at_random_points_stops_cleanly_and_the_next_run_completes()
    {
        var trials = ReliabilityRuns.Trials(quick: 3, full: 15);
        int stopped = 0, fitted = 0;
        for (var seed = 1; seed <= trials; seed++)
        {
            var random = new Random(seed);
            using var temp = new TempDirectory("diskfull");
            var disk = Directory.CreateDirectory(temp.Combine("disk")).FullName;
            var card = TestCards.WithUniqueCopies(temp.Combine("card"), Photos, seed: seed); // ~6 MB
            var size = $"{random.Next(256, 7 * 1024)}k";
            if (!Mounts.TryMountTmpfs(disk, size))
            {
                Assert.Skip("needs root to mount a tmpfs (CI runs as root)");
            }

            try
            {
                var guard = seed % 2 == 1;
                var dbOnDisk = seed % 4 == 2;
                await using var h = new PipelineHarness(s =>
                {
                    s.BaseDir = Path.Combine(disk, "sessions");
                    s.DbPath = dbOnDisk ? Path.Combine(disk, "db", "ghostroll.db") : s.DbPath;
                    // The reserve check, or nothing but the kernel's ENOSPC.
                    s.MinFreeBytes = guard ? random.Next(64, 2048) * 1024L : long.MinValue / 4;
                });
                var what = $"seed {seed} (tmpfs {size}, {(guard ? "free-space reserve" : "ENOSPC")}{(dbOnDisk ? ", database on the full disk" : "")})";

                var error = await Record.ExceptionAsync(() => h.RunAsync(card));
                if (error is null)
                {
                    fitted++; // the card fitted: still a valid trial of the invariants below
                }
                else
                {
                    stopped++;
                    Assert.True(error is ImportException, $"{what}: {error}");
                    Assert.Contains("Free some space", error.Message, StringComparison.Ordinal);
                    Assert.Contains("re-insert the card", error.Message, StringComparison.Ordinal);
                }

                Assert.True(h.Database.Check(full: true) == "ok", what);
                Assert.Empty(Directory.EnumerateFiles(disk, "*" + AtomicFile.TempSuffix, SearchOption.AllDirectories));
                foreach (var session in h.Database.Sessions())
                {
                    var recorded = h.Database.SessionFiles(session.SessionId).Where(f => f.State is not (Sessions.FileState.Discovered or Sessions.FileState.Failed or Sessions.FileState.Duplicate)).ToList();
                    Assert.True(recorded.Count == h.Originals(session.SessionDir).Count, $"{what}: {recorded.Count} recorded, {h.Originals(session.SessionDir).Count} on disk");
                    Assert.All(recorded, f => Assert.Equal(TestCards.Sha256(Path.Combine(card, f.CardPath)), TestCards.Sha256(Path.Combine(session.SessionDir, "originals", f.CardPath))));
                }

                Assert.True(Mounts.Resize(disk, "64m"));
                var next = await h.RunAsync(card);

                Assert.True(next.Outcome is ImportOutcome.Completed or ImportOutcome.NoNewFiles, $"{what}: {next.Outcome}: {next.Message}");
                var only = Assert.Single(h.Database.Sessions());
                Assert.Equal(Photos, h.Originals(only.SessionDir).Count);
                Assert.Equal(Photos, h.Database.IngestedCount());
                Assert.Equal("ok", h.Database.Check(full: true));
            }
            finally
            {
                Mounts.Unmount(disk);
            }
        }

        ReliabilityRuns.Report($"disk full: {trials} trials, {stopped} stopped by a full disk, {fitted} fitted; integrity_check ok and the next run completed every time");
    }
}
