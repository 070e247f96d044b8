using GhostRoll.Core.Tests.Support;
using GhostRoll.Pipeline;
using GhostRoll.Sessions;
using GhostRoll.Storage;
using GhostRoll.TestSupport;

namespace GhostRoll.Core.Tests.Reliability;

/// <summary>
/// A failing card, at seeded random points: read errors (EIO) part-way through files, files that vanish just before
/// they are opened, and the whole card pulled mid-run. Whatever happens, nothing is recorded as copied unless its copy
/// is on disk and has the card file's SHA-256, and a rerun with the healthy card completes the same session with
/// every file exactly once. Quick: 10 trials; GRTEST_RELIABILITY_FULL=1: 50.
/// </summary>
public sealed class CardFaultTests
{
    private const int FilesPerCard = 12;

    [Fact]
    public async Task Read_errors_vanishing_files_and_pulled_cards_never_record_an_unverified_copy()
    {
        var trials = ReliabilityRuns.Trials(quick: 10, full: 50);
        int eio = 0, vanished = 0, pulls = 0, failedFiles = 0, interrupted = 0;
        for (var seed = 1; seed <= trials; seed++)
        {
            var random = new Random(seed);
            await using var h = new PipelineHarness(s => s.CopyWorkers = 1 + (seed % 2));
            var pristine = TestCards.WithUniqueCopies(h.NewFolder("pristine"), FilesPerCard, seed: seed);
            var card = TestCards.CopyTree(pristine, h.NewFolder("card"));
            var expected = Directory.EnumerateFiles(pristine, "*", SearchOption.AllDirectories)
                .ToDictionary(f => Path.GetRelativePath(pristine, f), TestCards.Sha256);

            var source = new FaultyCardSource();
            var vanishing = new HashSet<string>(StringComparer.Ordinal);
            foreach (var file in Directory.EnumerateFiles(card, "*", SearchOption.AllDirectories))
            {
                var roll = random.NextDouble();
                if (roll < 0.25)
                {
                    source.FailAfter[Path.GetFileName(file)] = random.NextInt64(new FileInfo(file).Length);
                    eio++;
                }
                else if (roll < 0.35)
                {
                    vanishing.Add(Path.GetFileName(file));
                    vanished++;
                }
            }

            var pullAt = random.NextDouble() < 0.3 ? random.Next(1, FilesPerCard) : -1;
            pulls += pullAt > 0 ? 1 : 0;
            var opens = 0;
            source.BeforeOpen = path =>
            {
                if (Interlocked.Increment(ref opens) == pullAt)
                {
                    Directory.Delete(card, recursive: true); // the card is pulled: its root no longer answers
                }
                else if (vanishing.Contains(Path.GetFileName(path)))
                {
                    File.Delete(path); // listed by the scan, gone when opened
                }
            };

            var first = await h.RunAsync(card, source);
            failedFiles += first.Failed;
            interrupted += first.Outcome == ImportOutcome.Interrupted ? 1 : 0;
            var session = Assert.Single(h.Database.Sessions());
            AssertOnlyVerifiedCopiesRecorded(h, session, expected, $"seed {seed}, first run ({first.Outcome}: {first.Message})");

            TestCards.CopyTree(pristine, card); // re-inserted, healthy
            var second = await h.RunAsync(card);

            Assert.True(second.Outcome == ImportOutcome.Completed, $"seed {seed}: {second.Outcome}: {second.Message}\n{h.LogText}");
            Assert.Equal(session.SessionId, second.SessionId ?? session.SessionId); // the same session was resumed
            Assert.Equal(0, second.Duplicates);
            Assert.Single(h.Database.Sessions());
            Assert.Equal(FilesPerCard, h.Database.IngestedCount());
            var copies = AssertOnlyVerifiedCopiesRecorded(h, session, expected, $"seed {seed}, rerun");
            Assert.Equal(FilesPerCard, copies);
            Assert.Equal("ok", h.Database.Check(full: true));
        }

        ReliabilityRuns.Report($"card faults: {trials} trials, {eio} read errors, {vanished} vanishing files, {pulls} card pulls injected; " +
                               $"{failedFiles} files failed and {interrupted} runs stopped on the first run; 0 unverified copies recorded, 0 duplicates on the rerun");
    }

    /// <summary>Every journal row in a copied state has a copy on disk with the card file's SHA-256, and nothing else is in originals/. Returns the count.</summary>
    private static int AssertOnlyVerifiedCopiesRecorded(PipelineHarness h, SessionRecord session, Dictionary<string, string> expected, string what)
    {
        var recorded = h.Database.SessionFiles(session.SessionId)
            .Where(f => f.State is FileState.Copied or FileState.Derived or FileState.Published).ToList();
        foreach (var file in recorded)
        {
            var copy = Path.Combine(session.SessionDir, "originals", file.CardPath);
            Assert.True(File.Exists(copy), $"{what}: {file.CardPath} is recorded as copied but has no copy");
            Assert.True(expected[file.CardPath] == file.Sha256 && expected[file.CardPath] == TestCards.Sha256(copy), $"{what}: {file.CardPath} recorded with content that is not the card's");
        }

        Assert.Equal(recorded.Select(f => f.CardPath).Order(StringComparer.Ordinal), h.Originals(session.SessionDir).Order(StringComparer.Ordinal));
        Assert.Empty(Directory.EnumerateFiles(session.SessionDir, "*" + AtomicFile.TempSuffix, SearchOption.AllDirectories));
        Assert.Equal("ok", h.Database.Check(full: true));
        return recorded.Count;
    }
}
