using System.Text.RegularExpressions;
using GhostRoll.Enhancer.Tests.Support;
using GhostRoll.Lambda.Runtime;
using GhostRoll.Lambda.TestSupport;
using GhostRoll.TestSupport;
using GhostRoll.TestSupport.Browser;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GhostRoll.Enhancer.Tests;

/// <summary>
/// Lambda mode end to end: the real ghostroll binary imports a real card with ENHANCE=lambda into the signature-checking
/// S3 server (no enhanced images of its own), the function makes them from the share objects as the SQS-delivered
/// EventBridge events ask it to, and the gallery behind the share link, in Chromium, then offers the Original/Enhanced
/// toggle and shows the function's pictures.
/// </summary>
public sealed partial class LambdaGalleryTests(SwiftFixture swift)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_gallery_toggle_shows_the_enhanced_images_the_function_made_for_a_published_session()
    {
        var server = await swift.GetAsync();
        var bucket = await EnhancerBucket.CreateAsync(server);
        using var temp = new TempDirectory("lambda-gallery");
        var ghostroll = new GhostRollProcess(temp.Combine("home")).PublishingTo(server, bucket.Bucket);
        ghostroll.Environment["GHOSTROLL_ENHANCE"] = "lambda";

        var run = await ghostroll.RunAsync("run", Fixtures.Card("orientation"));

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        var link = LinkLine().Match(run.Stdout).Groups[1].Value;
        var sessionDir = SessionDirLine().Match(run.Stdout).Groups[1].Value.Trim();
        Assert.False(Directory.Exists(Path.Combine(sessionDir, "derived", "enhanced")));
        var keys = await server.ListKeysAsync(bucket.Bucket);
        var shares = keys.Where(k => k.Contains("/share/", StringComparison.Ordinal) && k.EndsWith(".jpg", StringComparison.Ordinal)).ToList();
        Assert.Equal(18, shares.Count);
        Assert.DoesNotContain(keys, k => k.Contains("/enhanced/", StringComparison.Ordinal));

        // What S3 → EventBridge → SQS would deliver for the uploads: one message per share object, with its ETag.
        var messages = new List<(string, string)>();
        foreach (var key in shares)
        {
            var head = await bucket.HeadAsync(key);
            messages.Add(($"m-{messages.Count}", bucket.ObjectCreated(key, head!.Value.ETag)));
        }

        await using var api = await FakeRuntimeApi.StartAsync();
        using var client = new LambdaRuntimeClient(api.Endpoint);
        using var stop = new CancellationTokenSource();
        var loop = LambdaRuntimeLoop.RunAsync(client, bucket.CreateFunction().Handler, NullLogger.Instance, stop.Token);
        var answer = await api.Invoke(EnhancerBucket.SqsEvent([.. messages])).WaitAsync(Deadline, Token);
        await stop.CancelAsync();
        await loop.WaitAsync(Deadline, Token);
        Assert.True(answer.Kind == "response", answer.Text);
        Assert.Equal("""{"batchItemFailures":[]}""", answer.Text);
        foreach (var share in shares)
        {
            var enhancedKey = share.Replace("/share/", "/enhanced/", StringComparison.Ordinal);
            Assert.True(await bucket.HeadAsync(enhancedKey) is not null, $"the function made no {enhancedKey}");
        }

        // The page behind the share link probes the enhanced keys it signed at publish time and now finds them.
        await using var chromium = await HeadlessChromium.LaunchAsync();
        await using var browser = await chromium.NewSessionAsync(DeviceProfile.Desktop);
        var page = browser.Page;
        await page.GotoAsync(link);
        var toggle = page.Locator("header .seg");
        await Expect(toggle).ToBeVisibleAsync(new() { Timeout = 60_000 }); // hang guard: the page probes on its own
        await Expect(toggle.GetByRole(AriaRole.Button, new() { Name = "Original" })).ToHaveAttributeAsync("aria-pressed", "true");
        await toggle.GetByRole(AriaRole.Button, new() { Name = "Enhanced" }).ClickAsync();
        await Expect(toggle.GetByRole(AriaRole.Button, new() { Name = "Enhanced" })).ToHaveAttributeAsync("aria-pressed", "true");
        await page.Locator("#grid .tile").Nth(0).ClickAsync();
        await page.WaitForFunctionAsync("() => { const i = document.querySelector('#frame img:not(.low)'); return i && i.complete && i.naturalWidth > 0; }");
        var shown = await page.EvaluateAsync<string>("() => document.querySelector('#frame img:not(.low)').currentSrc");
        Assert.Contains("/enhanced/", shown, StringComparison.Ordinal);

        // The picture shown is the function's object, byte for byte.
        using var http = new HttpClient();
        var shownKey = Uri.UnescapeDataString(new Uri(shown).AbsolutePath)[(bucket.Bucket.Length + 2)..];
        Assert.Equal(await bucket.GetAsync(shownKey), await http.GetByteArrayAsync(new Uri(shown), Token));
        await page.ScreenshotAsync(new() { Path = Path.Combine(Artifacts.Dir("enhancer"), "lambda-enhanced-lightbox.png") });
        Assert.Empty(browser.Requests.LeavingLoopback());
    }

    [GeneratedRegex(@"link\s+(\S+)")]
    private static partial Regex LinkLine();

    [GeneratedRegex(@"folder\s+(.+)")]
    private static partial Regex SessionDirLine();
}
