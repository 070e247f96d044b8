using GhostRoll.Media;
using GhostRoll.Pipeline;
using GhostRoll.Sessions;
using GhostRoll.Storage;

namespace GhostRoll.Core.Tests.Pipeline;

/// <summary>
/// When a group of a session run is ready to derive, whether it gets a gallery entry, and what a resumed run picks up:
/// the transitions the copy, derive and publish stages report, as the run relies on them.
/// </summary>
public sealed class SessionGroupsTests
{
    private const string Sha = "0123456789abcdef";

    private static SessionFileRecord File(string cardPath, MediaKind kind, FileState state = FileState.Discovered) =>
        new(cardPath, Path.ChangeExtension(cardPath, null)[5..], kind, 10, 1, state == FileState.Discovered ? null : Sha, state);

    /// <summary>A run that copies a RAW+JPEG pair (group <c>100/IMG_1</c>) from the card.</summary>
    private static (SessionGroups Groups, SessionFileRecord Raw, SessionFileRecord Jpeg) CopyingPair()
    {
        var groups = new SessionGroups();
        var raw = File("DCIM/100/IMG_1.CR2", MediaKind.Raw);
        var jpeg = File("DCIM/100/IMG_1.JPG", MediaKind.Jpeg);
        groups.Add(raw, copyPending: true);
        groups.Add(jpeg, copyPending: true);
        return (groups, raw, jpeg);
    }

    [Fact]
    public void A_raw_and_jpeg_pair_is_ready_to_derive_only_when_both_copies_are_in()
    {
        var (groups, raw, jpeg) = CopyingPair();

        Assert.Null(groups.CopyKept(raw, Sha));
        Assert.Equal("100/IMG_1", groups.CopyKept(jpeg, Sha + "2"));

        var derive = groups.ToDerive("100/IMG_1");
        Assert.True(derive.Displayable);
        Assert.Equal([raw.CardPath, jpeg.CardPath], derive.Members.Select(m => m.CardPath));
        Assert.Equal([Sha, Sha + "2"], derive.Members.Select(m => m.Sha256));
        Assert.All(derive.Members, m => Assert.Equal(FileState.Copied, m.State));
    }

    [Fact]
    public void A_group_whose_only_photo_is_a_duplicate_has_nothing_to_show_and_leaves_the_expected_entries()
    {
        var groups = new SessionGroups();
        var first = File("DCIM/100/IMG_1.JPG", MediaKind.Jpeg);
        var copy = File("DCIM/100/IMG_2.JPG", MediaKind.Jpeg);
        var sidecar = File("DCIM/100/IMG_2.XMP", MediaKind.Sidecar);
        groups.Add(first, copyPending: true);
        groups.Add(copy, copyPending: true);
        groups.Add(sidecar, copyPending: true);
        var lowered = new List<int>();
        Assert.Equal(2, groups.ExpectEntries(lowered.Add));

        Assert.Equal("100/IMG_1", groups.CopyKept(first, Sha));
        Assert.Null(groups.CopyDuplicate(copy, Sha));
        Assert.Equal([1], lowered);
        Assert.Equal(1, groups.DisplayableCount);

        // The sidecar still gets derived (to be marked final), but as a group without an entry.
        Assert.Equal("100/IMG_2", groups.CopyKept(sidecar, Sha + "x"));
        var derive = groups.ToDerive("100/IMG_2");
        Assert.False(derive.Displayable);
        Assert.Equal([sidecar.CardPath], derive.EntryFiles.Select(f => f.CardPath));
    }

    [Fact]
    public void A_duplicate_jpeg_beside_its_raw_keeps_the_group_displayable_and_the_expected_entries_unchanged()
    {
        var (groups, raw, jpeg) = CopyingPair();
        var lowered = new List<int>();
        Assert.Equal(1, groups.ExpectEntries(lowered.Add));

        Assert.Null(groups.CopyDuplicate(jpeg, Sha));
        Assert.Equal("100/IMG_1", groups.CopyKept(raw, Sha + "2"));

        Assert.Empty(lowered);
        var derive = groups.ToDerive("100/IMG_1");
        Assert.True(derive.Displayable);
        Assert.Equal([raw.CardPath], derive.Members.Select(m => m.CardPath));
        Assert.Equal([raw.CardPath], derive.EntryFiles.Select(f => f.CardPath));
    }

    [Fact]
    public void A_failed_copy_does_not_hold_its_group_back_but_is_not_rendered()
    {
        var (groups, raw, jpeg) = CopyingPair();

        Assert.Null(groups.CopyKept(jpeg, Sha));
        Assert.Equal("100/IMG_1", groups.CopyFailed(raw));

        var derive = groups.ToDerive("100/IMG_1");
        Assert.Equal([jpeg.CardPath], derive.Members.Select(m => m.CardPath));
        Assert.Equal([raw.CardPath, jpeg.CardPath], derive.EntryFiles.Select(f => f.CardPath)); // still one of the entry's members
    }

    [Fact]
    public void A_group_whose_copies_all_failed_is_never_ready_to_derive()
    {
        var groups = new SessionGroups();
        var jpeg = File("DCIM/100/IMG_1.JPG", MediaKind.Jpeg);
        groups.Add(jpeg, copyPending: true);

        Assert.Null(groups.CopyFailed(jpeg));
        Assert.Empty(groups.ReadyWithoutCopies());
        Assert.Empty(groups.ToDerive("100/IMG_1").Members);
    }

    [Fact]
    public void A_resumed_run_derives_groups_copied_earlier_and_publishes_only_groups_it_does_not_derive_again()
    {
        var groups = new SessionGroups();
        groups.Add(File("DCIM/100/A.JPG", MediaKind.Jpeg, FileState.Copied), copyPending: false); // copied, not derived
        groups.Add(File("DCIM/100/B.JPG", MediaKind.Jpeg, FileState.Derived), copyPending: false); // derived, not published
        groups.Add(File("DCIM/100/C.CR2", MediaKind.Raw, FileState.Derived), copyPending: false);
        groups.Add(File("DCIM/100/C.JPG", MediaKind.Jpeg), copyPending: true); // derived before, now gets its JPEG
        groups.Add(File("DCIM/100/D.JPG", MediaKind.Jpeg, FileState.Published), copyPending: false);

        Assert.Equal(["100/A"], groups.ReadyWithoutCopies());
        Assert.True(groups.WillDerive("100/A"));
        Assert.False(groups.WillDerive("100/B"));
        Assert.True(groups.WillDerive("100/C"));
        Assert.False(groups.WillDerive("100/D"));
        Assert.False(groups.WillDerive("100/unknown"));

        // Rendering a group again uses every member with a local copy, the derived and published ones included.
        Assert.Equal("100/C", groups.CopyKept(File("DCIM/100/C.JPG", MediaKind.Jpeg), Sha));
        Assert.Equal(["DCIM/100/C.CR2", "DCIM/100/C.JPG"], groups.ToDerive("100/C").Members.Select(m => m.CardPath));
    }

    [Fact]
    public void Deriving_and_publishing_move_the_copied_files_on_so_the_group_is_not_derived_again()
    {
        var groups = new SessionGroups();
        var jpeg = File("DCIM/100/A.JPG", MediaKind.Jpeg, FileState.Copied);
        groups.Add(jpeg, copyPending: false);

        groups.Derived("100/A");
        Assert.Empty(groups.ReadyWithoutCopies());
        Assert.False(groups.WillDerive("100/A"));
        Assert.Equal(FileState.Derived, Assert.Single(groups.ToDerive("100/A").Members).State);

        groups.Published("100/A");
        Assert.Equal(FileState.Published, Assert.Single(groups.ToDerive("100/A").Members).State);
    }

    [Fact]
    public void A_pulled_card_releases_the_groups_that_have_something_copied_once()
    {
        var groups = new SessionGroups();
        var rawA = File("DCIM/100/A.CR2", MediaKind.Raw);
        var jpegA = File("DCIM/100/A.JPG", MediaKind.Jpeg);
        var jpegB = File("DCIM/100/B.JPG", MediaKind.Jpeg);
        foreach (var file in new[] { rawA, jpegA, jpegB })
        {
            groups.Add(file, copyPending: true);
        }

        Assert.Null(groups.CopyKept(rawA, Sha));

        Assert.Equal(["100/A"], groups.ReleaseAfterCardLoss());
        Assert.Empty(groups.ReleaseAfterCardLoss());
        Assert.Equal([rawA.CardPath], groups.ToDerive("100/A").Members.Select(m => m.CardPath));
    }

    [Fact]
    public void A_copy_stopped_mid_file_keeps_its_journal_state_and_its_group_waits_for_the_next_run()
    {
        var (groups, raw, jpeg) = CopyingPair();

        Assert.Null(groups.CopyKept(raw, Sha));
        groups.CopyAbandoned(jpeg);

        // The group no longer waits for this run's copies, so the card-loss release does not list it; the next run
        // finds its copied RAW in the journal and derives it then.
        Assert.Empty(groups.ReleaseAfterCardLoss());
        var derive = groups.ToDerive("100/IMG_1");
        Assert.Equal(FileState.Discovered, derive.EntryFiles.Single(f => f.CardPath == jpeg.CardPath).State);
        Assert.Equal([raw.CardPath], derive.Members.Select(m => m.CardPath));
    }

    [Fact]
    public async Task Copies_finishing_on_many_workers_release_each_group_exactly_once()
    {
        var groups = new SessionGroups();
        var files = Enumerable.Range(0, 200).SelectMany(i => new[]
        {
            File($"DCIM/100/IMG_{i:D4}.CR2", MediaKind.Raw),
            File($"DCIM/100/IMG_{i:D4}.JPG", MediaKind.Jpeg),
        }).ToList();
        foreach (var file in files)
        {
            groups.Add(file, copyPending: true);
        }

        var ready = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Parallel.ForEachAsync(files, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = TestContext.Current.CancellationToken }, (file, _) =>
        {
            if (groups.CopyKept(file, Sha) is { } key)
            {
                ready.Add(key);
            }

            return ValueTask.CompletedTask;
        });

        Assert.Equal(200, ready.Count);
        Assert.Equal(200, ready.Distinct().Count());
    }
}
