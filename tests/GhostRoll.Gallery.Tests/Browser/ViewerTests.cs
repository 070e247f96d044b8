using GhostRoll.Gallery.Tests.Support;
using GhostRoll.Pipeline;
using GhostRoll.TestSupport;
using GhostRoll.TestSupport.Browser;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GhostRoll.Gallery.Tests.Browser;

/// <summary>
/// The viewer as a person uses it: the strip of slides under a finger, drag-to-close, bars, zoom limits, clips
/// that play and Live Photos, in Chromium at phone and desktop sizes. The JPEG screenshots these tests leave in
/// TestResults/artifacts/gallery/docs-*.jpg are the ones in docs/screenshots.
/// </summary>
public sealed class ViewerTests(ChromiumFixture chromium)
{
    private const string FixtureMov = "DCIM/101APPLE/with-gps.mov"; // H.264 + AAC, 568x320, 4.0 s

    private static readonly Comparer<GalleryEntry> GalleryOrder = Comparer<GalleryEntry>.Create(GalleryEntry.Compare);

    private static Task ShotAsync(GalleryPageObject gallery, string name) =>
        gallery.Page.ScreenshotAsync(new()
        {
            Path = Path.Combine(Artifacts.Dir("gallery"), $"docs-{name}.jpg"),
            Type = ScreenshotType.Jpeg,
            Quality = 70,
            Scale = ScreenshotScale.Css, // a phone at 390x844, not 3x that: small enough for the docs
        });

    /// <summary>
    /// An MP4 in the session (the fixture MOV's streams copied into an MP4 container by Debian's ffmpeg: Chromium
    /// here plays H.264, checked with canPlayType('video/mp4; codecs="avc1.42E01E"') = "probably").
    /// </summary>
    private static (string Path, long Bytes) Mp4In(TestSession session, string relative)
    {
        var target = session.Layout.FullPath(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
        ExternalTool.Run("ffmpeg", ["-v", "error", "-y", "-i", Fixtures.File("odd", FixtureMov), "-map", "0:v:0", "-map", "0:a:0", "-c", "copy", "-movflags", "+faststart", target]);
        return (relative, new FileInfo(target).Length);
    }

    [Fact]
    public async Task Swiping_shows_the_neighbour_under_the_finger_and_dragging_down_closes()
    {
        await using var session = TestSession.Create();
        var entries = SampleMedia.Instance.Entries.Where(e => e.Kind == GalleryEntryKind.Photo).Take(8).Select(e => session.Add(e)).ToList();
        await session.PublishAsync(entries);
        var (browser, gallery) = await chromium.OpenGalleryAsync(session, DeviceProfile.Phone);
        await using var _ = browser;
        await gallery.WaitForThumbnailsAsync();
        await ShotAsync(gallery, "phone");
        var n = entries.Count;

        await gallery.Tiles.Nth(0).TapAsync();
        await Expect(gallery.Counter).ToHaveTextAsync($"1 / {n}");
        await gallery.WaitForShownAsync();
        // The next photo is already in the strip, to the right of the screen, and loaded.
        await gallery.Page.WaitForFunctionAsync("() => { const i = [...document.querySelectorAll('.slot[inert] img:not(.low)')].find(i => i.getBoundingClientRect().left >= innerWidth); return i && i.complete && i.naturalWidth > 0; }");

        var finger = new Finger(await browser.DevToolsAsync());
        await finger.DownAsync(300, 420);
        await finger.MoveAsync(150, 425);
        // Mid-swipe: the current photo has moved left with the finger and the next one shows on the right.
        var visible = await gallery.Page.EvaluateAsync<double>(
            "() => Math.max(...[...document.querySelectorAll('.slot[inert] img:not(.low)')].map(i => { const r = i.closest('.slot').getBoundingClientRect(); return Math.min(r.right, innerWidth) - Math.max(r.left, 0); }))");
        Assert.InRange(visible, 100, 200); // the finger moved 150 px; a 16 px gap separates the slides
        await ShotAsync(gallery, "viewer-swipe");
        await finger.UpAsync();
        await Expect(gallery.Counter).ToHaveTextAsync($"2 / {n}");

        // A short, slow move springs back.
        await finger.DownAsync(200, 420);
        await finger.MoveAsync(170, 420, steps: 20);
        await finger.UpAsync();
        await Expect(gallery.Counter).ToHaveTextAsync($"2 / {n}");

        // Dragging down: the photo follows the finger and the grid shows through, then the viewer closes.
        await finger.DownAsync(195, 300);
        await finger.MoveAsync(195, 450);
        var drag = await gallery.Page.EvaluateAsync<double[]>(
            "() => [new DOMMatrixReadOnly(getComputedStyle(document.querySelector('.slot:not([inert]) .pose')).transform).f, +getComputedStyle(document.querySelector('#shade')).opacity]");
        var (moved, shade) = (drag[0], drag[1]);
        Assert.InRange(moved, 100, 200);
        Assert.InRange(shade, 0.1, 0.9);
        await finger.MoveAsync(195, 650);
        await finger.UpAsync();
        await Expect(gallery.Lightbox).ToBeHiddenAsync();
        await Expect(gallery.Tiles.Nth(1)).ToBeFocusedAsync(); // the tile of the photo last shown
        Assert.DoesNotContain("#", gallery.Page.Url, StringComparison.Ordinal); // its history entry is gone too
        gallery.AssertStayedLocal();
    }

    [Fact]
    public async Task A_tap_hides_the_bars_the_strip_loops_and_zoom_stops_at_the_pictures_own_pixels()
    {
        await using var session = TestSession.Create();
        var entries = SampleMedia.Instance.Entries.Where(e => e.Kind == GalleryEntryKind.Photo).Take(5).Select(e => session.Add(e)).ToList();
        await session.PublishAsync(entries);
        var (browser, gallery) = await chromium.OpenGalleryAsync(session, DeviceProfile.Desktop);
        await using var _ = browser;
        var n = entries.Count;

        await gallery.Tiles.Nth(0).ClickAsync();
        await gallery.WaitForShownAsync();
        var close = gallery.Page.Locator("#close");
        await Expect(close).ToBeVisibleAsync();

        // One click on the photo hides the bars (the photo has the whole screen); another brings them back.
        await gallery.Page.Mouse.ClickAsync(720, 450);
        await Expect(close).ToBeHiddenAsync();
        await Expect(gallery.Caption).ToBeHiddenAsync();
        await gallery.Page.Mouse.ClickAsync(720, 450);
        await Expect(close).ToBeVisibleAsync();

        // The session is complete: left of the first photo is the last one.
        await gallery.Page.Keyboard.PressAsync("ArrowLeft");
        await Expect(gallery.Counter).ToHaveTextAsync($"{n} / {n}");
        await gallery.Page.Keyboard.PressAsync("ArrowRight");
        await Expect(gallery.Counter).ToHaveTextAsync($"1 / {n}");

        // + zooms, but never past one share-image pixel per screen pixel; 0 goes back to fit.
        var first = entries.Order(GalleryOrder).First();
        var share = first.Share!;
        var stage = (await gallery.Page.Locator("#stage").BoundingBoxAsync())!;
        var cap = Math.Max(1, Math.Max(share.Width / stage.Width, share.Height / stage.Height));
        for (var i = 0; i < 12; i++)
        {
            await gallery.Page.Keyboard.PressAsync("Equal"); // the + key without Shift
        }

        await gallery.Page.WaitForFunctionAsync("() => !document.getAnimations().length && new DOMMatrixReadOnly(getComputedStyle(document.querySelector('#frame')).transform).a > 1");
        Assert.Equal(cap, await gallery.ZoomAsync(), 2);
        await gallery.Page.Keyboard.PressAsync("0");
        await gallery.Page.WaitForFunctionAsync("() => new DOMMatrixReadOnly(getComputedStyle(document.querySelector('#frame')).transform).a === 1");

        // A full-screen button where the browser has the Fullscreen API, 44 px like every other control.
        var fs = gallery.Page.Locator("#fs");
        await Expect(fs).ToBeVisibleAsync();
        foreach (var control in new[] { "#close", "#dl", "#fs" })
        {
            var box = (await gallery.Page.Locator(control).BoundingBoxAsync())!;
            Assert.True(box.Width >= 44 && box.Height >= 44, $"{control} is {box.Width}x{box.Height} px");
        }

        await ShotAsync(gallery, "desktop-viewer");
        await gallery.Page.Keyboard.PressAsync("Escape");
        await Expect(gallery.Lightbox).ToBeHiddenAsync();
        await Expect(gallery.Tiles.Nth(0)).ToBeFocusedAsync();
        await ShotAsync(gallery, "desktop");
        gallery.AssertStayedLocal();
    }

    [Fact]
    public async Task A_clip_plays_in_the_viewer_and_one_the_browser_cannot_play_is_offered_for_download()
    {
        await using var session = TestSession.Create();
        var media = SampleMedia.Instance;
        var (mp4, mp4Bytes) = Mp4In(session, "originals/DCIM/100TEST/CLIP0001.MP4");
        var playable = new GalleryEntry
        {
            Key = "100TEST/CLIP0001",
            Name = "CLIP0001.MP4",
            Kind = GalleryEntryKind.Video,
            CapturedLocal = new DateTime(2021, 3, 26, 22, 0, 0), // right after the AVI (21:19 that day)
            VideoPath = mp4,
            VideoBytes = mp4Bytes,
            VideoType = "video/mp4",
            Duration = TimeSpan.FromSeconds(4.0),
        };
        var avi = session.Add(media.Get("100CANON/MVI_0121")) with { VideoType = "video/x-msvideo", Duration = TimeSpan.FromSeconds(9.4) };
        await session.PublishAsync([playable, avi, session.Add(media.Get("100CANON/_MG_0633"))]);
        var (browser, gallery) = await chromium.OpenGalleryAsync(session, DeviceProfile.Desktop);
        await using var _ = browser;

        // The tile says how long the clip is.
        var clipTile = gallery.Page.Locator("#grid .tile", new() { Has = gallery.Page.Locator("text=CLIP0001.MP4") });
        await Expect(clipTile).ToContainTextAsync("\u25b6 0:04");
        await Expect(gallery.Page.Locator("#grid .tile", new() { Has = gallery.Page.Locator("img[alt^='Video MVI_0121.AVI']") })).ToContainTextAsync("\u25b6 0:09");

        await clipTile.ClickAsync();
        var video = gallery.Page.Locator("#frame video");
        await Expect(video).ToHaveAttributeAsync("preload", "none"); // nothing is fetched before a person asks
        await Expect(gallery.Caption).ToContainTextAsync("0:04");
        // What the player's play button does (headless Chromium draws no controls to click).
        await video.EvaluateAsync("v => v.play()");
        const string State = "v => ({ paused: v.paused, ready: v.readyState, time: v.currentTime, network: v.networkState, error: v.error ? v.error.code : 0 })";
        try
        {
            await gallery.Page.WaitForFunctionAsync("() => { const v = document.querySelector('#frame video'); return v.readyState >= 2 && v.currentTime > 0; }");
        }
        catch (TimeoutException)
        {
            Assert.Fail($"the clip did not play: {await video.EvaluateAsync<System.Text.Json.JsonElement>(State)}");
        }

        Assert.Equal(2, await gallery.Page.Locator("#frame video").EvaluateAsync<int>("v => v.videoWidth > 0 ? 2 : 0"));
        // The whole player is on screen, its controls clear of the caption bar.
        var fits = await video.EvaluateAsync<bool>("v => { const r = v.getBoundingClientRect(), c = document.querySelector('#cap').getBoundingClientRect(); return r.top >= 0 && r.left >= 0 && r.right <= innerWidth && r.bottom <= c.top; }");
        Assert.True(fits, "the player is larger than the screen or under the caption");
        await ShotAsync(gallery, "clip");

        // The clip before is an AVI: no player that would fail, an offer to download it instead.
        await gallery.Page.Keyboard.PressAsync("ArrowLeft");
        await Expect(gallery.Caption).ToContainTextAsync("MVI_0121.AVI");
        Assert.True(await gallery.Page.EvaluateAsync<bool>("() => [...document.querySelectorAll('.slot[inert] video')].every(v => v.paused)"), "the clip left behind keeps playing");
        await Expect(gallery.Page.Locator("#frame .offer")).ToContainTextAsync("AVI clips do not play in this browser");
        await Expect(gallery.Page.Locator("#frame .offer a")).ToHaveTextAsync("Download clip (799 kB)");
        await Expect(gallery.Page.Locator("#frame video")).ToHaveCountAsync(0);
        gallery.AssertStayedLocal();
    }

    [Fact]
    public async Task A_Live_Photo_plays_its_motion_over_the_still_and_an_item_without_a_picture_offers_its_original()
    {
        await using var session = TestSession.Create();
        var media = SampleMedia.Instance;
        var (motion, motionBytes) = Mp4In(session, "originals/DCIM/100APPLE/IMG_0001.MP4");
        var livePhoto = session.Add(media.Get("100CANON/_MG_0633")) with
        {
            MotionPath = motion, MotionBytes = motionBytes, MotionType = "video/mp4", Duration = TimeSpan.FromSeconds(4),
        };
        var raw = session.Layout.FullPath("originals/DCIM/100TEST/BROKEN.NEF");
        Directory.CreateDirectory(Path.GetDirectoryName(raw)!);
        await File.WriteAllBytesAsync(raw, new byte[123_456], TestContext.Current.CancellationToken);
        var noPicture = new GalleryEntry
        {
            Key = "100TEST/BROKEN",
            Name = "BROKEN.NEF",
            Kind = GalleryEntryKind.Photo,
            CapturedLocal = new DateTime(2030, 1, 1, 12, 0, 0),
            Error = "no embedded preview",
            OriginalPath = "originals/DCIM/100TEST/BROKEN.NEF",
            OriginalBytes = 123_456,
        };
        var notShared = noPicture with { Key = "100TEST/BROKEN2", Name = "BROKEN2.NEF", CapturedLocal = new DateTime(2030, 1, 1, 12, 1, 0), OriginalPath = null, OriginalBytes = null };
        await session.PublishAsync([livePhoto, noPicture, notShared]);
        var (browser, gallery) = await chromium.OpenGalleryAsync(session, DeviceProfile.Phone);
        await using var _ = browser;

        await Expect(gallery.Tiles.Nth(0)).ToContainTextAsync("Live");
        await gallery.Tiles.Nth(0).TapAsync();
        await gallery.WaitForShownAsync();
        var play = gallery.Page.GetByRole(AriaRole.Button, new() { Name = "Play the moving part of this Live Photo" });
        await Expect(play).ToBeVisibleAsync();
        await play.TapAsync();
        // Plays muted over the still, then the still is back.
        await gallery.Page.WaitForFunctionAsync("() => { const v = document.querySelector('#frame video.motion'); return v && v.muted && v.readyState >= 2 && v.currentTime > 0; }");
        await Expect(gallery.Page.Locator("#frame video.motion")).ToHaveCountAsync(0);
        Assert.True(await gallery.Page.Locator("#frame img:not(.low)").EvaluateAsync<bool>("i => i.naturalWidth > 0"));

        await gallery.Page.Keyboard.PressAsync("ArrowRight");
        await Expect(gallery.Caption).ToContainTextAsync("BROKEN.NEF");
        await Expect(gallery.Page.Locator("#frame .offer")).ToContainTextAsync("no preview (no embedded preview)");
        await Expect(gallery.Download).ToHaveTextAsync("Download original (123 kB)");
        await Expect(gallery.Page.Locator("#frame .offer a")).ToHaveAttributeAsync("download", "BROKEN.NEF");
        var download = await gallery.Page.RunAndWaitForDownloadAsync(() => gallery.Page.Locator("#frame .offer a").TapAsync());
        Assert.Equal("BROKEN.NEF", download.SuggestedFilename);

        // Where the original is not in the gallery (a bucket never gets one), the page says where it is.
        await gallery.Page.Keyboard.PressAsync("ArrowRight");
        await Expect(gallery.Caption).ToContainTextAsync("BROKEN2.NEF");
        await Expect(gallery.Page.Locator("#frame .offer")).ToContainTextAsync("The original file is kept on the photographer\u2019s GhostRoll.");
        await Expect(gallery.Page.Locator("#frame .offer a")).ToHaveCountAsync(0);
        gallery.AssertStayedLocal();
    }
}
