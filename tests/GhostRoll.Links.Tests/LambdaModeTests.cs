using System.Diagnostics;
using System.Text;
using System.Text.Json;
using GhostRoll.Gallery.Manifest;
using GhostRoll.Lambda.Runtime;
using GhostRoll.Lambda.TestSupport;
using GhostRoll.Links.Tests.Support;
using GhostRoll.TestSupport;
using GhostRoll.Publishing.ShareLink;
using Microsoft.Extensions.Logging.Abstractions;

namespace GhostRoll.Links.Tests;

/// <summary>Lambda mode: the runtime loop against a fake Runtime API, with Function URL events (payload format 2.0).</summary>
public sealed class LambdaModeTests(SwiftFixture swift)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    /// <summary>A Function URL event as AWS documents it (fields the service ignores included).</summary>
    internal static byte[] Event(string path, string domain = "abcdefghijklmnopqrstuvwxyz012345.lambda-url.eu-west-1.on.aws", string method = "GET", string encoding = "identity") =>
        Encoding.UTF8.GetBytes($$"""
            {
              "version": "2.0", "routeKey": "$default", "rawPath": "{{path}}", "rawQueryString": "",
              "headers": { "host": "{{domain}}", "x-forwarded-proto": "https", "x-forwarded-port": "443",
                           "user-agent": "Mozilla/5.0", "accept-encoding": "{{encoding}}", "x-amzn-trace-id": "Root=1-5759e988-bd862e3fe1be46a994272793" },
              "requestContext": {
                "accountId": "anonymous", "apiId": "abcdefghijklmnopqrstuvwxyz012345", "domainName": "{{domain}}",
                "domainPrefix": "abcdefghijklmnopqrstuvwxyz012345",
                "http": { "method": "{{method}}", "path": "{{path}}", "protocol": "HTTP/1.1", "sourceIp": "192.0.2.1", "userAgent": "Mozilla/5.0" },
                "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef", "routeKey": "$default", "stage": "$default",
                "time": "07/Dec/2026:06:00:00 +0000", "timeEpoch": 1796623200000
              },
              "isBase64Encoded": false
            }
            """);

    private static FunctionUrlResponse Answer(FakeRuntimeApi.Outcome outcome)
    {
        Assert.True(outcome.Kind == "response", $"expected a response, the runtime reported: {outcome.Text}");
        return JsonSerializer.Deserialize(outcome.Body, FunctionUrlJsonContext.Default.FunctionUrlResponse)!;
    }

    [Fact]
    public async Task Invocations_are_answered_and_a_malformed_event_is_reported_then_the_loop_goes_on()
    {
        var bucket = await LinkBucket.CreateAsync(await swift.GetAsync());
        var photos = await bucket.UploadPhotosAsync(2);
        await bucket.PutManifestAsync(bucket.PiManifest(photos, TimeSpan.FromDays(6)));
        var code = await bucket.PutLinkAsync();
        await using var api = await FakeRuntimeApi.StartAsync();
        using var client = new LambdaRuntimeClient(api.Endpoint);
        using var stop = new CancellationTokenSource();
        var loop = LambdaRuntimeLoop.RunAsync(client, FunctionUrlFrontEnd.Handler(bucket.CreateService()), NullLogger.Instance, stop.Token);

        var page = await api.Invoke(Event($"/{code}")).WaitAsync(Deadline, TestContext.Current.CancellationToken);
        Assert.Equal("response", page.Kind);
        var pageResponse = Answer(page);
        Assert.Equal(200, pageResponse.StatusCode);
        Assert.False(pageResponse.IsBase64Encoded);
        Assert.Equal("no-store", pageResponse.Headers["Cache-Control"]);
        Assert.Contains($"https://abcdefghijklmnopqrstuvwxyz012345.lambda-url.eu-west-1.on.aws/{code}/manifest.json", pageResponse.Body, StringComparison.Ordinal);

        var broken = await api.Invoke("{ this is not json"u8.ToArray()).WaitAsync(Deadline, TestContext.Current.CancellationToken);
        Assert.Equal("error", broken.Kind);
        Assert.Equal("JsonException", broken.ErrorTypeHeader);
        using (var error = JsonDocument.Parse(broken.Body))
        {
            Assert.Equal("JsonException", error.RootElement.GetProperty("errorType").GetString());
            Assert.False(string.IsNullOrEmpty(error.RootElement.GetProperty("errorMessage").GetString()));
        }

        var notUrlEvent = await api.Invoke("""{ "Records": [] }"""u8.ToArray()).WaitAsync(Deadline, TestContext.Current.CancellationToken);
        Assert.Equal("error", notUrlEvent.Kind);
        Assert.Equal("InvalidDataException", notUrlEvent.ErrorTypeHeader);

        var manifest = await api.Invoke(Event($"/{code}/manifest.json")).WaitAsync(Deadline, TestContext.Current.CancellationToken);
        Assert.Equal("response", manifest.Kind);
        var manifestResponse = Answer(manifest);
        Assert.Equal(200, manifestResponse.StatusCode);
        var signed = JsonSerializer.Deserialize(manifestResponse.Body, ManifestJsonContext.Default.GalleryManifest)!;
        Assert.Equal(2, signed.Items.Count);

        // gzip, as browsers ask for it: binary, so base64 in the Function URL response.
        var zipped = Answer(await api.Invoke(Event($"/{code}/manifest.json", encoding: "gzip, deflate, br")).WaitAsync(Deadline, TestContext.Current.CancellationToken));
        Assert.True(zipped.IsBase64Encoded);
        Assert.Equal("gzip", zipped.Headers["Content-Encoding"]);
        using (var unzip = new System.IO.Compression.GZipStream(new MemoryStream(Convert.FromBase64String(zipped.Body)), System.IO.Compression.CompressionMode.Decompress))
        {
            Assert.Equal(2, JsonSerializer.Deserialize(unzip, ManifestJsonContext.Default.GalleryManifest)!.Items.Count);
        }

        var unknown = await api.Invoke(Event($"/{LinkCode.New()}")).WaitAsync(Deadline, TestContext.Current.CancellationToken);
        Assert.Equal(404, Answer(unknown).StatusCode);

        await stop.CancelAsync();
        await loop.WaitAsync(Deadline, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_handler_that_overruns_its_deadline_is_reported_and_a_failed_start_goes_to_init_error()
    {
        await using var api = await FakeRuntimeApi.StartAsync();
        using var client = new LambdaRuntimeClient(api.Endpoint);
        using var stop = new CancellationTokenSource();
        LambdaHandler slow = async (invocation, cancellationToken) =>
        {
            if (invocation.Payload.Span.SequenceEqual("slow"u8))
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            return invocation.Payload;
        };
        var loop = LambdaRuntimeLoop.RunAsync(client, slow, NullLogger.Instance, stop.Token);

        var overrun = await api.Invoke("slow"u8.ToArray(), timeout: TimeSpan.FromSeconds(1)).WaitAsync(Deadline, TestContext.Current.CancellationToken);
        Assert.Equal("error", overrun.Kind);
        Assert.Equal("DeadlineExceeded", overrun.ErrorTypeHeader);
        var echo = await api.Invoke("echo"u8.ToArray()).WaitAsync(Deadline, TestContext.Current.CancellationToken);
        Assert.Equal(("response", "echo"), (echo.Kind, echo.Text));
        await stop.CancelAsync();
        await loop.WaitAsync(Deadline, TestContext.Current.CancellationToken);

        var exit = await LambdaRuntimeLoop.RunAsync(client, _ => throw new InvalidOperationException("GHOSTROLL_S3_BUCKET is not set"),
            NullLogger.Instance, TestContext.Current.CancellationToken);
        Assert.Equal(1, exit);
        var init = await api.InitError.Task.WaitAsync(Deadline, TestContext.Current.CancellationToken);
        Assert.Equal("InvalidOperationException", init.ErrorTypeHeader);
        Assert.Contains("GHOSTROLL_S3_BUCKET is not set", init.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_ghostroll_links_program_serves_the_runtime_api_from_its_environment()
    {
        var bucket = await LinkBucket.CreateAsync(await swift.GetAsync());
        var code = await bucket.PutLinkAsync(revoked: DateTimeOffset.UtcNow);
        await using var api = await FakeRuntimeApi.StartAsync();
        var environment = new Dictionary<string, string>(bucket.Environment) { ["AWS_LAMBDA_RUNTIME_API"] = api.Endpoint };
        using var process = LinksProcess.Start([], environment);
        try
        {
            var revoked = await api.Invoke(Event($"/{code}")).WaitAsync(Deadline, TestContext.Current.CancellationToken);
            Assert.Equal(410, Answer(revoked).StatusCode);
            var broken = await api.Invoke("[]"u8.ToArray()).WaitAsync(Deadline, TestContext.Current.CancellationToken);
            Assert.Equal("error", broken.Kind);
            var unknown = await api.Invoke(Event($"/{LinkCode.New()}/manifest.json")).WaitAsync(Deadline, TestContext.Current.CancellationToken);
            Assert.Equal(404, Answer(unknown).StatusCode);
        }
        finally
        {
            process.Kill();
        }
    }

    [Fact]
    public async Task Without_a_bucket_the_program_reports_an_init_error()
    {
        await using var api = await FakeRuntimeApi.StartAsync();
        using var process = LinksProcess.Start([], new Dictionary<string, string> { ["AWS_LAMBDA_RUNTIME_API"] = api.Endpoint });
        var init = await api.InitError.Task.WaitAsync(Deadline, TestContext.Current.CancellationToken);
        Assert.Equal("SettingsException", init.ErrorTypeHeader);
        Assert.Contains("GHOSTROLL_S3_BUCKET", init.Text, StringComparison.Ordinal);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(Deadline, TestContext.Current.CancellationToken);
        Assert.Equal(1, process.ExitCode);
    }
}
