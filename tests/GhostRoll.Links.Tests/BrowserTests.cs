using GhostRoll.Links.Tests.Support;
using GhostRoll.TestSupport;
using GhostRoll.TestSupport.Browser;
using static Microsoft.Playwright.Assertions;

namespace GhostRoll.Links.Tests;

/// <summary>The short link in a real browser (Debian's Chromium, headless): the gallery opens and its pictures load.</summary>
public sealed class BrowserTests(SwiftFixture swift, ChromiumFixture chromium)
{
    [Fact]
    public async Task The_short_link_opens_the_gallery_and_its_images_load()
    {
        var bucket = await LinkBucket.CreateAsync(await swift.GetAsync());
        var photos = await bucket.UploadPhotosAsync(3);
        await bucket.PutManifestAsync(bucket.PiManifest(photos, TimeSpan.FromDays(6)));
        var expires = new DateTimeOffset(2031, 5, 17, 12, 0, 0, TimeSpan.Zero);
        var code = await bucket.PutLinkAsync(expires: expires);
        await using var server = await LinkServer.StartAsync(bucket.CreateService());
        await using var browser = await (await chromium.GetAsync()).NewSessionAsync(DeviceProfile.Phone);

        var response = await browser.Page.GotoAsync($"{server.Base}/{code}");
        Assert.Equal(200, response!.Status);
        await Expect(browser.Page.Locator("#grid .tile img")).ToHaveCountAsync(3);
        await Expect(browser.Page.Locator("#status")).ToHaveTextAsync("3 photos · complete");
        // The footer gives the link's own end, not the 6-hour signatures' (the page's locale: en-US in Chromium here).
        await Expect(browser.Page.Locator("#expiry")).ToContainTextAsync("2031");
        // Every thumbnail decoded: the bucket answered the service's fresh signatures and the CSP let them in.
        var states = "";
        await Eventually.UntilAsync(async () =>
        {
            states = await browser.Page.EvaluateAsync<string>(
                "() => JSON.stringify([...document.querySelectorAll('#grid .tile img')].map(i => [i.complete, i.naturalWidth, i.currentSrc.slice(0, 80)]))");
            return !states.Contains("false", StringComparison.Ordinal) && !states.Contains(",0,", StringComparison.Ordinal);
        }, every: TimeSpan.FromMilliseconds(100), seen: () => $"{states}; console: {string.Join(" | ", browser.ConsoleErrors)}",
            what: "every thumbnail to decode (complete, naturalWidth > 0)");
        // No CSP refusals or script errors (a missing favicon's 404 is not the page's business).
        Assert.DoesNotContain(browser.ConsoleErrors, e => !e.Contains("favicon", StringComparison.Ordinal) && !e.Contains("404", StringComparison.Ordinal));
        Assert.Empty(browser.Dialogs);
    }

    [Fact]
    public async Task An_open_page_says_the_link_expired_when_it_is_revoked()
    {
        var bucket = await LinkBucket.CreateAsync(await swift.GetAsync());
        var photos = await bucket.UploadPhotosAsync(2);
        // Still copying: the page keeps polling the service's manifest every second.
        await bucket.PutManifestAsync(bucket.PiManifest(photos, TimeSpan.FromDays(6), complete: false));
        var code = await bucket.PutLinkAsync(pollSeconds: 1);
        await using var server = await LinkServer.StartAsync(bucket.CreateService());
        await using var browser = await (await chromium.GetAsync()).NewSessionAsync(DeviceProfile.Desktop);

        await browser.Page.GotoAsync($"{server.Base}/{code}");
        await Expect(browser.Page.Locator("#grid .tile img")).ToHaveCountAsync(2);
        await Expect(browser.Page.Locator("#expiry")).ToHaveTextAsync(""); // a link without an end date promises none

        await bucket.PutLinkAsync(code: code, revoked: DateTimeOffset.UtcNow); // the owner revokes it (ghostroll share --revoke)
        await Expect(browser.Page.Locator("#expired")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(browser.Page.Locator("#status")).ToHaveTextAsync("Link expired");
        await Expect(browser.Page.Locator("#grid .tile")).ToHaveCountAsync(0);

        // Opening it again now gets the service's own 410 page.
        var again = await browser.Page.GotoAsync($"{server.Base}/{code}");
        Assert.Equal(410, again!.Status);
        await Expect(browser.Page.Locator("h1")).ToHaveTextAsync("This link was revoked");
    }
}
