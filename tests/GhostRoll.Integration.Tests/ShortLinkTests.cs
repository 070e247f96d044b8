using System.Net;
using System.Text.RegularExpressions;
using GhostRoll.Screens.Layout;
using GhostRoll.Screens.Qr;
using GhostRoll.Integration.Tests.Support;
using GhostRoll.TestSupport;
using GhostRoll.TestSupport.Browser;
using GhostRoll.TestSupport.S3;
using static Microsoft.Playwright.Assertions;

namespace GhostRoll.Integration.Tests;

/// <summary>
/// The product's one user story with a link service: a card goes in, the panel shows a QR of a short link that a
/// phone scans, the link opens the gallery with every picture, and the owner can take it back. Real parts only: the
/// ghostroll binary, the ghostroll-links program on loopback, a signature-checking S3 server (Swift), zbarimg and
/// Chromium.
/// </summary>
public sealed partial class ShortLinkTests
{
    [Fact]
    public async Task A_card_gets_a_short_link_the_panel_draws_scannably_that_opens_the_gallery_until_revoked()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var swift = await SwiftS3Server.StartNewAsync(ct);
        var bucket = await swift.CreateBucketAsync("short");
        var s3 = new Dictionary<string, string>(swift.CredentialEnvironment)
        {
            ["GHOSTROLL_S3_BUCKET"] = bucket,
            ["GHOSTROLL_S3_ENDPOINT"] = swift.Endpoint,
            ["GHOSTROLL_S3_FORCE_PATH_STYLE"] = "true",
        };
        var (service, serviceUrl) = await LinksProcess.ListenAsync(s3, ct);
        using var _ = service;
        try
        {
            using var temp = new TempDirectory("short-links");
            var ghostroll = new GhostRollProcess(temp.Combine("home"));
            foreach (var (k, v) in s3)
            {
                ghostroll.Environment[k] = v;
            }

            ghostroll.Environment["GHOSTROLL_LINK_SERVICE_URL"] = serviceUrl;
            var run = await ghostroll.RunAsync("run", TestCards.FromFixtures(temp.Combine("card"), "basic"));
            Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);

            // share.txt holds the short link: small enough for the panel.
            var sessionDir = SessionDirLine().Match(run.Stdout).Groups[1].Value.Trim();
            var link = File.ReadAllText(Path.Combine(sessionDir, "share.txt")).Trim();
            Assert.True(link.Length <= 60, $"{link} is {link.Length} characters");
            Assert.StartsWith(serviceUrl.ToUpperInvariant() + "/", link, StringComparison.Ordinal);
            var code = link[(link.LastIndexOf('/') + 1)..];
            Assert.DoesNotContain(code, run.Stderr, StringComparison.Ordinal); // the code opens the gallery: never in the log

            // The panel's done frame (status.png, 250x122) carries that link's QR at 3 or more pixels per module.
            var panel = Path.Combine(temp.Combine("home"), "status.png");
            Assert.Equal(link, ZbarImg.Decode(panel));
            var placement = QrPlacement.Fit(link, StatusScreenRenderer.QrSide(ScreenProfile.Panel));
            Assert.True(placement is { PixelsPerModule: >= 3 }, $"{placement?.PixelsPerModule} px per module");

            // The link opens the gallery in a real browser, every picture loads, nothing leaves loopback.
            await using (var chromium = await HeadlessChromium.LaunchAsync())
            await using (var browser = await chromium.NewSessionAsync(DeviceProfile.Phone))
            {
                await browser.Page.GotoAsync(link);
                await Expect(browser.Page.Locator("#status")).ToContainTextAsync("complete");
                Assert.True(await browser.Page.Locator("#grid .tile").CountAsync() > 5);
                await browser.Page.WaitForFunctionAsync(
                    "() => [...document.querySelectorAll('#grid .tile img')].filter(i => i.getBoundingClientRect().top < innerHeight).every(i => i.complete && i.naturalWidth > 0)");
                await browser.Page.ScreenshotAsync(new() { Path = Path.Combine(Artifacts.Dir("integration"), "short-link-phone.png") });
                Assert.Empty(browser.Requests.LeavingLoopback());
            }

            // ghostroll doctor proves the service reads this bucket: a test link opens, is revoked, is removed.
            var doctor = await ghostroll.RunAsync("doctor");
            var line = doctor.Stdout.Split('\n').SingleOrDefault(l => l.Contains("link service", StringComparison.Ordinal));
            Assert.True(line is not null && line.Contains("opened a test link (200), answered 410 once it was revoked and 404 once it was removed", StringComparison.Ordinal),
                $"doctor said: {doctor.Stdout}{doctor.Stderr}");
            Assert.StartsWith("OK", line.TrimStart(), StringComparison.Ordinal);

            // The owner takes it back: from then on the link answers 410 (gone).
            var session = Path.GetFileName(sessionDir);
            var revoke = await ghostroll.RunAsync("share", session, "--revoke");
            Assert.True(revoke.ExitCode == 0, revoke.Stdout + revoke.Stderr);
            Assert.Contains("state    revoked", revoke.Stdout, StringComparison.Ordinal);
            using var http = new HttpClient();
            using var gone = await http.GetAsync(new Uri(link), ct);
            Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        }
        finally
        {
            service.Kill();
        }
    }

    [GeneratedRegex(@"folder\s+(.+)")]
    private static partial Regex SessionDirLine();
}
