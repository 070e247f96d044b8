using System.IO.Compression;
using GhostRoll.Gallery.Tests.Support;
using GhostRoll.Pipeline;
using GhostRoll.TestSupport;
using GhostRoll.TestSupport.Browser;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GhostRoll.Gallery.Tests.Browser;

/// <summary>The local gallery as a person opens it: index.html straight from disk (file://) in Chromium.</summary>
public sealed class LocalGalleryTests(ChromiumFixture chromium)
{
    private static IReadOnlyList<GalleryEntry> AllSamples(TestSession session) =>
        [.. SampleMedia.Instance.Entries.Select(e => session.Add(e))];

    [Fact]
    public async Task Every_thumbnail_loads_in_a_multi_column_grid_without_layout_shift()
    {
        await using var session = TestSession.Create();
        var entries = AllSamples(session);
        await session.PublishAsync(entries);
        var (browser, gallery) = await chromium.OpenGalleryAsync(session, DeviceProfile.Desktop);
        await using var _ = browser;

        await Expect(gallery.Status).ToHaveTextAsync($"{entries.Count} photos and clips · complete");
        await Expect(gallery.Tiles).ToHaveCountAsync(entries.Count);
        var pictures = await gallery.WaitForThumbnailsAsync();
        Assert.Equal(entries.Count(e => e.Thumb is not null), pictures);

        // RAW-only (CRW, CR3) and HEIC shots appear through their previews.
        foreach (var name in new[] { "CRW_1446.CRW", "Canon-R6-pruned.CR3", "IMG_3589.HEIC", "Canon.HIF" })
        {
            Assert.True(await gallery.Page.Locator($"#grid img[alt^='Photo {name}']").EvaluateAsync<int>("i => i.naturalWidth") > 0, name);
        }

        // Not one column: the first row holds several tiles side by side.
        var tops = await gallery.Page.EvalOnSelectorAllAsync<double[]>("#grid .tile", "ts => ts.map(t => t.getBoundingClientRect().top)");
        Assert.True(tops.Count(t => Math.Abs(t - tops[0]) < 1) >= 3, "the first row should hold at least 3 tiles on a desktop");

        // Tiles have the picture's aspect ratio before it loads, so nothing moves as images arrive (CLS = 0).
        var shift = await gallery.Page.EvaluateAsync<double>(
            "() => performance.getEntriesByType('layout-shift').reduce((s, e) => s + e.value, 0)");
        Assert.Equal(0, shift, 3);
        var ratios = await gallery.Page.EvalOnSelectorAllAsync<double[]>("#grid .tile img",
            "is => is.map(i => { const r = i.closest('.tile').getBoundingClientRect(); return (r.width / r.height) / (i.naturalWidth / i.naturalHeight); })");
        Assert.All(ratios, r => Assert.InRange(r, 0.97, 1.03));

        await gallery.Page.ScreenshotAsync(new() { Path = Path.Combine(Artifacts.Dir("gallery"), "local-desktop.png"), FullPage = false });
        gallery.AssertStayedLocal();
    }

    [Fact]
    public async Task Lightbox_opens_moves_with_keys_and_closes_with_escape()
    {
        await using var session = TestSession.Create();
        var entries = AllSamples(session);
        await session.PublishAsync(entries);
        var (browser, gallery) = await chromium.OpenGalleryAsync(session, DeviceProfile.Desktop);
        await using var _ = browser;
        var n = entries.Count;

        await gallery.Tiles.Nth(1).ClickAsync();
        await Expect(gallery.Lightbox).ToBeVisibleAsync();
        await Expect(gallery.Counter).ToHaveTextAsync($"2 / {n}");
        var first = await gallery.WaitForShownAsync();
        Assert.Contains("derived/", first.Src, StringComparison.Ordinal);
        await Expect(gallery.Page.Locator("#close")).ToBeFocusedAsync();
        // Neighbours are requested before the viewer moves to them.
        var ordered = entries.OrderBy(e => e, Comparer<GalleryEntry>.Create(GalleryEntry.Compare)).ToList();
        await Eventually.UntilAsync(
            () => browser.Requests.Urls.Any(u => u.EndsWith(ordered[2].Share!.Path, StringComparison.Ordinal) || u.EndsWith(ordered[2].Find("share_webp")?.Path ?? "-", StringComparison.Ordinal)),
            BrowserSession.DefaultTimeout, every: TimeSpan.FromMilliseconds(50), what: "the browser to request the next photo's share image");

        await gallery.Page.Keyboard.PressAsync("ArrowRight");
        await Expect(gallery.Counter).ToHaveTextAsync($"3 / {n}");
        Assert.NotEqual(first.Src, (await gallery.WaitForShownAsync()).Src);
        await gallery.Page.Keyboard.PressAsync("ArrowLeft");
        await gallery.Page.Keyboard.PressAsync("ArrowLeft");
        await Expect(gallery.Counter).ToHaveTextAsync($"1 / {n}");
        await gallery.Page.Keyboard.PressAsync("ArrowLeft"); // the session is complete: the viewer loops
        await Expect(gallery.Counter).ToHaveTextAsync($"{n} / {n}");
        await gallery.Page.Keyboard.PressAsync("ArrowRight");
        await Expect(gallery.Counter).ToHaveTextAsync($"1 / {n}");
        await gallery.Page.Keyboard.PressAsync("End");
        await Expect(gallery.Counter).ToHaveTextAsync($"{n} / {n}");
        await gallery.Page.Keyboard.PressAsync("Home");
        await Expect(gallery.Counter).ToHaveTextAsync($"1 / {n}");

        await gallery.Page.Keyboard.PressAsync("Escape");
        await Expect(gallery.Lightbox).ToBeHiddenAsync();
        // Focus returns to the tile of the photo last shown, so keyboard users keep their place.
        await Expect(gallery.Tiles.Nth(0)).ToBeFocusedAsync();
        gallery.AssertStayedLocal();
    }

    [Fact]
    public async Task The_heading_and_tab_say_when_the_photos_were_taken_and_by_whom()
    {
        await using var session = TestSession.Create();
        session.Context.Settings.Photographer = "Ana <Lima>";
        var media = SampleMedia.Instance;
        var entries = new[] { "100EPSON/Epson_PhotoPC_3000Z", "Camera/aarhus" }.Select(k => session.Add(media.Get(k))).ToList();
        await session.PublishAsync(entries);
        var (browser, gallery) = await chromium.OpenGalleryAsync(session, DeviceProfile.Phone);
        await using var _ = browser;

        // Shot in 2000 and in 2018, imported in 2026: the heading is the shoot's dates, not the import's.
        await Expect(gallery.Page.Locator("#title")).ToHaveTextAsync("12 Jul 2000 \u2013 30 May 2018");
        await Expect(gallery.Page.Locator("#by")).ToHaveTextAsync("Photos by Ana <Lima>"); // as text, never markup
        Assert.Equal("12 Jul 2000 \u2013 30 May 2018 \u00b7 Ana <Lima>", await gallery.Page.TitleAsync());
        gallery.AssertStayedLocal();
    }

    [Fact]
    public async Task Caption_shows_camera_time_and_camera_and_items_follow_capture_time()
    {
        await using var session = TestSession.Create();
        var media = SampleMedia.Instance;
        var entries = new[] { "100CANON/_MG_0633", "100EPSON/Epson_PhotoPC_3000Z", "Camera/aarhus", "100RAW/Canon-R6-pruned" }
            .Select(k => session.Add(media.Get(k))).ToList();
        await session.PublishAsync(entries);
        var (browser, gallery) = await chromium.OpenGalleryAsync(session, DeviceProfile.Desktop);
        await using var _ = browser;

        // 2000 (Epson) < 2018 (aarhus) < 2020-02 (EOS RP) < 2021 (R6), whatever order they were published in.
        var alts = await gallery.Page.EvalOnSelectorAllAsync<string[]>("#grid .tile img", "is => is.map(i => i.alt)");
        Assert.Collection(alts,
            a => Assert.StartsWith("Photo Epson_PhotoPC_3000Z.jpg", a, StringComparison.Ordinal),
            a => Assert.StartsWith("Photo aarhus.jpg", a, StringComparison.Ordinal),
            a => Assert.StartsWith("Photo _MG_0633.JPG", a, StringComparison.Ordinal),
            a => Assert.StartsWith("Photo Canon-R6-pruned.CR3", a, StringComparison.Ordinal));

        await gallery.Tiles.Nth(2).ClickAsync();
        // The EOS RP wrote 08:55:53 with offset -07:00: shown as the camera's wall-clock time, in any viewer zone.
        await Expect(gallery.Caption).ToContainTextAsync("18 Feb 2020, 08:55 · Canon EOS RP");
        await Expect(gallery.Caption).ToContainTextAsync("_MG_0633.JPG");
        await gallery.Page.Keyboard.PressAsync("ArrowLeft");
        // aarhus.jpg carries GPS in its EXIF: the caption (and the whole page) never shows it.
        await Expect(gallery.Caption).ToContainTextAsync("30 May 2018, 21:25 · LG Nexus 5X");
        var text = await gallery.Page.InnerTextAsync("body");
        Assert.DoesNotContain("56.15", text, StringComparison.Ordinal);
        gallery.AssertStayedLocal();
    }

    [Fact]
    public async Task Per_image_download_and_download_all_deliver_the_share_files()
    {
        await using var session = TestSession.Create();
        var entries = AllSamples(session);
        await session.PublishAsync(entries);
        var (browser, gallery) = await chromium.OpenGalleryAsync(session, DeviceProfile.Desktop);
        await using var _ = browser;
        var ordered = entries.OrderBy(e => e, Comparer<GalleryEntry>.Create(GalleryEntry.Compare)).ToList();

        // From disk Chromium ignores the download attribute, so the link opens the share JPEG in a new tab
        // (the gallery stays put); over http the same link downloads (see PresignedGalleryTests).
        await gallery.Tiles.Nth(0).ClickAsync();
        await Expect(gallery.Download).ToHaveAttributeAsync("download", Path.GetFileNameWithoutExtension(ordered[0].Name) + ".jpg");
        var tab = await gallery.Page.Context.RunAndWaitForPageAsync(() => gallery.Download.ClickAsync());
        await tab.WaitForLoadStateAsync();
        Assert.Equal(new Uri(session.Layout.FullPath(ordered[0].Share!.Path)).AbsoluteUri, tab.Url);
        Assert.True(await tab.EvaluateAsync<int>("() => document.images[0].naturalWidth") > 0);
        await tab.CloseAsync();
        Assert.StartsWith(new Uri(session.Layout.IndexHtml).AbsoluteUri, gallery.Page.Url, StringComparison.Ordinal);

        await gallery.Page.Keyboard.PressAsync("Escape");
        await Expect(gallery.DownloadAll).ToBeVisibleAsync();
        await Expect(gallery.DownloadAll).ToContainTextAsync("Download all photos (");
        if (entries.Any(e => e.Kind == GalleryEntryKind.Video))
        {
            await Expect(gallery.DownloadAll).ToContainTextAsync(", clips not included)"); // the zip holds photos only: the button says so
        }

        var zipDownload = await gallery.Page.RunAndWaitForDownloadAsync(() => gallery.DownloadAll.ClickAsync());
        Assert.Equal("share.zip", zipDownload.SuggestedFilename); // from disk; the bucket names it after the session
        var zipPath = Path.Combine(session.Root, "..", "downloaded.zip");
        await zipDownload.SaveAsAsync(zipPath);
        using var zip = ZipFile.OpenRead(zipPath);
        var photos = entries.Where(e => e.Kind == GalleryEntryKind.Photo).Order(Comparer<GalleryEntry>.Create(GalleryEntry.Compare)).ToList();
        Assert.Equal(photos.Select(e => Path.GetFileName(e.Share!.Path)), zip.Entries.Select(e => e.FullName)); // flat, in gallery order
        gallery.AssertStayedLocal();
    }

    [Fact]
    public async Task Video_clips_show_their_poster_and_a_download_link()
    {
        await using var session = TestSession.Create();
        var media = SampleMedia.Instance;
        var clip = session.Add(media.Get("100CANON/MVI_0121"));
        var noPoster = session.Add(media.Get("101APPLE/with-gps"));
        await session.PublishAsync([clip, noPoster, session.Add(media.Get("100CANON/_MG_0633"))]);
        var (browser, gallery) = await chromium.OpenGalleryAsync(session, DeviceProfile.Desktop);
        await using var _ = browser;

        var clipTile = gallery.Page.Locator("#grid .tile", new() { Has = gallery.Page.Locator("img[alt^='Video MVI_0121.AVI']") });
        await Expect(clipTile).ToContainTextAsync("Video");
        await Expect(gallery.Page.Locator("#grid .tile", new() { HasText = "with-gps.mov" })).ToContainTextAsync("Video");
        await gallery.WaitForThumbnailsAsync();

        await clipTile.ClickAsync();
        await Expect(gallery.Download).ToHaveTextAsync("Download clip (799 kB)");
        var download = await gallery.Page.RunAndWaitForDownloadAsync(() => gallery.Download.ClickAsync());
        Assert.Equal("MVI_0121.AVI", download.SuggestedFilename);
        var saved = Path.Combine(session.Root, "..", "clip.avi");
        await download.SaveAsAsync(saved);
        Assert.Equal(File.ReadAllBytes(session.Layout.FullPath(clip.VideoPath!)), File.ReadAllBytes(saved));
        gallery.AssertStayedLocal();
    }

    [Fact]
    public async Task The_enhanced_choice_stays_with_the_gallery_it_was_made_in()
    {
        await using var first = TestSession.Create();
        await using var second = TestSession.Create();
        foreach (var session in new[] { first, second })
        {
            var entry = session.Add(SampleMedia.Instance.Get("100CANON/_MG_0633"));
            session.AddEnhanced(entry);
            await session.PublishAsync([entry]);
        }

        // One browser, so both galleries share an origin (file://, like two sessions in one bucket) and its storage.
        await using var browser = await chromium.Chromium.NewSessionAsync(DeviceProfile.Desktop);
        var gallery = new GalleryPageObject(browser);
        Microsoft.Playwright.ILocator Choice(string name) => gallery.Toggle.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = name });
        await gallery.OpenAsync(first.IndexUrl);
        await Expect(gallery.Toggle).ToBeVisibleAsync();
        await Choice("Enhanced").ClickAsync();
        await Expect(Choice("Enhanced")).ToHaveAttributeAsync("aria-pressed", "true");

        await gallery.OpenAsync(second.IndexUrl);
        await Expect(gallery.Toggle).ToBeVisibleAsync();
        await Expect(Choice("Original")).ToHaveAttributeAsync("aria-pressed", "true");

        await gallery.OpenAsync(first.IndexUrl); // and the first gallery remembers its own choice
        await Expect(gallery.Toggle).ToBeVisibleAsync();
        await Expect(Choice("Enhanced")).ToHaveAttributeAsync("aria-pressed", "true");
    }

    [Fact]
    public async Task Enhanced_toggle_appears_only_once_an_enhanced_image_exists_and_falls_back_per_image()
    {
        await using var session = TestSession.Create();
        var media = SampleMedia.Instance;
        var entries = new[] { "100CANON/_MG_0633", "100NCD90/DSC_0003", "100PENTX/IMGP6671" }.Select(k => session.Add(media.Get(k))).ToList();
        await session.PublishAsync(entries);
        var (browser, gallery) = await chromium.OpenGalleryAsync(session, DeviceProfile.Desktop);
        await using var _ = browser;

        // No enhanced image anywhere: the page probed (see the request) and offers no toggle.
        await gallery.WaitForThumbnailsAsync();
        await Eventually.UntilAsync(
            () => browser.Requests.Urls.Any(u => u.Contains("/derived/enhanced/", StringComparison.Ordinal)),
            BrowserSession.DefaultTimeout, every: TimeSpan.FromMilliseconds(50), what: "the browser to request an enhanced image (the probe)");
        await Expect(gallery.Toggle).ToBeHiddenAsync();
        await gallery.Tiles.Nth(0).ClickAsync();
        await Expect(gallery.Page.Locator("#lb .seg")).ToBeHiddenAsync();
        await gallery.Page.Keyboard.PressAsync("Escape");

        // The enhancer delivers one image (for the earliest photo): after a reload the toggle is there.
        var ordered = entries.OrderBy(e => e, Comparer<GalleryEntry>.Create(GalleryEntry.Compare)).ToList();
        session.AddEnhanced(ordered[0]);
        await gallery.Page.ReloadAsync();
        await Expect(gallery.Toggle).ToBeVisibleAsync();
        await Expect(gallery.Toggle.GetByRole(AriaRole.Button, new() { Name = "Original" })).ToHaveAttributeAsync("aria-pressed", "true");

        await gallery.Toggle.GetByRole(AriaRole.Button, new() { Name = "Enhanced" }).ClickAsync();
        await gallery.Tiles.Nth(0).ClickAsync();
        var shown = await gallery.WaitForShownAsync();
        Assert.Contains("/derived/enhanced/", shown.Src, StringComparison.Ordinal);
        await Expect(gallery.Download).ToHaveAttributeAsync("download", Path.GetFileNameWithoutExtension(ordered[0].Name) + "-enhanced.jpg");

        // The next photo has no enhanced version: it falls back to its original and says so.
        await gallery.Page.Keyboard.PressAsync("ArrowRight");
        await Expect(gallery.Caption).ToContainTextAsync("original (no enhanced version yet)");
        shown = await gallery.WaitForShownAsync();
        Assert.Contains("/derived/share/", shown.Src, StringComparison.Ordinal);

        // The choice is remembered.
        await gallery.Page.Keyboard.PressAsync("Escape");
        await gallery.Page.ReloadAsync();
        await Expect(gallery.Toggle.GetByRole(AriaRole.Button, new() { Name = "Enhanced" })).ToHaveAttributeAsync("aria-pressed", "true");
        gallery.AssertStayedLocal();
    }

    [Fact]
    public async Task Hostile_file_names_and_camera_strings_render_as_text()
    {
        await using var session = TestSession.Create();
        var hostile = session.AddHostile();
        await session.PublishAsync([.. hostile, session.Add(SampleMedia.Instance.Get("100CANON/_MG_0633"))]);
        var (browser, gallery) = await chromium.OpenGalleryAsync(session, DeviceProfile.Desktop);
        await using var _ = browser;

        Assert.Equal(hostile.Count + 1, await gallery.WaitForThumbnailsAsync());
        var alts = await gallery.Page.EvalOnSelectorAllAsync<string[]>("#grid .tile img", "is => is.map(i => i.alt)");
        foreach (var name in TestSession.HostileNames)
        {
            Assert.Contains(alts, a => a.Contains(name, StringComparison.Ordinal));
        }

        for (var i = 1; i <= hostile.Count; i++)
        {
            await gallery.Tiles.Nth(i).ClickAsync();
            await Expect(gallery.Caption).ToContainTextAsync(TestSession.HostileCamera);
            await Expect(gallery.Caption).ToContainTextAsync(TestSession.HostileNames[i - 1]);
            await gallery.WaitForShownAsync();
            await gallery.Page.Keyboard.PressAsync("Escape");
            await Expect(gallery.Lightbox).ToBeHiddenAsync();
        }

        // Nothing the names describe exists as markup, and nothing ran.
        Assert.Equal(0, await gallery.Page.Locator("img[src='x'], b").CountAsync());
        Assert.Equal(3, await gallery.Page.Locator("script").CountAsync()); // config, manifest, code: no injected ones
        Assert.Empty(browser.Dialogs);
        await gallery.Page.ScreenshotAsync(new() { Path = Path.Combine(Artifacts.Dir("gallery"), "local-hostile-names.png") });
        gallery.AssertStayedLocal();
    }

    [Fact]
    public async Task Phone_swipe_pinch_and_double_tap_work_on_a_narrow_touch_screen()
    {
        await using var session = TestSession.Create();
        var entries = AllSamples(session);
        await session.PublishAsync(entries);
        var (browser, gallery) = await chromium.OpenGalleryAsync(session, DeviceProfile.Phone);
        await using var _ = browser;
        await gallery.WaitForThumbnailsAsync();
        await gallery.Page.ScreenshotAsync(new() { Path = Path.Combine(Artifacts.Dir("gallery"), "local-phone.png") });
        // A 3x phone's small tiles take the 512 px thumbnails, not the 2048 px share images (a tenth of the bytes).
        Assert.DoesNotContain(browser.Requests.Urls, u => u.Contains("/derived/share/", StringComparison.Ordinal));

        // Two or three tiles per row on a 390 px screen: a grid, not a column.
        var tops = await gallery.Page.EvalOnSelectorAllAsync<double[]>("#grid .tile", "ts => ts.slice(0, 6).map(t => t.getBoundingClientRect().top)");
        Assert.True(tops.Count(t => Math.Abs(t - tops[0]) < 1) >= 2);

        await gallery.Tiles.Nth(0).TapAsync();
        await Expect(gallery.Counter).ToHaveTextAsync($"1 / {entries.Count}");
        await gallery.WaitForShownAsync();
        // Every control of the viewer is a 44 px target on a phone, and the caption is announced as it changes.
        foreach (var control in new[] { "#close", "#dl" })
        {
            var box = (await gallery.Page.Locator(control).BoundingBoxAsync())!;
            Assert.True(box.Width >= 44 && box.Height >= 44, $"{control} is {box.Width}x{box.Height} px");
        }

        Assert.Equal("polite", await gallery.Page.Locator("#cap").GetAttributeAsync("aria-live"));
        await gallery.Page.ScreenshotAsync(new() { Path = Path.Combine(Artifacts.Dir("gallery"), "local-phone-lightbox.png") });
        var touch = new Touchscreen(await browser.DevToolsAsync());

        await touch.SwipeAsync((300, 400), (60, 410));
        await Expect(gallery.Counter).ToHaveTextAsync($"2 / {entries.Count}");
        await touch.SwipeAsync((60, 400), (320, 390));
        await Expect(gallery.Counter).ToHaveTextAsync($"1 / {entries.Count}");

        await touch.PinchAsync((195, 400), from: 40, to: 160);
        Assert.InRange(await gallery.ZoomAsync(), 3.5, 4.5);
        // Zoomed in, one finger pans instead of changing photo.
        await touch.SwipeAsync((300, 400), (100, 400));
        await Expect(gallery.Counter).ToHaveTextAsync($"1 / {entries.Count}");
        await touch.DoubleTapAsync((195, 400)); // back to fit
        await gallery.Page.WaitForFunctionAsync("() => new DOMMatrixReadOnly(getComputedStyle(document.querySelector('#frame')).transform).a === 1");
        await touch.DoubleTapAsync((100, 300));
        await gallery.Page.WaitForFunctionAsync("() => Math.abs(new DOMMatrixReadOnly(getComputedStyle(document.querySelector('#frame')).transform).a - 2.5) < 0.01");
        gallery.AssertStayedLocal();
    }

    [Fact]
    public async Task Dark_reduced_motion_desktop_has_visible_focus_and_no_animation()
    {
        await using var session = TestSession.Create();
        await session.PublishAsync(AllSamples(session));
        var (browser, gallery) = await chromium.OpenGalleryAsync(session, DeviceProfile.Desktop with { Dark = true, ReducedMotion = true });
        await using var _ = browser;
        await gallery.WaitForThumbnailsAsync();

        var background = await gallery.Page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");
        Assert.Equal("rgb(18, 18, 18)", background);
        Assert.Equal("none", await gallery.Page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('#status'), '::before').animationName"));

        await gallery.Page.Keyboard.PressAsync("Tab");
        await gallery.Page.Keyboard.PressAsync("Tab");
        var outline = await gallery.Page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle");
        Assert.Equal("solid", outline);
        Assert.Equal("tile", await gallery.Page.EvaluateAsync<string>("() => document.activeElement.className"));
        await gallery.Page.Keyboard.PressAsync("Enter");
        await Expect(gallery.Lightbox).ToBeVisibleAsync();
        await gallery.Page.ScreenshotAsync(new() { Path = Path.Combine(Artifacts.Dir("gallery"), "local-desktop-dark-lightbox.png") });
        gallery.AssertStayedLocal();
    }

    [Fact]
    public async Task A_local_page_opened_mid_import_catches_up_by_itself()
    {
        var clock = new ManualTimeProvider(GalleryClock.Start);
        await using var session = TestSession.Create(time: clock);
        var entries = AllSamples(session).Where(e => e.Kind == GalleryEntryKind.Photo).Take(6).ToList();
        session.Context.ExpectedEntries = entries.Count;
        await session.Publisher.BeginAsync(session.Context, TestContext.Current.CancellationToken);
        clock.Advance(session.Publisher.RewriteInterval);
        await session.Publisher.PublishAsync(session.Context, entries[0], TestContext.Current.CancellationToken);
        var (browser, gallery) = await chromium.OpenGalleryAsync(session, DeviceProfile.Desktop);
        await using var _ = browser;
        await Expect(gallery.Status).ToHaveTextAsync("1 of 6 photos · more on the way");

        // The import goes on and finishes; the page (file://, no fetch) reloads itself and shows the end state.
        var ordered = entries.ToList();
        ordered.Sort(GalleryEntry.Compare);
        await session.Publisher.CompleteAsync(session.Context, new PublishCompletion(true, ordered), TestContext.Current.CancellationToken);
        await Expect(gallery.Status).ToHaveTextAsync("6 photos · complete");
        await Expect(gallery.Tiles).ToHaveCountAsync(6);
        await Expect(gallery.DownloadAll).ToBeVisibleAsync();
        gallery.AssertStayedLocal();
    }
}
