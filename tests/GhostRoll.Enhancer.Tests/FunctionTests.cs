using System.Text.Json;
using GhostRoll.Enhancer.Tests.Support;
using GhostRoll.Lambda.Runtime;
using GhostRoll.Lambda.TestSupport;
using GhostRoll.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace GhostRoll.Enhancer.Tests;

/// <summary>
/// The function end to end: the runtime loop against the fake Lambda Runtime API, SQS-wrapped EventBridge events,
/// the real enhancer, and the signature-checking S3 server (Swift) holding share images made by the appliance's
/// own deriver from real camera files.
/// </summary>
public sealed class FunctionTests(SwiftFixture swift)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    /// <summary>The darkest fixture photo (Nikon D90, mean luma about 68 of 255).</summary>
    private const string DarkPhoto = "DCIM/100NCD90/DSC_0003.JPG";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static List<string> Failures(FakeRuntimeApi.Outcome outcome)
    {
        Assert.True(outcome.Kind == "response", $"expected a response, the runtime reported: {outcome.Text}");
        using var json = JsonDocument.Parse(outcome.Body);
        // Exactly the documented shape: {"batchItemFailures":[{"itemIdentifier":"<messageId>"}]}.
        Assert.Equal(["batchItemFailures"], json.RootElement.EnumerateObject().Select(p => p.Name));
        return [.. json.RootElement.GetProperty("batchItemFailures").EnumerateArray().Select(f =>
        {
            Assert.Equal(["itemIdentifier"], f.EnumerateObject().Select(p => p.Name));
            return f.GetProperty("itemIdentifier").GetString()!;
        })];
    }

    /// <summary>Counts the enhancer's calls: "does nothing" must mean it was not even asked.</summary>
    private sealed class CountingEnhancer
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public EnhancedImage Enhance(ReadOnlySpan<byte> jpeg)
        {
            Interlocked.Increment(ref _calls);
            return Enhancing.Enhance(jpeg);
        }
    }

    [Fact]
    public async Task A_share_image_event_makes_its_enhanced_image_once_and_a_new_upload_makes_it_again()
    {
        var bucket = await EnhancerBucket.CreateAsync(await swift.GetAsync());
        var source = await Jpeg.ShareImageAsync("basic", DarkPhoto);
        var shareKey = $"{bucket.Prefix}share/100NCD90/DSC_0003.jpg";
        var enhancedKey = $"{bucket.Prefix}enhanced/100NCD90/DSC_0003.jpg";
        var etag = await bucket.PutAsync(shareKey, source);
        var enhancer = new CountingEnhancer();
        await using var api = await FakeRuntimeApi.StartAsync();
        using var client = new LambdaRuntimeClient(api.Endpoint);
        using var stop = new CancellationTokenSource();
        var loop = LambdaRuntimeLoop.RunAsync(client, bucket.CreateFunction(enhancer.Enhance).Handler, NullLogger.Instance, stop.Token);

        var first = await api.Invoke(EnhancerBucket.SqsEvent(("m-1", bucket.ObjectCreated(shareKey, etag, source.Length)))).WaitAsync(Deadline, Token);
        Assert.Empty(Failures(first));
        Assert.Equal(1, enhancer.Calls);
        var enhanced = await bucket.GetAsync(enhancedKey);
        Assert.NotNull(enhanced);
        Assert.NotEqual(source, enhanced);
        var before = await Jpeg.MeasureAsync(source);
        var after = await Jpeg.MeasureAsync(enhanced);
        Assert.Equal((before.Width, before.Height), (after.Width, after.Height));
        Assert.True(after.MeanLuma > before.MeanLuma + 2, $"a dark photo must come out brighter: mean luma {before.MeanLuma:F1} → {after.MeanLuma:F1}");
        var head = await bucket.HeadAsync(enhancedKey);
        Assert.NotNull(head);
        Assert.Equal(etag, head.Value.Metadata[EnhancerFunction.SourceETagMetadata]);
        Assert.Equal("true", head.Value.Metadata[EnhancerFunction.ChangedMetadata]);

        // Delivered again (SQS is at-least-once; EventBridge may retry): same source ETag, nothing is done.
        var again = await api.Invoke(EnhancerBucket.SqsEvent(("m-2", bucket.ObjectCreated(shareKey, etag, source.Length)))).WaitAsync(Deadline, Token);
        Assert.Empty(Failures(again));
        Assert.Equal(1, enhancer.Calls);
        Assert.Equal(head.Value.ETag, (await bucket.HeadAsync(enhancedKey))!.Value.ETag);

        // The appliance re-derives the share image (new bytes, new ETag): the enhanced image follows it.
        var newer = await Jpeg.ShareImageAsync("basic", "DCIM/100APPLE/Apple_iPhone_6.jpg");
        var newerETag = await bucket.PutAsync(shareKey, newer);
        Assert.NotEqual(etag, newerETag);
        var third = await api.Invoke(EnhancerBucket.SqsEvent(("m-3", bucket.ObjectCreated(shareKey, newerETag, newer.Length)))).WaitAsync(Deadline, Token);
        Assert.Empty(Failures(third));
        Assert.Equal(2, enhancer.Calls);
        var replaced = await bucket.HeadAsync(enhancedKey);
        Assert.Equal(newerETag, replaced!.Value.Metadata[EnhancerFunction.SourceETagMetadata]);
        Assert.Equal((await Jpeg.MeasureAsync(newer)).Width, (await Jpeg.MeasureAsync((await bucket.GetAsync(enhancedKey))!)).Width);

        // Nothing else was written: the share image and its enhanced image only.
        Assert.Equal([enhancedKey, shareKey], (await bucket.KeysAsync()).Order(StringComparer.Ordinal));
        await stop.CancelAsync();
        await loop.WaitAsync(Deadline, Token);
    }

    [Fact]
    public async Task One_batch_with_bad_messages_lists_only_those_worth_retrying_and_the_good_one_is_enhanced()
    {
        var bucket = await EnhancerBucket.CreateAsync(await swift.GetAsync());
        var p = bucket.Prefix;
        var photo = await Jpeg.ShareImageAsync("basic", DarkPhoto);
        var goodETag = await bucket.PutAsync($"{p}share/100NCD90/DSC_0003.jpg", photo);
        var textETag = await bucket.PutAsync($"{p}share/100CANON/NOTES.jpg", "these are not pixels"u8.ToArray(), "text/plain");
        byte[] cut = [.. photo.AsSpan(0, 600)]; // a JPEG's start, then nothing: truncated upload
        var cutETag = await bucket.PutAsync($"{p}share/100CANON/CUT.jpg", cut);
        var thumbETag = await bucket.PutAsync($"{p}thumbs/100NCD90/DSC_0003.jpg", photo);

        var batch = EnhancerBucket.SqsEvent(
            ("good", bucket.ObjectCreated($"{p}share/100NCD90/DSC_0003.jpg", goodETag)),
            ("not-json", "{ \"detail\": "),
            ("empty-body", ""),
            ("not-s3", """{"version":"0","source":"aws.ec2","detail-type":"EC2 Instance State-change Notification","detail":{"state":"running"}}"""),
            ("no-key", """{"version":"0","source":"aws.s3","detail-type":"Object Created","detail":{"bucket":{"name":"x"},"object":{}}}"""),
            ("thumbnail", bucket.ObjectCreated($"{p}thumbs/100NCD90/DSC_0003.jpg", thumbETag)),
            ("webp", bucket.ObjectCreated($"{p}share/100NCD90/DSC_0003.webp", goodETag)),
            ("card-folder", bucket.ObjectCreated($"{p}originals/DCIM/share/DSC_0003.jpg", goodETag)),
            ("dot-dot", bucket.ObjectCreated($"{p}share/../links/X.jpg", goodETag)),
            ("other-bucket", bucket.ObjectCreated($"{p}share/100NCD90/DSC_0003.jpg", goodETag, bucket: "someone-else")),
            ("deleted", bucket.ObjectCreated($"{p}share/100NCD90/DSC_0003.jpg", goodETag, detailType: "Object Deleted")),
            ("missing", bucket.ObjectCreated($"{p}share/100CANON/GONE.jpg", "0123456789abcdef0123456789abcdef")),
            ("text", bucket.ObjectCreated($"{p}share/100CANON/NOTES.jpg", textETag)),
            ("truncated", bucket.ObjectCreated($"{p}share/100CANON/CUT.jpg", cutETag)));

        await using var api = await FakeRuntimeApi.StartAsync();
        using var client = new LambdaRuntimeClient(api.Endpoint);
        using var stop = new CancellationTokenSource();
        var loop = LambdaRuntimeLoop.RunAsync(client, bucket.CreateFunction().Handler, NullLogger.Instance, stop.Token);
        var answer = await api.Invoke(batch).WaitAsync(Deadline, Token);

        // Retried (then the dead-letter queue): only bodies that are not S3 events at all. Ignored: other keys,
        // buckets and event types. Dropped: a missing source, bytes that are not a (whole) JPEG.
        Assert.Equal(["not-json", "empty-body", "not-s3", "no-key"], Failures(answer));
        Assert.Equal(
            [$"{p}enhanced/100NCD90/DSC_0003.jpg", $"{p}share/100CANON/CUT.jpg", $"{p}share/100CANON/NOTES.jpg", $"{p}share/100NCD90/DSC_0003.jpg", $"{p}thumbs/100NCD90/DSC_0003.jpg"],
            (await bucket.KeysAsync()).Order(StringComparer.Ordinal));
        await Jpeg.MeasureAsync((await bucket.GetAsync($"{p}enhanced/100NCD90/DSC_0003.jpg"))!);

        // The loop is alive: the next batch is served.
        var next = await api.Invoke(EnhancerBucket.SqsEvent(("after", bucket.ObjectCreated($"{p}share/100NCD90/DSC_0003.jpg", goodETag)))).WaitAsync(Deadline, Token);
        Assert.Empty(Failures(next));
        await stop.CancelAsync();
        await loop.WaitAsync(Deadline, Token);
    }

    [Fact]
    public async Task Outcomes_say_why_each_message_was_ignored_dropped_or_kept()
    {
        var bucket = await EnhancerBucket.CreateAsync(await swift.GetAsync());
        var p = bucket.Prefix;
        var photo = await Jpeg.ShareImageAsync("basic", DarkPhoto);
        var etag = await bucket.PutAsync($"{p}share/100NCD90/DSC_0003.jpg", photo);
        var textETag = await bucket.PutAsync($"{p}share/100CANON/NOTES.jpg", "these are not pixels"u8.ToArray(), "text/plain");
        var batch = JsonSerializer.Deserialize(EnhancerBucket.SqsEvent(
            ("good", bucket.ObjectCreated($"{p}share/100NCD90/DSC_0003.jpg", etag)),
            ("again", bucket.ObjectCreated($"{p}share/100NCD90/DSC_0003.jpg", etag)),
            ("thumbnail", bucket.ObjectCreated($"{p}thumbs/100NCD90/DSC_0003.jpg", etag)),
            ("missing", bucket.ObjectCreated($"{p}share/100CANON/GONE.jpg", etag)),
            ("text", bucket.ObjectCreated($"{p}share/100CANON/NOTES.jpg", textETag)),
            ("garbage", "[1, 2")), EnhancerJsonContext.Default.SqsEvent)!;

        // One at a time, so "again" sees what "good" wrote.
        var outcomes = await bucket.CreateFunction(concurrency: 1).ProcessAsync(batch, DateTimeOffset.UtcNow + TimeSpan.FromMinutes(5), Token);
        Assert.Equal(
            [("good", OutcomeKind.Enhanced), ("again", OutcomeKind.AlreadyEnhanced), ("thumbnail", OutcomeKind.Ignored), ("missing", OutcomeKind.Dropped),
             ("text", OutcomeKind.Dropped), ("garbage", OutcomeKind.Retry)],
            outcomes.Select(o => (o.MessageId, o.Kind)));
        Assert.Contains("not a JPEG", outcomes[4].Reason, StringComparison.Ordinal);
        Assert.Contains("does not exist", outcomes[3].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_percent_encoded_key_finds_its_share_image_and_a_literal_percent_stays_literal()
    {
        var bucket = await EnhancerBucket.CreateAsync(await swift.GetAsync());
        var p = bucket.Prefix;
        var photo = await Jpeg.ShareImageAsync("basic", DarkPhoto);
        var spaced = await bucket.PutAsync($"{p}share/Camera/IMG 0001 (2).jpg", photo);
        var percent = await bucket.PutAsync($"{p}share/Camera/100%25.jpg", photo); // a key that really holds "%25"
        var batch = JsonSerializer.Deserialize(EnhancerBucket.SqsEvent(
            ("encoded", bucket.ObjectCreated($"{p}share/Camera/IMG%200001%20%282%29.jpg", spaced)),
            ("literal", bucket.ObjectCreated($"{p}share/Camera/100%25.jpg", percent)),
            ("encoded-missing", bucket.ObjectCreated($"{p}share/Camera/GONE%20X.jpg", spaced))), EnhancerJsonContext.Default.SqsEvent)!;

        var outcomes = await bucket.CreateFunction().ProcessAsync(batch, DateTimeOffset.UtcNow + TimeSpan.FromMinutes(5), Token);
        Assert.Equal([OutcomeKind.Enhanced, OutcomeKind.Enhanced, OutcomeKind.Dropped], outcomes.Select(o => o.Kind));
        Assert.NotNull(await bucket.HeadAsync($"{p}enhanced/Camera/IMG 0001 (2).jpg"));
        Assert.NotNull(await bucket.HeadAsync($"{p}enhanced/Camera/100%25.jpg"));
        Assert.Null(await bucket.HeadAsync($"{p}enhanced/Camera/IMG%200001%20%282%29.jpg"));
    }

    [Fact]
    public async Task When_S3_fails_or_time_runs_out_every_share_image_message_is_listed_for_retry()
    {
        var bucket = await EnhancerBucket.CreateAsync(await swift.GetAsync());
        var p = bucket.Prefix;
        var photo = await Jpeg.ShareImageAsync("basic", DarkPhoto);
        var etag = await bucket.PutAsync($"{p}share/100NCD90/DSC_0003.jpg", photo);
        var events = EnhancerBucket.SqsEvent(
            ("a", bucket.ObjectCreated($"{p}share/100NCD90/DSC_0003.jpg", etag)),
            ("b", bucket.ObjectCreated($"{p}share/100NCD90/DSC_0004.jpg", etag)),
            ("thumbnail", bucket.ObjectCreated($"{p}thumbs/100NCD90/DSC_0003.jpg", etag)));
        var batch = JsonSerializer.Deserialize(events, EnhancerJsonContext.Default.SqsEvent)!;

        // A wrong secret: the signature-checking server answers 403 to everything (as AWS does to a role that may not read).
        var denied = await EnhancerFunctionWith(bucket, secretKey: "not-the-secret").HandleBatchAsync(batch, DateTimeOffset.UtcNow + TimeSpan.FromMinutes(5), Token);
        Assert.Equal(["a", "b"], denied.BatchItemFailures.Select(f => f.ItemIdentifier));

        // Nothing listening: connection refused.
        var down = await EnhancerFunctionWith(bucket, endpoint: "http://127.0.0.1:9").HandleBatchAsync(batch, DateTimeOffset.UtcNow + TimeSpan.FromMinutes(5), Token);
        Assert.Equal(["a", "b"], down.BatchItemFailures.Select(f => f.ItemIdentifier));

        // The invocation's deadline is already too close to start anything: an answer listing them, not a timeout.
        var late = await bucket.CreateFunction().HandleBatchAsync(batch, DateTimeOffset.UtcNow + EnhancerFunction.AnswerMargin / 2, Token);
        Assert.Equal(["a", "b"], late.BatchItemFailures.Select(f => f.ItemIdentifier));
        Assert.Null(await bucket.HeadAsync($"{p}enhanced/100NCD90/DSC_0003.jpg"));
    }

    [Fact]
    public async Task An_event_that_is_not_an_SQS_batch_is_reported_as_an_error_and_the_loop_goes_on()
    {
        var bucket = await EnhancerBucket.CreateAsync(await swift.GetAsync());
        await using var api = await FakeRuntimeApi.StartAsync();
        using var client = new LambdaRuntimeClient(api.Endpoint);
        using var stop = new CancellationTokenSource();
        var loop = LambdaRuntimeLoop.RunAsync(client, bucket.CreateFunction().Handler, NullLogger.Instance, stop.Token);

        var notJson = await api.Invoke("{ nope"u8.ToArray()).WaitAsync(Deadline, Token);
        Assert.Equal(("error", "JsonException"), (notJson.Kind, notJson.ErrorTypeHeader));
        // A direct EventBridge invocation (no queue) is not a batch: Lambda retries it, the queue is the way in.
        var direct = await api.Invoke(System.Text.Encoding.UTF8.GetBytes(bucket.ObjectCreated($"{bucket.Prefix}share/X.jpg", "e"))).WaitAsync(Deadline, Token);
        Assert.Equal(("error", "InvalidDataException"), (direct.Kind, direct.ErrorTypeHeader));
        var noId = await api.Invoke("""{"Records":[{"body":"{}"}]}"""u8.ToArray()).WaitAsync(Deadline, Token);
        Assert.Equal(("error", "InvalidDataException"), (noId.Kind, noId.ErrorTypeHeader));
        var empty = await api.Invoke("""{"Records":[]}"""u8.ToArray()).WaitAsync(Deadline, Token);
        Assert.Empty(Failures(empty));

        await stop.CancelAsync();
        await loop.WaitAsync(Deadline, Token);
    }

    private static EnhancerFunction EnhancerFunctionWith(EnhancerBucket bucket, string? secretKey = null, string? endpoint = null)
    {
        var settings = bucket.Settings;
        if (endpoint is not null)
        {
            settings.S3Endpoint = endpoint;
        }

        var environment = bucket.Environment;
        var connection = GhostRoll.Publishing.S3.S3Connection.Create(settings,
            new Amazon.Runtime.BasicAWSCredentials(environment["AWS_ACCESS_KEY_ID"], secretKey ?? environment["AWS_SECRET_ACCESS_KEY"]));
        return new EnhancerFunction(
            new EnhancerOptions { S3 = connection.Client, Bucket = connection.Bucket, PrefixRoot = connection.PrefixRoot, Enhance = Enhancing.Enhance },
            NullLogger.Instance);
    }
}
