using GhostRoll.TestSupport.Browser;
using Microsoft.Playwright;

namespace GhostRoll.Gallery.Tests.Support;

/// <summary>What a person sees and does on the gallery page, in one place (the page-object pattern).</summary>
public sealed class GalleryPageObject(BrowserSession session)
{
    public IPage Page => session.Page;

    public BrowserSession Session => session;

    public ILocator Tiles => Page.Locator("#grid .tile");

    public ILocator Status => Page.Locator("#status");

    public ILocator Lightbox => Page.Locator("#lb");

    public ILocator Counter => Page.Locator("#count");

    public ILocator Caption => Page.Locator("#cap");

    public ILocator Download => Page.Locator("#dl");

    public ILocator DownloadAll => Page.Locator("#all");

    /// <summary>The Original/Enhanced switch in the header.</summary>
    public ILocator Toggle => Page.Locator("header .seg");

    public async Task OpenAsync(string url)
    {
        await Page.GotoAsync(url);
        await Page.WaitForFunctionAsync("() => document.querySelector('#status').dataset.state !== undefined");
    }

    /// <summary>
    /// Waits until every tile picture on screen has decoded (naturalWidth > 0) and returns how many did. Pictures
    /// far below the screen are lazy and never load, by design; small galleries fit in the lazy-load margin.
    /// </summary>
    public async Task<int> WaitForThumbnailsAsync(bool onScreenOnly = false, float timeoutMs = 60_000)
    {
        const string Candidates = "[...document.querySelectorAll('#grid .tile img')].filter(i => { const r = i.getBoundingClientRect(); return !onScreen || (r.bottom > 0 && r.top < innerHeight); })";
        await Page.WaitForFunctionAsync(
            $"onScreen => {Candidates}.every(i => i.complete && i.naturalWidth > 0)",
            onScreenOnly, new PageWaitForFunctionOptions { Timeout = timeoutMs, PollingInterval = 100 });
        return await Page.EvaluateAsync<int>($"onScreen => {Candidates}.length", onScreenOnly);
    }

    /// <summary>Scale of the zoomable frame from its CSS transform matrix.</summary>
    public Task<double> ZoomAsync() => Page.EvaluateAsync<double>(
        "() => new DOMMatrixReadOnly(getComputedStyle(document.querySelector('#frame')).transform).a");

    /// <summary>The picture currently shown in the lightbox: its URL and whether it decoded.</summary>
    public Task<ShownImage> ShownAsync() => Page.EvaluateAsync<ShownImage>(
        "() => { const i = document.querySelector('#frame img:not(.low)'); return { src: i ? i.currentSrc : '', width: i ? i.naturalWidth : 0 }; }");

    public async Task<ShownImage> WaitForShownAsync()
    {
        await Page.WaitForFunctionAsync("() => { const i = document.querySelector('#frame img:not(.low)'); return i && i.complete && i.naturalWidth > 0; }");
        return await ShownAsync();
    }

    /// <summary>Nothing left loopback, nothing failed in the console, no dialog popped up.</summary>
    public void AssertStayedLocal()
    {
        Assert.Empty(session.Requests.LeavingLoopback());
        Assert.Empty(UnexpectedConsoleErrors());
        Assert.Empty(session.Dialogs);
    }

    /// <summary>Errors a person would not notice but a developer must: uncaught exceptions, CSP violations.</summary>
    public IReadOnlyList<string> UnexpectedConsoleErrors() =>
        [.. session.ConsoleErrors.Where(e => !e.StartsWith("Failed to load resource", StringComparison.Ordinal))];
}

public sealed class ShownImage
{
    public string Src { get; set; } = "";

    public int Width { get; set; }
}
