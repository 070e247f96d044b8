using GhostRoll.Gallery.Tests.Support;
using GhostRoll.Pipeline;
using GhostRoll.TestSupport.Browser;
using static Microsoft.Playwright.Assertions;

namespace GhostRoll.Gallery.Tests.Browser;

/// <summary>
/// A 1,000-photo session: the page builds tiles in chunks as the viewer scrolls and loads pictures lazily, so a
/// phone never decodes a thousand images up front. (Timings for it are in docs/benchmarks/gallery.md.)
/// </summary>
public sealed class LargeSessionTests(ChromiumFixture chromium)
{
    public const int Photos = 1000;

    /// <summary>1,000 entries over a handful of real derivatives (symlinked), one second apart.</summary>
    public static List<GalleryEntry> Bulk(TestSession session, int count = Photos)
    {
        ArgumentNullException.ThrowIfNull(session);
        var samples = SampleMedia.Instance.Entries.Where(e => e.Kind == GalleryEntryKind.Photo).Take(8).ToList();
        var start = new DateTime(2026, 3, 14, 10, 15, 0);
        return [.. Enumerable.Range(1, count).Select(i => session.Add(samples[i % samples.Count], $"100BULK/IMG_{i:D4}", $"IMG_{i:D4}.JPG", start.AddSeconds(i)))];
    }

    [Fact]
    public async Task A_thousand_photos_render_in_chunks_and_load_lazily()
    {
        await using var session = TestSession.Create();
        await session.PublishAsync(Bulk(session));
        await using var browser = await chromium.Chromium.NewSessionAsync(DeviceProfile.Phone);
        var gallery = new GalleryPageObject(browser);
        await gallery.OpenAsync(session.IndexUrl);
        await Expect(gallery.Status).ToHaveTextAsync($"{Photos} photos · complete");
        await gallery.WaitForThumbnailsAsync(onScreenOnly: true);

        var tiles = await gallery.Tiles.CountAsync();
        Assert.InRange(tiles, 1, Photos / 8); // only the first chunk(s) exist
        var loaded = await browser.Page.EvaluateAsync<int>("() => [...document.images].filter(i => i.complete && i.naturalWidth > 0).length");
        Assert.InRange(loaded, 1, tiles - 1); // and only pictures near the screen were fetched

        // Scrolling to the end brings in every tile, in order.
        for (var i = 0; i < 100 && await gallery.Tiles.CountAsync() < Photos; i++)
        {
            await browser.Page.EvaluateAsync("() => new Promise(r => { scrollTo(0, document.body.scrollHeight); requestAnimationFrame(() => requestAnimationFrame(r)); })");
        }

        await Expect(gallery.Tiles).ToHaveCountAsync(Photos);
        Assert.Equal("Photo IMG_1000.JPG", (await gallery.Tiles.Last.Locator("img").GetAttributeAsync("alt"))!.Split(',')[0]);
        await gallery.WaitForThumbnailsAsync(onScreenOnly: true); // the last screenful loads too

        // The lightbox walks the whole session.
        await browser.Page.EvaluateAsync("() => scrollTo(0, 0)");
        await gallery.Tiles.First.ClickAsync();
        await browser.Page.Keyboard.PressAsync("End");
        await Expect(gallery.Counter).ToHaveTextAsync($"{Photos} / {Photos}");
        Assert.Empty(browser.Requests.LeavingLoopback());
        Assert.Empty(gallery.UnexpectedConsoleErrors());
    }

    [Fact]
    public async Task Opening_a_photo_beyond_the_rendered_chunk_and_closing_lands_on_its_tile()
    {
        await using var session = TestSession.Create();
        await session.PublishAsync(Bulk(session, 400));
        await using var browser = await chromium.Chromium.NewSessionAsync(DeviceProfile.Desktop);
        var gallery = new GalleryPageObject(browser);
        await gallery.OpenAsync(session.IndexUrl);
        await gallery.Tiles.First.ClickAsync();
        await browser.Page.Keyboard.PressAsync("End");
        await Expect(gallery.Counter).ToHaveTextAsync("400 / 400");
        await browser.Page.Keyboard.PressAsync("Escape");
        await Expect(gallery.Lightbox).ToBeHiddenAsync();
        var focused = browser.Page.Locator(".tile:focus img");
        await Expect(focused).ToHaveAttributeAsync("alt", new System.Text.RegularExpressions.Regex("^Photo IMG_0400\\.JPG"));
        await Expect(focused).ToBeInViewportAsync();
    }
}
