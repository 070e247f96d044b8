using GhostRoll.Core.Tests.Support;
using GhostRoll.Pipeline;
using GhostRoll.Sessions;
using GhostRoll.Storage;
using GhostRoll.TestSupport;

namespace GhostRoll.Core.Tests.Pipeline;

public sealed class ImportPipelineTests
{
    [Fact]
    public async Task Originals_are_byte_identical_and_a_second_run_is_a_noop()
    {
        await using var h = new PipelineHarness();
        var card = Fixtures.Card("basic");

        var first = await h.RunAsync(card);

        Assert.Equal(ImportOutcome.Completed, first.Outcome);
        Assert.Equal(17, first.Discovered);
        Assert.Equal(16, first.Copied);
        Assert.Equal(1, first.Duplicates);
        foreach (var original in h.Originals(first.SessionDir!))
        {
            var cardFile = Path.Combine(card, original);
            Assert.Equal(TestCards.Sha256(cardFile), TestCards.Sha256(Path.Combine(first.SessionDir!, "originals", original)));
            Assert.Equal(File.GetLastWriteTimeUtc(cardFile), File.GetLastWriteTimeUtc(Path.Combine(first.SessionDir!, "originals", original)));
        }

        // The byte-identical Epson pair is stored once (MANIFEST: 16 unique photos from 17 files).
        var epsons = h.Originals(first.SessionDir!).Count(o => o.Contains("Epson", StringComparison.Ordinal));
        Assert.Equal(1, epsons);
        Assert.Equal(16, h.Database.IngestedCount());

        var second = await h.RunAsync(card);
        Assert.Equal(ImportOutcome.NoNewFiles, second.Outcome);
        Assert.Null(second.SessionId);
        Assert.Equal(17, second.Skipped);
        Assert.Single(h.Database.Sessions());
    }

    [Fact]
    public async Task When_every_copy_fails_the_summary_reports_what_was_copied_and_what_to_do()
    {
        await using var h = new PipelineHarness();
        var card = Fixtures.Card("orientation");
        var source = new FaultyCardSource();
        foreach (var file in Directory.EnumerateFiles(card, "*", SearchOption.AllDirectories))
        {
            source.FailAfter[Path.GetFileName(file)] = 0; // EIO on the first read of every file
        }

        var result = await h.RunAsync(card, source);
        var lines = ImportSummary.CopyLines(result).ToList();

        Assert.Equal(ImportOutcome.CompletedWithProblems, result.Outcome);
        Assert.Equal(0, result.Copied);
        Assert.True(result.Failed > 0, h.LogText.ToString());
        Assert.StartsWith("copied   0 new files (0 B)", lines[0], StringComparison.Ordinal); // not the card's 5 MB, and nothing "verified"
        Assert.Equal($"failed   {result.Failed} files could not be copied: re-insert the card to retry them (each file's error is in ghostroll.log)", lines[1]);
    }

    [Fact]
    public async Task Reinserting_a_card_reads_nothing_from_it()
    {
        await using var h = new PipelineHarness();
        var card = Fixtures.Card("orientation");
        await h.RunAsync(card);

        var source = new FaultyCardSource();
        var again = await h.RunAsync(card, source);

        Assert.Equal(ImportOutcome.NoNewFiles, again.Outcome);
        Assert.Equal(0, source.Opens);
        Assert.Equal(0, source.BytesRead);
    }

    [Fact]
    public async Task A_first_ingest_reads_each_new_byte_once()
    {
        await using var h = new PipelineHarness();
        var source = new FaultyCardSource();
        var result = await h.RunAsync(Fixtures.Card("raw"), source);

        var cardBytes = Directory.EnumerateFiles(Fixtures.Card("raw"), "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        Assert.Equal(ImportOutcome.Completed, result.Outcome);
        Assert.Equal(cardBytes, source.BytesRead);
        Assert.Equal(cardBytes, result.CardBytesRead);
    }

    [Fact]
    public async Task Duplicates_across_cards_are_copied_once()
    {
        await using var h = new PipelineHarness();
        var cardA = TestCards.FromFixtures(h.NewFolder("cardA"), "orientation");
        var cardB = TestCards.FromFixtures(h.NewFolder("cardB"), "orientation");
        // Card B also has one new photo with a new name, and one old photo under a new name.
        File.Copy(Fixtures.File("basic", "DCIM/100CANON/IMG_0102.JPG"), Path.Combine(cardB, "DCIM/100TEST/NEW_0001.JPG"));
        File.Copy(Path.Combine(cardB, "DCIM/100TEST/Portrait_3.jpg"), Path.Combine(cardB, "DCIM/100TEST/RENAMED.JPG"));

        var a = await h.RunAsync(cardA);
        var b = await h.RunAsync(cardB);

        Assert.Equal(18, a.Copied);
        Assert.Equal(ImportOutcome.Completed, b.Outcome);
        Assert.Equal(1, b.Copied);
        Assert.Equal(19, b.Skipped);
        Assert.Equal(["DCIM/100TEST/NEW_0001.JPG"], h.Originals(b.SessionDir!));
    }

    [Fact]
    public async Task The_card_tree_is_unchanged_by_a_run()
    {
        await using var h = new PipelineHarness();
        var card = TestCards.FromFixtures(h.NewFolder("card"), "basic", "raw", "odd");
        File.WriteAllText(Path.Combine(card, "DCIM/100CANON/._IMG_0102.JPG"), "AppleDouble");
        Directory.CreateDirectory(Path.Combine(card, ".Trashes"));
        var before = CardSnapshot.Take(card);

        await h.RunAsync(card);
        await h.RunAsync(card);

        Assert.True(before.SameAs(CardSnapshot.Take(card)), "the card tree changed");
    }

    [Fact]
    public async Task A_file_that_fails_mid_read_is_not_recorded_and_the_next_run_copies_it()
    {
        await using var h = new PipelineHarness();
        var card = Fixtures.Card("orientation");
        var faulty = new FaultyCardSource();
        faulty.FailAfter["Landscape_5.jpg"] = 100_000;

        var first = await h.RunAsync(card, faulty);

        Assert.Equal(ImportOutcome.CompletedWithProblems, first.Outcome);
        Assert.Equal(17, first.Copied);
        Assert.Equal(1, first.Failed);
        Assert.DoesNotContain("DCIM/100TEST/Landscape_5.jpg", h.Originals(first.SessionDir!));
        Assert.False(h.Database.IsIngested(TestCards.Sha256(Path.Combine(card, "DCIM/100TEST/Landscape_5.jpg"))));
        Assert.Equal(SessionState.Failed, h.Database.GetSession(first.SessionId!)!.State);
        Assert.Contains("Could not copy DCIM/100TEST/Landscape_5.jpg", h.LogText.ToString(), StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(first.SessionDir!, "*" + AtomicFile.TempSuffix, SearchOption.AllDirectories));

        var second = await h.RunAsync(card);

        Assert.Equal(ImportOutcome.Completed, second.Outcome);
        Assert.Equal(first.SessionId, second.SessionId); // the same session is finished, not a new one
        Assert.Equal(1, second.Copied);
        Assert.Contains("DCIM/100TEST/Landscape_5.jpg", h.Originals(second.SessionDir!));
        Assert.Equal(SessionState.Done, h.Database.GetSession(first.SessionId!)!.State);
    }

    [Fact]
    public async Task A_card_pulled_mid_run_stops_cleanly_and_reinserting_it_resumes()
    {
        await using var h = new PipelineHarness(s => s.CopyWorkers = 1);
        var card = TestCards.FromFixtures(h.NewFolder("card"), "orientation");
        var hidden = h.NewFolder("pulled");
        var opened = 0;
        var source = new FaultyCardSource
        {
            BeforeOpen = _ =>
            {
                if (++opened == 6)
                {
                    // The reader loses the card: its mount point goes empty.
                    Directory.Move(Path.Combine(card, "DCIM"), Path.Combine(hidden, "DCIM"));
                }
            },
        };

        var first = await h.RunAsync(card, source);

        Assert.Equal(ImportOutcome.Interrupted, first.Outcome);
        Assert.Equal(5, first.Copied);
        Assert.Equal(0, first.Failed); // a pulled card is not a bad file
        Assert.Equal(SessionState.Active, h.Database.GetSession(first.SessionId!)!.State);
        Assert.Equal("ok", h.Database.Check(full: true));

        Directory.Move(Path.Combine(hidden, "DCIM"), Path.Combine(card, "DCIM"));
        var second = await h.RunAsync(card);

        Assert.Equal(ImportOutcome.Completed, second.Outcome);
        Assert.Equal(first.SessionId, second.SessionId);
        Assert.Equal(13, second.Copied);
        Assert.Equal(18, h.Originals(second.SessionDir!).Count);
    }

    [Fact]
    public async Task Nothing_new_but_an_unfinished_session_is_not_reported_as_no_new_files()
    {
        await using var h = new PipelineHarness();
        var card = Fixtures.Card("orientation");
        var failing = new FailingPublisher { FailPublish = true };
        h.Publishers = () => [failing];

        var first = await h.RunAsync(card);
        Assert.True(first.PublishPending);
        Assert.Equal(SessionState.PublishPending, h.Database.GetSession(first.SessionId!)!.State);

        failing.FailPublish = false;
        var second = await h.RunAsync(card);

        Assert.NotEqual(ImportOutcome.NoNewFiles, second.Outcome);
        Assert.Contains(first.SessionId!, second.ResumedSessions);
        Assert.Equal(SessionState.Done, h.Database.GetSession(first.SessionId!)!.State);
        Assert.Equal(18, failing.Published.Count);
    }

    [Fact]
    public async Task Uploads_wait_while_the_battery_is_low_and_finish_later()
    {
        await using var h = new PipelineHarness();
        var remote = new FailingPublisher { Remote = true };
        h.Publishers = () => [remote];
        h.DeferRemote = () => true;

        var first = await h.RunAsync(Fixtures.Card("orientation"));

        Assert.Equal(18, first.Copied);
        Assert.Empty(remote.Published);
        Assert.Equal(SessionState.PublishPending, h.Database.GetSession(first.SessionId!)!.State);

        h.DeferRemote = () => false;
        var resumed = await h.ResumeAsync(first.SessionId!);

        Assert.Equal(ImportOutcome.Completed, resumed.Outcome);
        Assert.Equal(18, remote.Published.Count);
        Assert.True(remote.Completed);
    }

    [Fact]
    public async Task Destination_reserve_stops_copying_with_a_clear_error_and_the_next_run_completes()
    {
        await using var h = new PipelineHarness();
        var card = Fixtures.Card("orientation");
        h.Settings.MinFreeBytes = long.MaxValue / 4; // "no space": the reserve can never be met

        var error = await Assert.ThrowsAsync<ImportException>(() => h.RunAsync(card));

        Assert.Contains("free on the disk", error.Message, StringComparison.Ordinal);
        Assert.Contains("re-insert the card", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, h.Database.IngestedCount());
        Assert.Equal("ok", h.Database.Check(full: true));

        h.Settings.MinFreeBytes = 0;
        var next = await h.RunAsync(card);
        Assert.Equal(ImportOutcome.Completed, next.Outcome);
        Assert.Equal(18, next.Copied);
    }

    [Fact]
    public async Task Always_create_session_makes_a_session_without_new_files()
    {
        await using var h = new PipelineHarness();
        await h.RunAsync(Fixtures.Card("orientation"));

        var forced = await h.RunAsync(Fixtures.Card("orientation"), alwaysCreate: true);

        Assert.Equal(ImportOutcome.Completed, forced.Outcome);
        Assert.NotNull(forced.SessionId);
        Assert.Equal(2, h.Database.Sessions().Count);
    }

    [Fact]
    public async Task Missing_folder_and_folder_without_DCIM_fail_with_clear_messages()
    {
        await using var h = new PipelineHarness();

        var missing = await Assert.ThrowsAsync<ImportException>(() => h.RunAsync(Path.Combine(h.Root, "nope")));
        Assert.Contains("does not exist", missing.Message, StringComparison.Ordinal);

        var empty = await Assert.ThrowsAsync<ImportException>(() => h.RunAsync(h.NewFolder("empty")));
        Assert.Contains("no DCIM folder", empty.Message, StringComparison.Ordinal);
        Assert.Empty(h.Database.Sessions());
    }

    [Fact]
    public async Task Groups_reach_the_deriver_with_all_their_members()
    {
        await using var h = new PipelineHarness();
        var deriver = new RecordingDeriver();
        h.Deriver = deriver;

        await h.RunAsync(Fixtures.Card("raw"));
        await h.RunAsync(Fixtures.Card("odd"));

        var groups = deriver.Groups.ToDictionary(g => g.Key, g => g.Members.Select(m => Path.GetFileName(m.CardPath)).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(["GOPR8508.GPR", "GOPR8508.JPG"], groups["100RAW/GOPR8508"]);
        Assert.Equal(["CRW_0101.CRW", "CRW_0101.THM"], groups["100RAW/CRW_0101"]);
        Assert.Equal(["MVI_0121.AVI", "MVI_0121.THM"], groups["100CANON/MVI_0121"]);
        Assert.Equal(["IMG_3589.HEIC", "IMG_3589.mov"], groups["100APPLE/IMG_3589"]);
        Assert.All(deriver.Groups.SelectMany(g => g.Members), m => Assert.True(File.Exists(m.LocalPath)));
    }

    [Fact]
    public async Task An_unreachable_destination_is_not_retried_for_every_entry()
    {
        await using var h = new PipelineHarness(s => s.UploadWorkers = 1);
        var down = new FailingPublisher { Remote = true, Unreachable = true };
        var local = new FailingPublisher();
        h.Publishers = () => [local, down];

        var result = await h.RunAsync(Fixtures.Card("orientation"));

        Assert.Equal(18, result.Copied);
        Assert.True(result.PublishPending);
        Assert.Equal(1, down.PublishCalls); // once found unreachable, no more waiting on it in this run
        Assert.Equal(18, local.Published.Count); // the local gallery still gets everything
        Assert.Single(h.LogText.ToString().Split('\n'), l => l.Contains("is unreachable, so nothing more is sent there", StringComparison.Ordinal));
        Assert.Equal(SessionState.PublishPending, h.Database.GetSession(result.SessionId!)!.State);
    }
}
