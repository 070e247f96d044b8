using GhostRoll.Sessions;
using GhostRoll.Storage;
using GhostRoll.TestSupport;

namespace GhostRoll.Cli.Tests.Reliability;

/// <summary>
/// Two imports at once against one appliance, with the real binary: two readers with a card each, and one card whose
/// insertion starts the import twice (udev reports a disk "change" and a partition "add"; a photographer re-seats a
/// card). Whatever the overlap, every photo is copied exactly once, in exactly one session, and both runs end well.
/// Quick: 1 round of each; GRTEST_RELIABILITY_FULL=1: 10, with seeded start offsets.
/// </summary>
public sealed class ConcurrencyTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_cards_at_once_each_get_their_own_session_and_a_photo_on_both_is_copied_once()
    {
        var rounds = ReliabilityRuns.Trials(quick: 1, full: 10);
        for (var seed = 1; seed <= rounds; seed++)
        {
            using var temp = new TempDirectory("two-cards");
            var cardA = TestCards.WithUniqueCopies(temp.Combine("cardA"), 8, seed: 100 + seed);
            var cardB = TestCards.WithUniqueCopies(temp.Combine("cardB"), 8, folder: "101TEST", seed: 200 + seed);
            // The same frame on both cards (copied across on a laptop): one copy on the appliance, in whichever
            // session imported it first.
            File.Copy(Path.Combine(cardA, "DCIM/100TEST/IMG_0000.JPG"), Path.Combine(cardB, "DCIM/101TEST/SHARED.JPG"));
            var onCards = Hashes(cardA).Concat(Hashes(cardB)).ToList();
            var unique = onCards.Distinct().Count();

            var ghostroll = new GhostRollProcess(temp.Combine("home"));
            var offset = TimeSpan.FromMilliseconds(new Random(seed).Next(0, 400));
            var (a, b) = await RunSideBySideAsync(ghostroll, [cardA], [cardB], offset);
            Assert.True(a.ExitCode == 0, $"round {seed}, card A: exit {a.ExitCode}\n{a.Stderr}");
            Assert.True(b.ExitCode == 0, $"round {seed}, card B: exit {b.ExitCode}\n{b.Stderr}");

            using var db = GhostRollDatabase.Open(Path.Combine(temp.Combine("home"), "db", "ghostroll.db"));
            Assert.Equal("ok", db.Check(full: true));
            var sessions = db.Sessions();
            Assert.Equal(2, sessions.Count);
            Assert.All(sessions, s => Assert.Equal(SessionState.Done, s.State));
            Assert.Equal(unique, db.IngestedCount());

            var copied = sessions.SelectMany(s => Hashes(Path.Combine(s.SessionDir, "originals"))).ToList();
            Assert.Equal(unique, copied.Count); // each content once across both sessions
            Assert.Equal(onCards.ToHashSet(), copied.ToHashSet()); // nothing lost
            Assert.Empty(Directory.EnumerateFiles(temp.Combine("home"), "*" + AtomicFile.TempSuffix, SearchOption.AllDirectories));
        }

        ReliabilityRuns.Report($"concurrency: {rounds} rounds of two cards imported side by side (one shared frame): two sessions, every frame once");
    }

    [Fact]
    public async Task The_same_card_started_twice_in_quick_succession_is_imported_once()
    {
        var rounds = ReliabilityRuns.Trials(quick: 1, full: 10);
        for (var seed = 1; seed <= rounds; seed++)
        {
            using var temp = new TempDirectory("same-card");
            var card = TestCards.WithUniqueCopies(temp.Combine("card"), 12, seed: 300 + seed);
            var onCard = Hashes(card);
            var before = CardSnapshot.Take(card);

            var ghostroll = new GhostRollProcess(temp.Combine("home"));
            var offset = TimeSpan.FromMilliseconds(new Random(seed).Next(0, 400));
            var (first, second) = await RunSideBySideAsync(ghostroll, [card], [card], offset);
            Assert.True(first.ExitCode == 0, $"round {seed}, first start: exit {first.ExitCode}\n{first.Stderr}");
            Assert.True(second.ExitCode == 0, $"round {seed}, second start: exit {second.ExitCode}\n{second.Stderr}");

            using var db = GhostRollDatabase.Open(Path.Combine(temp.Combine("home"), "db", "ghostroll.db"));
            Assert.Equal("ok", db.Check(full: true));
            var session = Assert.Single(db.Sessions()); // one session for one card, however often it was started
            Assert.Equal(SessionState.Done, session.State);
            var copied = Hashes(Path.Combine(session.SessionDir, "originals"));
            Assert.Equal(onCard.Count, copied.Count);
            Assert.Equal(onCard.ToHashSet(), copied.ToHashSet());
            Assert.True(before.SameAs(CardSnapshot.Take(card)), "the card was written to");
        }

        ReliabilityRuns.Report($"concurrency: {rounds} rounds of one card started twice in quick succession: one session, every frame once");
    }

    /// <summary>Starts the first run, then the second after <paramref name="offset"/>, and waits for both.</summary>
    private static async Task<((int ExitCode, string Stderr) First, (int ExitCode, string Stderr) Second)> RunSideBySideAsync(
        GhostRollProcess ghostroll, string[] first, string[] second, TimeSpan offset)
    {
        var one = ghostroll.RunAsync(["run", .. first]);
        await Task.Delay(offset, Cancel);
        var two = ghostroll.RunAsync(["run", .. second]);
        var a = await one;
        var b = await two;
        return ((a.ExitCode, a.Stderr), (b.ExitCode, b.Stderr));
    }

    private static List<string> Hashes(string root) =>
        [.. Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Select(TestCards.Sha256)];
}
