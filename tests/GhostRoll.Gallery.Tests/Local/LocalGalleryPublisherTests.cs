using System.IO.Compression;
using System.Text.Json;
using GhostRoll.Gallery.Manifest;
using GhostRoll.Gallery.Tests.Support;
using GhostRoll.Pipeline;
using GhostRoll.Sessions;
using GhostRoll.Storage;
using GhostRoll.TestSupport;

namespace GhostRoll.Gallery.Tests.Local;

/// <summary>What the local publisher leaves on disk, with a hand-moved clock (no sleeps, no wall-clock asserts).</summary>
public sealed class LocalGalleryPublisherTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static GalleryManifest ReadManifest(TestSession session) =>
        JsonSerializer.Deserialize(File.ReadAllText(session.Layout.ManifestJson), ManifestJsonContext.Default.GalleryManifest)!;

    private static List<GalleryEntry> Samples(TestSession session, params string[] keys) =>
        [.. keys.Select(k => session.Add(SampleMedia.Instance.Get(k)))];

    [Fact]
    public async Task Begin_writes_a_page_that_waits_for_photos()
    {
        await using var session = TestSession.Create();
        await session.Publisher.BeginAsync(session.Context, Token);

        var manifest = ReadManifest(session);
        Assert.Empty(manifest.Items);
        Assert.False(manifest.Complete);
        Assert.Equal(TestSession.DefaultSessionId, manifest.SessionId);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(File.ReadAllText(session.Layout.IndexHtml));
        Assert.NotNull(page.QuerySelector("#gr-manifest"));
        Assert.Equal("Photos · 14 Mar 2026 10:15", page.Title);
    }

    [Fact]
    public async Task Rewrites_are_throttled_and_a_timer_writes_what_was_held_back()
    {
        var clock = new ManualTimeProvider(GalleryClock.Start);
        await using var session = TestSession.Create(time: clock);
        var entries = Samples(session, "100CANON/_MG_0633", "100NCD90/DSC_0003", "Camera/aarhus");
        var interval = session.Publisher.RewriteInterval;
        await session.Publisher.BeginAsync(session.Context, Token);

        clock.Advance(interval); // the first photo comes a while after the start
        await session.Publisher.PublishAsync(session.Context, entries[0], Token);
        Assert.Single(ReadManifest(session).Items); // written at once

        clock.Advance(TimeSpan.FromSeconds(1));
        await session.Publisher.PublishAsync(session.Context, entries[1], Token);
        await session.Publisher.PublishAsync(session.Context, entries[2], Token);
        Assert.Single(ReadManifest(session).Items); // held back: still one
        Assert.Equal(1, clock.ActiveTimers);

        clock.Advance(interval);
        Assert.Equal(3, ReadManifest(session).Items.Count);
        Assert.Contains("aarhus.jpg", File.ReadAllText(session.Layout.IndexHtml), StringComparison.Ordinal);
        Assert.Equal(0, clock.ActiveTimers);
    }

    [Fact]
    public async Task Complete_writes_share_zip_with_the_share_jpegs_and_marks_the_gallery_complete()
    {
        await using var session = TestSession.Create();
        var entries = Samples(session, "100CANON/_MG_0633", "100NCD90/DSC_0003", "100CANON/MVI_0121", "101APPLE/with-gps");
        await session.PublishAsync(entries);

        using (var zip = ZipFile.OpenRead(session.Layout.ShareZip))
        {
            // Photos only, flat, in gallery order (capture time), each dated when it was taken; clips are downloaded
            // one by one.
            var photos = entries.Where(e => e.Kind == GalleryEntryKind.Photo).Order(Comparer<GalleryEntry>.Create(GalleryEntry.Compare)).ToList();
            Assert.Equal(photos.Select(e => Path.GetFileName(e.Share!.Path)), zip.Entries.Select(e => e.FullName));
            foreach (var (entry, photo) in zip.Entries.Zip(photos))
            {
                Assert.Equal(photo.CapturedLocal!.Value, entry.LastWriteTime.DateTime, TimeSpan.FromSeconds(2));
                using var stream = entry.Open();
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                Assert.Equal(File.ReadAllBytes(session.Layout.FullPath(photo.Share!.Path)), copy.ToArray());
            }
        }

        var manifest = ReadManifest(session);
        Assert.True(manifest.Complete);
        Assert.Equal(4, manifest.Items.Count);
        Assert.Equal(
            new ManifestFile("share.zip", new FileInfo(session.Layout.ShareZip).Length, "application/zip", GhostRoll.Gallery.Local.ShareZip.FileNameFor(manifest.Title), PhotosOnly: true),
            manifest.DownloadAll);
        using var written = ZipFile.OpenRead(session.Layout.ShareZip);
        Assert.All(written.Entries, e => Assert.EndsWith(".jpg", e.FullName, StringComparison.Ordinal)); // no clips: the manifest says photos_only
        Assert.Empty(Directory.EnumerateFiles(session.Root, "*" + AtomicFile.TempSuffix, SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Two_folders_with_the_same_file_name_both_reach_the_zip()
    {
        await using var session = TestSession.Create();
        var sample = SampleMedia.Instance.Get("100CANON/_MG_0633");
        var entries = new List<GalleryEntry>
        {
            session.Add(sample, "100CANON/IMG_0001", "IMG_0001.JPG", new DateTime(2024, 5, 1, 10, 0, 0)),
            session.Add(sample, "101CANON/IMG_0001", "IMG_0001.JPG", new DateTime(2024, 5, 1, 11, 0, 0)),
            session.Add(sample, "102CANON/img_0001", "img_0001.JPG", new DateTime(2024, 5, 1, 12, 0, 0)),
        };
        await session.PublishAsync(entries);

        using var zip = ZipFile.OpenRead(session.Layout.ShareZip);
        Assert.Equal(["IMG_0001.jpg", "IMG_0001 (101CANON).jpg", "img_0001 (102CANON).jpg"], zip.Entries.Select(e => e.FullName));
    }

    [Fact]
    public async Task Completing_again_keeps_a_current_zip_and_rebuilds_a_stale_one()
    {
        await using var session = TestSession.Create();
        var entries = Samples(session, "100CANON/_MG_0633", "100NCD90/DSC_0003");
        await session.PublishAsync(entries);
        var written = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(session.Layout.ShareZip, written);

        await session.PublishAsync(entries); // a replayed completion: nothing changed
        Assert.Equal(written, File.GetLastWriteTimeUtc(session.Layout.ShareZip));

        entries.Add(session.Add(SampleMedia.Instance.Get("Camera/aarhus")));
        await session.PublishAsync(entries);
        Assert.NotEqual(written, File.GetLastWriteTimeUtc(session.Layout.ShareZip));
        using var zip = ZipFile.OpenRead(session.Layout.ShareZip);
        Assert.Equal(3, zip.Entries.Count);
    }

    [Fact]
    public async Task A_held_back_rewrite_never_undoes_completion()
    {
        var clock = new ManualTimeProvider(GalleryClock.Start);
        await using var session = TestSession.Create(time: clock);
        var entries = Samples(session, "100CANON/_MG_0633", "100NCD90/DSC_0003");
        await session.Publisher.BeginAsync(session.Context, Token);
        clock.Advance(session.Publisher.RewriteInterval);
        await session.Publisher.PublishAsync(session.Context, entries[0], Token);
        await session.Publisher.PublishAsync(session.Context, entries[1], Token); // arms the timer
        await session.Publisher.CompleteAsync(session.Context, new PublishCompletion(true, entries), Token);
        clock.Advance(TimeSpan.FromMinutes(1));

        var manifest = ReadManifest(session);
        Assert.True(manifest.Complete);
        Assert.NotNull(manifest.DownloadAll);
    }

    [Fact]
    public async Task A_resumed_run_starts_from_what_the_journal_already_holds()
    {
        await using var session = TestSession.Create();
        var earlier = session.Add(SampleMedia.Instance.Get("100CANON/_MG_0633"));
        var now = DateTime.UtcNow;
        session.Database.CreateSession(new SessionRecord(session.Layout.SessionId, SessionState.Active, null, "auto-import", null, session.Root, now, now, null, null, null));
        session.Database.RecordDerived(session.Layout.SessionId, earlier.Key, GalleryEntryKind.Photo, new DeriveOutcome
        {
            Variants = earlier.Variants,
            SourceCardPath = "DCIM/100CANON/_MG_0633.JPG",
        });

        // The crash happened before the page was rewritten: Begin alone brings it back.
        await session.Publisher.BeginAsync(session.Context, Token);
        var item = Assert.Single(ReadManifest(session).Items);
        Assert.Equal("100CANON/_MG_0633", item.Id);
        Assert.Equal("_MG_0633.JPG", item.Name);
        Assert.Equal("derived/share/100CANON/_MG_0633.jpg", item.Share!.Url);
    }

    [Fact]
    public async Task A_session_title_beats_the_setting_and_the_dates_and_removing_it_brings_them_back()
    {
        await using var session = TestSession.Create();
        session.Context.Settings.GalleryTitle = "Every gallery";
        var entries = Samples(session, "100CANON/_MG_0633");
        SessionGalleryTitle.Write(session.Layout, "  Ana & Bo's <wedding>  ");
        await session.PublishAsync(entries);

        Assert.Equal("Ana & Bo's <wedding>", ReadManifest(session).Title);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(File.ReadAllText(session.Layout.IndexHtml));
        Assert.Equal("Ana & Bo's <wedding>", page.Title);
        Assert.Equal("Ana & Bo's <wedding>", page.QuerySelector("meta[property='og:title']")!.GetAttribute("content"));
        Assert.Equal("Ana & Bo's <wedding>", page.QuerySelector("h1")!.TextContent);

        SessionGalleryTitle.Write(session.Layout, "");
        Assert.False(File.Exists(SessionGalleryTitle.PathFor(session.Layout)));
        await session.PublishAsync(entries);
        Assert.Equal("Every gallery", ReadManifest(session).Title);

        // A damaged file is no reason for a gallery to fail: it falls back to the setting.
        await File.WriteAllTextAsync(SessionGalleryTitle.PathFor(session.Layout), "{ not json", Token);
        Assert.Null(SessionGalleryTitle.Read(session.Layout));
        Assert.Throws<FormatException>(() => SessionGalleryTitle.Validate(new string('x', 81)));
        Assert.Throws<FormatException>(() => SessionGalleryTitle.Validate("two\nlines"));
    }
}
