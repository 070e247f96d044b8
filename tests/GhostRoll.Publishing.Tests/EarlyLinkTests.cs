using System.Diagnostics;
using System.Text.RegularExpressions;
using GhostRoll.Publishing.S3;
using GhostRoll.Publishing.Tests.Support;
using GhostRoll.Status;

namespace GhostRoll.Publishing.Tests;

/// <summary>The link exists, works and is on the QR while the card is still copying.</summary>
public sealed partial class EarlyLinkTests(LoopbackServers servers)
{
    [Fact]
    public async Task Begin_publishes_a_working_link_with_qr_status_and_journal_entry_before_any_photo()
    {
        var swift = await servers.SwiftAsync();
        await using var session = new TestSession(swift, await swift.CreateBucketAsync("early"));
        using var publisher = session.Publisher();

        await publisher.BeginAsync(session.Context(expected: 40), TestContext.Current.CancellationToken);

        var url = File.ReadAllText(session.Layout.ShareTxt).Trim();
        Assert.Equal(publisher.ShareUrl, url);
        Assert.StartsWith($"{swift.Endpoint}/{session.Bucket}/{session.Prefix}index.html?", url, StringComparison.Ordinal);

        // The page is there and loads with the link alone (no credentials), and it points at a manifest that loads too.
        var page = await Browserless.GetAsync(url);
        Assert.Equal(200, page.Status);
        Assert.StartsWith("text/html", page.ContentType, StringComparison.Ordinal);
        Assert.Equal(await swift.GetBytesAsync(session.Bucket, session.Prefix + "index.html"), page.Body);
        var manifest = await session.BucketManifestAsync();
        Assert.False(manifest.Complete);
        Assert.Empty(manifest.Items);
        Assert.Equal(40, manifest.Expected);
        Assert.Equal(session.SessionId, manifest.SessionId);

        // QR: an independent decoder reads exactly the link back.
        Assert.Equal(url, await ZbarImg.DecodeAsync(session.Layout.ShareQrPng));

        // The display learns the link at once; the journal keeps it for resumed runs and 'ghostroll sessions'.
        var written = session.StatusSink.Written.Last(s => s.Url is not null);
        Assert.Equal(url, written.Url);
        Assert.Equal(session.Layout.ShareQrPng, written.QrPath);
        Assert.Equal(url, session.Database.GetSession(session.SessionId)!.ShareUrl);

        // A person at the terminal sees the QR; the log has the link but never its signature.
        Assert.Contains('█', session.Terminal.ToString());
        var log = session.LogText.ToString();
        Assert.Contains("Share link ready", log, StringComparison.Ordinal);
        Assert.DoesNotContain(Signature(url), log, StringComparison.Ordinal);
        Assert.Contains("X-Amz-Signature=REDACTED", log, StringComparison.Ordinal);
        Assert.DoesNotContain('█', log); // the QR is a working key: terminal only, never the log
    }

    [Fact]
    public async Task Share_link_is_sigv4_and_lives_seven_days_minus_the_safety_margin()
    {
        var server = await servers.S3rverAsync();
        await using var session = new TestSession(server, await server.CreateBucketAsync("expiry"));
        using var publisher = session.Publisher();
        var before = DateTime.UtcNow;

        await publisher.BeginAsync(session.Context(), TestContext.Current.CancellationToken);

        var url = publisher.ShareUrl!;
        Assert.Contains("X-Amz-Algorithm=AWS4-HMAC-SHA256", url, StringComparison.Ordinal);
        Assert.StartsWith("http://", url, StringComparison.Ordinal); // not https: the endpoint is plain http
        var expires = PresignExpiry.ExpiryOf(url)!.Value;
        Assert.InRange((expires - before).TotalSeconds, PresignExpiry.MaximumSeconds - 120, PresignExpiry.MaximumSeconds + 1);
        Assert.Contains("X-Amz-Expires=", url, StringComparison.Ordinal);
        Assert.True(int.Parse(QueryValue(url, "X-Amz-Expires"), System.Globalization.CultureInfo.InvariantCulture) <= PresignExpiry.SigV4MaximumSeconds);
    }

    [Fact]
    public async Task Unreachable_bucket_does_not_stop_the_import_and_publishing_says_what_to_do()
    {
        var server = await servers.S3rverAsync();
        var closedPort = TestSupport.S3.LoopbackPorts.Free(1)[0];
        await using var session = new TestSession(server, "gr-unreachable", tweak: s => s.S3Endpoint = $"http://127.0.0.1:{closedPort}");
        using var publisher = session.Publisher();
        var context = session.Context();

        await publisher.BeginAsync(context, TestContext.Current.CancellationToken); // must not throw

        Assert.Null(publisher.ShareUrl);
        Assert.False(File.Exists(session.Layout.ShareTxt), "no link is shown for a page that does not exist");
        var error = await Assert.ThrowsAsync<Pipeline.PublishException>(() => publisher.PublishAsync(context, session.AddPhoto(), TestContext.Current.CancellationToken));
        Assert.Contains("could not be reached", error.Message, StringComparison.Ordinal);
        Assert.Contains("ghostroll publish", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resumed_session_keeps_the_link_people_already_have()
    {
        var server = await servers.S3rverAsync();
        await using var session = new TestSession(server, await server.CreateBucketAsync("resume-link"));
        string first;
        using (var run1 = session.Publisher())
        {
            await run1.BeginAsync(session.Context(), TestContext.Current.CancellationToken);
            first = run1.ShareUrl!;
        }

        using var run2 = session.Publisher();
        await run2.BeginAsync(session.Context(), TestContext.Current.CancellationToken);

        Assert.Equal(first, run2.ShareUrl);
        Assert.Equal(first, File.ReadAllText(session.Layout.ShareTxt).Trim());
        Assert.Equal(200, (await Browserless.GetAsync(first)).Status);
    }

    [Fact]
    public async Task Early_link_reaches_status_on_a_signature_checking_server_and_its_time_is_reported()
    {
        // No timing assertion (timings are benchmarks, docs/benchmarks): the time goes to the test log for reading.
        var swift = await servers.SwiftAsync();
        await using var session = new TestSession(swift, await swift.CreateBucketAsync("fast"));
        using var publisher = session.Publisher();
        var watch = Stopwatch.StartNew();
        await publisher.BeginAsync(session.Context(), TestContext.Current.CancellationToken);
        Assert.NotNull(publisher.ShareUrl);
        Assert.Contains(session.StatusSink.Written, s => s.Url == publisher.ShareUrl && s.State != StatusStates.Error);
        TestContext.Current.SendDiagnosticMessage($"early link in {watch.ElapsedMilliseconds} ms");
    }

    private static string Signature(string url) => QueryValue(url, "X-Amz-Signature");

    private static string QueryValue(string url, string name) => Regex.Match(url, $"[?&]{name}=([^&]+)").Groups[1].Value;
}
