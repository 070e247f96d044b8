using System.IO.Compression;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using GhostRoll.Gallery.Manifest;
using GhostRoll.Imaging.Enhancing;
using GhostRoll.TestSupport;
using GhostRoll.TestSupport.Browser;
using GhostRoll.TestSupport.S3;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GhostRoll.Integration.Tests;

/// <summary>
/// Issue 16, local mode end to end: the real binary imports a real card with ENHANCE=local (the default), every
/// photo gets an enhanced version beside its share image, locally and in the bucket under the key the gallery
/// already signs, and the gallery's Original/Enhanced toggle appears in Chromium and switches the picture.
/// </summary>
public sealed partial class EnhancedGalleryTests
{
    [Fact]
    public async Task A_card_import_makes_enhanced_versions_and_the_gallery_toggle_shows_them()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var s3 = await S3rverServer.StartNewAsync(ct);
        var bucket = await s3.CreateBucketAsync("enhanced");
        using var temp = new TempDirectory("e2e-enhance");
        var ghostroll = new GhostRollProcess(temp.Combine("home")).PublishingTo(s3, bucket);

        var run = await ghostroll.RunAsync("run", Fixtures.Card("orientation"));

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        var sessionDir = SessionDirLine().Match(run.Stdout).Groups[1].Value.Trim();
        var link = LinkLine().Match(run.Stdout).Groups[1].Value;

        // Locally: one enhanced JPEG per share image, same name, with its recipe beside it, and no metadata.
        var shares = Directory.GetFiles(Path.Combine(sessionDir, "derived", "share"), "*.jpg", SearchOption.AllDirectories);
        Assert.Equal(18, shares.Length);
        foreach (var share in shares)
        {
            var enhanced = share.Replace("/derived/share/", "/derived/enhanced/", StringComparison.Ordinal);
            var bytes = File.ReadAllBytes(enhanced);
            Assert.True(bytes is [0xFF, 0xD8, ..], enhanced);
            Assert.DoesNotContain("Exif\0\0", System.Text.Encoding.Latin1.GetString(bytes), StringComparison.Ordinal);
            var recipe = EnhanceRecipe.FromJson(File.ReadAllBytes(PhotoEnhancer.RecipePathFor(enhanced)));

            // The recipe replays on the share image (what 'ghostroll enhance --recipe' does): a photo that needed
            // nothing gives its share picture again, byte for byte; an adjusted one is re-made from the share JPEG
            // rather than the pixels the appliance enhanced, the same picture one JPEG generation apart
            // (Imaging.Tests LocalEnhanceTests compares the pictures).
            var replay = PhotoEnhancer.Enhance(File.ReadAllBytes(share), recipe);
            Assert.Equal(!recipe.IsNeutral, replay.Changed);
            if (recipe.IsNeutral)
            {
                Assert.Equal(bytes, replay.Jpeg);
            }
        }

        // "Download all" holds the share images only: no enhanced copies, no recipes.
        using (var zip = ZipFile.OpenRead(Path.Combine(sessionDir, "share.zip")))
        {
            Assert.Equal(18, zip.Entries.Count);
            Assert.DoesNotContain(zip.Entries, e => e.FullName.EndsWith(".json", StringComparison.Ordinal));
        }

        // In the bucket: the enhanced images under the keys the manifest signs, our bytes exactly; recipes stay home.
        var keys = await s3.ListKeysAsync(bucket);
        Assert.Equal(18, keys.Count(k => k.Contains("/enhanced/", StringComparison.Ordinal) && k.EndsWith(".jpg", StringComparison.Ordinal)));
        Assert.DoesNotContain(keys, k => k.EndsWith(".recipe.json", StringComparison.Ordinal));
        using var http = new HttpClient();
        var html = await http.GetStringAsync(new Uri(link), ct);
        var manifestUrl = WebUtility.HtmlDecode(ManifestUrl().Match(html).Groups[1].Value).Replace("\\u0026", "&", StringComparison.Ordinal);
        var manifest = JsonSerializer.Deserialize(await http.GetByteArrayAsync(new Uri(manifestUrl), ct), ManifestJsonContext.Default.GalleryManifest)!;
        foreach (var item in manifest.Items)
        {
            var local = Path.Combine(sessionDir, ManifestBuilder.EnhancedPath(item.Id));
            Assert.Equal(File.ReadAllBytes(local), await http.GetByteArrayAsync(new Uri(item.Enhanced!), ct));
        }

        // The page behind the share link and the local one: the toggle appears and switches the picture.
        await using var chromium = await HeadlessChromium.LaunchAsync();
        foreach (var (url, enhancedPart, originalPart) in new[]
        {
            (link, "/enhanced/", "/share/"),
            (new Uri(Path.Combine(sessionDir, "index.html")).AbsoluteUri, "/derived/enhanced/", "/derived/share/"),
        })
        {
            await using var browser = await chromium.NewSessionAsync(DeviceProfile.Desktop);
            var page = browser.Page;
            await page.GotoAsync(url);
            var toggle = page.Locator("header .seg");
            await Expect(toggle).ToBeVisibleAsync(new() { Timeout = 60_000 }); // hang guard: the page probes on its own
            await Expect(toggle.GetByRole(AriaRole.Button, new() { Name = "Original" })).ToHaveAttributeAsync("aria-pressed", "true");

            await page.Locator("#grid .tile").Nth(0).ClickAsync();
            var original = await ShownSourceAsync(page);
            Assert.True(original.Contains(originalPart, StringComparison.Ordinal), original);
            await page.Keyboard.PressAsync("Escape");

            await toggle.GetByRole(AriaRole.Button, new() { Name = "Enhanced" }).ClickAsync();
            await Expect(toggle.GetByRole(AriaRole.Button, new() { Name = "Enhanced" })).ToHaveAttributeAsync("aria-pressed", "true");
            await page.Locator("#grid .tile").Nth(0).ClickAsync();
            var enhanced = await ShownSourceAsync(page);
            Assert.True(enhanced.Contains(enhancedPart, StringComparison.Ordinal), enhanced);
            await page.ScreenshotAsync(new() { Path = Path.Combine(Artifacts.Dir("integration"), $"enhanced-lightbox-{(url.StartsWith("file:", StringComparison.Ordinal) ? "local" : "bucket")}.png") });
            Assert.Empty(browser.Requests.LeavingLoopback());
        }
    }

    /// <summary>The URL the lightbox picture was loaded from (<c>currentSrc</c>: a srcset picks it), once loaded (not its low-resolution placeholder).</summary>
    private static async Task<string> ShownSourceAsync(IPage page)
    {
        await page.WaitForFunctionAsync("() => { const i = document.querySelector('#frame img:not(.low)'); return i && i.complete && i.naturalWidth > 0; }");
        return await page.EvaluateAsync<string>("() => document.querySelector('#frame img:not(.low)').currentSrc");
    }

    [GeneratedRegex(@"link\s+(\S+)")]
    private static partial Regex LinkLine();

    [GeneratedRegex(@"folder\s+(.+)")]
    private static partial Regex SessionDirLine();

    [GeneratedRegex("\"manifest_url\"\\s*:\\s*\"([^\"]+)\"")]
    private static partial Regex ManifestUrl();
}
