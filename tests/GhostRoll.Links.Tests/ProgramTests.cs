using System.Net;
using GhostRoll.Links.Tests.Support;
using GhostRoll.TestSupport;

namespace GhostRoll.Links.Tests;

/// <summary>The ghostroll-links program itself (not in-process): --help, and --listen with settings from its environment.</summary>
public sealed class ProgramTests(SwiftFixture swift)
{
    [Fact]
    public async Task Help_documents_both_modes_and_the_settings()
    {
        using var process = LinksProcess.Start(["--help"], new Dictionary<string, string>());
        var text = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.Equal(0, process.ExitCode);
        foreach (var expected in new[]
                 {
                     "--listen HOST:PORT", "AWS_LAMBDA_RUNTIME_API", "GHOSTROLL_S3_BUCKET", "GHOSTROLL_S3_PREFIX_ROOT",
                     "GHOSTROLL_S3_ENDPOINT", "GHOSTROLL_S3_REGION", "GHOSTROLL_S3_FORCE_PATH_STYLE", "GET /CODE/manifest.json",
                 })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Listen_serves_links_from_the_bucket_in_its_environment()
    {
        var bucket = await LinkBucket.CreateAsync(await swift.GetAsync());
        await bucket.PutManifestAsync(bucket.PiManifest(await bucket.UploadPhotosAsync(1), TimeSpan.FromDays(6)));
        var code = await bucket.PutLinkAsync();
        var (process, listening) = await LinksProcess.ListenAsync(bucket.Environment, TestContext.Current.CancellationToken);
        using var _ = process;
        try
        {
            using var http = new HttpClient();
            using var page = await http.GetAsync(new Uri($"{listening}/{code}"), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            using var unknown = await http.GetAsync(new Uri($"{listening}/{GhostRoll.Publishing.ShareLink.LinkCode.New()}"), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }
        finally
        {
            process.Kill();
        }
    }

    [Fact]
    public async Task Listen_without_a_bucket_fails_with_a_plain_message()
    {
        using var process = LinksProcess.Start(["--listen", "127.0.0.1:0"], new Dictionary<string, string>());
        var error = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.Equal(2, process.ExitCode);
        Assert.Contains("GHOSTROLL_S3_BUCKET is not set", error, StringComparison.Ordinal);
    }
}
