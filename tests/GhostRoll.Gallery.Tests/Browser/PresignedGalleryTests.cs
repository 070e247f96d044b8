using GhostRoll.Gallery.Manifest;
using GhostRoll.Gallery.Tests.Support;
using GhostRoll.Pipeline;
using GhostRoll.TestSupport;
using GhostRoll.TestSupport.Browser;
using static Microsoft.Playwright.Assertions;

namespace GhostRoll.Gallery.Tests.Browser;

/// <summary>
/// The S3 gallery: index.html and manifest.json behind presigned URLs on an HTTP origin that answers 403 for
/// expired links. The page polls the manifest and fills in while photos arrive.
/// </summary>
public sealed class PresignedGalleryTests(ChromiumFixture chromium)
{
    private const double PollSeconds = 0.3;

    private static List<GalleryEntry> Photos(TestSession session, int count) =>
        [.. SampleMedia.Instance.Entries.Where(e => e.Kind == GalleryEntryKind.Photo).Take(count).Select(e => session.Add(e))];

    private static List<GalleryEntry> Ordered(IEnumerable<GalleryEntry> entries)
    {
        var list = entries.ToList();
        list.Sort(GalleryEntry.Compare);
        return list;
    }

    [Fact]
    public async Task Tiles_append_while_the_manifest_grows_and_polling_stops_when_complete()
    {
        await using var session = TestSession.Create();
        await using var server = new PresignedOriginServer(Path.Combine(session.Root, "..", "bucket"));
        var bucket = new BucketGallery(server, session);
        var photos = Photos(session, 12);
        var arrival = photos.OrderByDescending(e => e.CapturedLocal).ToList(); // newest first: later ones must slot in before

        // Within a second of insertion the page exists with zero items.
        bucket.PublishManifest([], expected: 0, complete: false);
        var link = bucket.PublishPage(PollSeconds);
        await using var browser = await chromium.Chromium.NewSessionAsync(DeviceProfile.Desktop);
        var gallery = new GalleryPageObject(browser);
        await gallery.OpenAsync(link);
        await Expect(gallery.Status).ToHaveTextAsync("Waiting for the first photos…");
        await Expect(browser.Page.Locator("#empty")).ToBeVisibleAsync();
        await browser.Page.ScreenshotAsync(new() { Path = Path.Combine(Artifacts.Dir("gallery"), "s3-waiting-desktop.png") });

        foreach (var count in new[] { 3, 8 })
        {
            var ready = arrival.Take(count).ToList();
            ready.ForEach(bucket.Upload);
            bucket.PublishManifest(ready, expected: photos.Count, complete: false);
            await Expect(gallery.Tiles).ToHaveCountAsync(count);
            await Expect(gallery.Status).ToHaveTextAsync($"{count} of {photos.Count} photos · more on the way");
            Assert.Equal(count, await gallery.WaitForThumbnailsAsync());
            // Tiles keep gallery order (capture time) even though the newest photos arrived first.
            var names = await browser.Page.EvalOnSelectorAllAsync<string[]>("#grid .tile img", "is => is.map(i => i.alt)");
            Assert.Equal(Ordered(ready).Select(e => "Photo " + e.Name), names.Select(a => a.Split(',')[0]));
        }

        await browser.Page.ScreenshotAsync(new() { Path = Path.Combine(Artifacts.Dir("gallery"), "s3-filling-desktop.png") });
        photos.ForEach(bucket.Upload);
        var zip = Path.Combine(session.Root, "..", "share.zip");
        await File.WriteAllBytesAsync(zip, [0x50, 0x4B, 0x05, 0x06, .. new byte[18]], TestContext.Current.CancellationToken); // an empty zip
        server.Put(bucket.Prefix + "share.zip", zip);
        bucket.PublishManifest(photos, expected: photos.Count, complete: true, new ManifestFile(server.Presign(bucket.Prefix + "share.zip", BucketGallery.Lifetime), 22));
        await Expect(gallery.Status).ToHaveTextAsync($"{photos.Count} photos · complete");
        await Expect(gallery.DownloadAll).ToBeVisibleAsync();

        // Complete means complete: the page stops asking for the manifest. A fixed wait is inherent in "nothing more
        // happens"; load can only make it see fewer polls, never fail a correct page.
        var polls = server.CountRequests(bucket.Prefix + "manifest.json");
        await Task.Delay(TimeSpan.FromSeconds(PollSeconds * 6), TestContext.Current.CancellationToken);
        Assert.Equal(polls, server.CountRequests(bucket.Prefix + "manifest.json"));

        // Over http the per-image download really downloads (same origin as the bucket).
        await gallery.Tiles.Nth(0).ClickAsync();
        var download = await browser.Page.RunAndWaitForDownloadAsync(() => gallery.Download.ClickAsync());
        var first = Ordered(photos)[0];
        Assert.Equal(Path.GetFileNameWithoutExtension(first.Name) + ".jpg", download.SuggestedFilename);
        var saved = Path.Combine(session.Root, "..", "download.jpg");
        await download.SaveAsAsync(saved);
        Assert.Equal(File.ReadAllBytes(session.Layout.FullPath(first.Share!.Path)), File.ReadAllBytes(saved));

        Assert.Empty(browser.Requests.LeavingLoopback());
        Assert.Empty(gallery.UnexpectedConsoleErrors());
    }

    [Fact]
    public async Task An_expired_link_says_so_in_plain_words()
    {
        await using var session = TestSession.Create();
        await using var server = new PresignedOriginServer(Path.Combine(session.Root, "..", "bucket"));
        var bucket = new BucketGallery(server, session);
        var photos = Photos(session, 3);
        photos.ForEach(bucket.Upload);
        bucket.PublishManifest(photos, expected: 10, complete: false);
        var link = bucket.PublishPage(PollSeconds);
        await using var browser = await chromium.Chromium.NewSessionAsync(DeviceProfile.Phone);
        var gallery = new GalleryPageObject(browser);
        await gallery.OpenAsync(link);
        await Expect(gallery.Tiles).ToHaveCountAsync(3);

        // A week later the presigned URLs stop working: S3 answers 403 to the next poll.
        server.Now += TimeSpan.FromDays(8);
        await Expect(browser.Page.Locator("#expired")).ToBeVisibleAsync();
        await Expect(browser.Page.Locator("#expired")).ToContainTextAsync("This link has expired");
        await Expect(gallery.Tiles).ToHaveCountAsync(0);
        await Expect(gallery.Status).ToHaveTextAsync("Link expired");
        await browser.Page.ScreenshotAsync(new() { Path = Path.Combine(Artifacts.Dir("gallery"), "s3-expired-phone.png") });
        Assert.Contains(server.Log, r => r.Key.EndsWith("manifest.json", StringComparison.Ordinal) && r.Status == 403);
        Assert.Empty(browser.Requests.LeavingLoopback());
    }

    [Fact]
    public async Task The_enhanced_toggle_appears_while_the_page_is_open_once_the_enhancer_delivers()
    {
        await using var session = TestSession.Create();
        await using var server = new PresignedOriginServer(Path.Combine(session.Root, "..", "bucket"));
        var bucket = new BucketGallery(server, session);
        var photos = Photos(session, 4);
        photos.ForEach(bucket.Upload);
        bucket.PublishManifest(photos, expected: 6, complete: false);
        var link = bucket.PublishPage(PollSeconds);
        await using var browser = await chromium.Chromium.NewSessionAsync(DeviceProfile.Desktop);
        var gallery = new GalleryPageObject(browser);
        await gallery.OpenAsync(link);
        await gallery.WaitForThumbnailsAsync();

        // Probed, answered 403 (no such object yet): no toggle.
        var first = Ordered(photos)[0];
        var enhancedKey = bucket.Key(ManifestBuilder.EnhancedPath(first.Key));
        // Wait for the page's probe (a condition, not a count of sleeps).
        await Eventually.UntilAsync(() => server.CountRequests(enhancedKey) > 0, every: TimeSpan.FromMilliseconds(50), what: $"the page to probe {enhancedKey}");

        Assert.Contains(server.Log, r => r.Key == enhancedKey && r.Status == 403);
        await Expect(gallery.Toggle).ToBeHiddenAsync();

        // The enhancer writes its version of the first upload; the open page notices without a reload.
        bucket.UploadEnhanced(first);
        await Expect(gallery.Toggle).ToBeVisibleAsync();
        await gallery.Toggle.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Enhanced" }).ClickAsync();
        await gallery.Tiles.Nth(0).ClickAsync();
        Assert.Contains("/enhanced/", (await gallery.WaitForShownAsync()).Src, StringComparison.Ordinal);
        await browser.Page.Keyboard.PressAsync("ArrowRight");
        Assert.Contains("/share/", (await gallery.WaitForShownAsync()).Src, StringComparison.Ordinal);
        Assert.Empty(browser.Requests.LeavingLoopback());
        Assert.Empty(gallery.UnexpectedConsoleErrors());
    }

    [Fact]
    public async Task A_lost_connection_is_shown_and_the_page_recovers_by_itself()
    {
        await using var session = TestSession.Create();
        await using var server = new PresignedOriginServer(Path.Combine(session.Root, "..", "bucket"));
        var bucket = new BucketGallery(server, session);
        var photos = Photos(session, 5);
        photos.ForEach(bucket.Upload);
        bucket.PublishManifest(photos.Take(2).ToList(), expected: 5, complete: false);
        await using var browser = await chromium.Chromium.NewSessionAsync(DeviceProfile.Phone);
        var gallery = new GalleryPageObject(browser);
        await gallery.OpenAsync(bucket.PublishPage(PollSeconds));
        await Expect(gallery.Tiles).ToHaveCountAsync(2);

        server.Unavailable = true;
        await Expect(gallery.Status).ToHaveTextAsync("2 of 5 photos · connection lost, retrying…");
        await Expect(gallery.Tiles).ToHaveCountAsync(2); // what was there stays

        bucket.PublishManifest(photos, expected: 5, complete: true);
        server.Unavailable = false;
        await Expect(gallery.Status).ToHaveTextAsync("5 photos · complete");
        await Expect(gallery.Tiles).ToHaveCountAsync(5);
    }
}
