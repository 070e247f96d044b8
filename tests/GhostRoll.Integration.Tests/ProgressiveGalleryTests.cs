using Amazon.Runtime;
using GhostRoll.Configuration;
using GhostRoll.Gallery.Local;
using GhostRoll.Imaging.Deriving;
using GhostRoll.Logging;
using GhostRoll.Pipeline;
using GhostRoll.Publishing.S3;
using GhostRoll.Publishing;
using GhostRoll.Status;
using GhostRoll.Storage;
using GhostRoll.TestSupport;
using GhostRoll.TestSupport.Browser;
using GhostRoll.TestSupport.S3;
using Microsoft.Extensions.Logging;
using static Microsoft.Playwright.Assertions;

namespace GhostRoll.Integration.Tests;

/// <summary>
/// "The link works moments after insertion and the gallery fills in as photos land", observed for real: the import
/// pipeline with real imaging, the local gallery and the S3 publisher against a loopback S3 server, and the shared
/// page open in Chromium while the test releases photos from the derive stage a few at a time.
/// </summary>
public sealed class ProgressiveGalleryTests
{
    [Fact]
    public async Task The_shared_page_opens_before_any_photo_is_ready_and_fills_in_as_they_land()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var s3 = await S3rverServer.StartNewAsync(ct);
        var bucket = await s3.CreateBucketAsync("live");
        using var temp = new TempDirectory("live");
        var settings = new GhostRollSettings
        {
            BaseDir = temp.Combine("sessions"),
            DbPath = temp.Combine("db", "ghostroll.db"),
            StatusPath = temp.Combine("status.json"),
            StatusImagePath = temp.Combine("status.png"),
            S3Bucket = bucket,
            S3Endpoint = s3.Endpoint,
            S3Region = s3.Region,
            S3ForcePathStyle = true,
            PollSeconds = 0.5,
            MinFreeBytes = 0,
        };
        using var db = GhostRollDatabase.Open(settings.DbPath);
        using var logging = new GhostRollLoggerProvider(LogLevel.Information, TextWriter.Null);
        await using var status = new StatusReporter([new StatusJsonSink(settings.StatusPath)]);
        var gate = new SemaphoreSlim(0);
        var services = new ImportServices
        {
            Settings = settings,
            Database = db,
            Logging = logging,
            Status = status,
            Deriver = new GatedDeriver(new ImageDeriver(logging), gate),
            CreatePublishers = () =>
            [
                new LocalGalleryPublisher(),
                new S3Publisher(settings, new UploadLedger(db), new S3PublisherOptions
                {
                    Credentials = new BasicAWSCredentials(s3.AccessKey, s3.SecretKey),
                    ManifestInterval = TimeSpan.FromMilliseconds(500),
                    Terminal = null,
                }),
            ],
        };

        var import = Task.Run(() => new ImportPipeline(services).RunAsync(new ImportRequest(Fixtures.Card("orientation")), ct), ct);

        // The early link exists before a single photo has been derived.
        await Eventually.UntilAsync(() => status.Current.Url is not null, every: TimeSpan.FromMilliseconds(50),
            seen: () => $"step '{status.Current.Step}'", what: "the early gallery link in the status");
        var link = status.Current.Url!;
        Assert.Equal(0, ((GatedDeriver)services.Deriver).Done);
        await using var chromium = await HeadlessChromium.LaunchAsync();
        await using var browser = await chromium.NewSessionAsync(DeviceProfile.Phone);
        await browser.Page.GotoAsync(link);
        var tiles = browser.Page.Locator("#grid .tile");
        var progress = browser.Page.Locator("#status");
        await Expect(progress).ToHaveTextAsync("0 of 18 photos · more on the way"); // the early manifest already knows how many to expect

        gate.Release(5);
        await Expect(tiles).ToHaveCountAsync(5);
        await Expect(progress).ToHaveTextAsync("5 of 18 photos · more on the way");
        await browser.Page.ScreenshotAsync(new() { Path = Path.Combine(Artifacts.Dir("integration"), "live-filling-phone.png") });

        gate.Release(100);
        var result = await import;
        Assert.Equal(ImportOutcome.Completed, result.Outcome);
        await Expect(tiles).ToHaveCountAsync(18);
        await Expect(progress).ToHaveTextAsync("18 photos · complete");
        await browser.Page.WaitForFunctionAsync(
            "() => [...document.querySelectorAll('#grid .tile img')].filter(i => i.getBoundingClientRect().top < innerHeight).every(i => i.complete && i.naturalWidth > 0)");
        await browser.Page.ScreenshotAsync(new() { Path = Path.Combine(Artifacts.Dir("integration"), "live-complete-phone.png") });
        Assert.Empty(browser.Requests.LeavingLoopback());
    }

    /// <summary>Holds each derive until the test releases it, so the test decides when photos become ready.</summary>
    private sealed class GatedDeriver(IDeriver inner, SemaphoreSlim gate) : IDeriver
    {
        private int _done;

        public int Done => _done;

        public async ValueTask<DeriveOutcome> DeriveAsync(DeriveRequest request, CancellationToken cancellationToken)
        {
            await gate.WaitAsync(cancellationToken);
            var outcome = await inner.DeriveAsync(request, cancellationToken);
            Interlocked.Increment(ref _done);
            return outcome;
        }
    }
}
