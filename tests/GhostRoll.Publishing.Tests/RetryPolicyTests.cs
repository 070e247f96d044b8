using System.Net;
using System.Net.Sockets;
using Amazon.S3;
using GhostRoll.Publishing.S3;

namespace GhostRoll.Publishing.Tests;

/// <summary>Which failures are retried, how long the backoff is, and when it gives up (no real sleeping).</summary>
public sealed class RetryPolicyTests
{
    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable, "SlowDown", true)]
    [InlineData(HttpStatusCode.InternalServerError, "InternalError", true)]
    [InlineData(HttpStatusCode.BadGateway, "", true)]
    [InlineData((HttpStatusCode)429, "TooManyRequests", true)]
    [InlineData(HttpStatusCode.BadRequest, "RequestTimeout", true)]
    [InlineData(HttpStatusCode.Forbidden, "RequestTimeTooSkewed", true)]
    [InlineData(HttpStatusCode.Forbidden, "AccessDenied", false)]
    [InlineData(HttpStatusCode.Forbidden, "SignatureDoesNotMatch", false)]
    [InlineData(HttpStatusCode.NotFound, "NoSuchBucket", false)]
    public void Server_answers_are_classified(HttpStatusCode status, string code, bool transient) =>
        Assert.Equal(transient, S3Errors.IsTransient(new AmazonS3Exception("x") { StatusCode = status, ErrorCode = code }, TestContext.Current.CancellationToken));

    [Fact]
    public void Network_failures_are_transient_but_our_own_cancellation_is_not()
    {
        Assert.True(S3Errors.IsTransient(new HttpRequestException("refused", new SocketException((int)SocketError.ConnectionRefused)), TestContext.Current.CancellationToken));
        Assert.True(S3Errors.IsTransient(new IOException("connection reset by peer"), TestContext.Current.CancellationToken));
        Assert.True(S3Errors.IsTransient(new TaskCanceledException("HttpClient timeout"), TestContext.Current.CancellationToken));
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.False(S3Errors.IsTransient(new OperationCanceledException(cancelled.Token), cancelled.Token));
    }

    [Fact]
    public void Backoff_doubles_up_to_the_cap_and_jitter_scales_it()
    {
        var policy = new S3RetryPolicy { BaseDelay = TimeSpan.FromMilliseconds(500), MaxDelay = TimeSpan.FromSeconds(20), Random = () => 1.0 };
        Assert.Equal([500, 1000, 2000, 4000, 8000, 16000, 20000, 20000], Enumerable.Range(1, 8).Select(a => policy.DelayBefore(a).TotalMilliseconds));
        var jittered = policy with { Random = () => 0.25 };
        Assert.Equal(1000, jittered.DelayBefore(4).TotalMilliseconds);
    }

    [Fact]
    public async Task Transient_failures_are_retried_until_success()
    {
        var delays = new List<TimeSpan>();
        var policy = new S3RetryPolicy { MaxAttempts = 5, Random = () => 1.0, Delay = (d, _) => { delays.Add(d); return Task.CompletedTask; } };
        var calls = 0;
        var result = await policy.ExecuteAsync("test", _ =>
        {
            if (++calls < 3)
            {
                throw new AmazonS3Exception("busy") { StatusCode = HttpStatusCode.ServiceUnavailable, ErrorCode = "SlowDown" };
            }

            return Task.FromResult(42);
        }, TestContext.Current.CancellationToken);
        Assert.Equal(42, result);
        Assert.Equal(3, calls);
        Assert.Equal([TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(1000)], delays);
    }

    [Fact]
    public async Task An_attempt_that_gets_no_answer_is_abandoned_and_retried_and_large_bodies_get_time_to_travel()
    {
        var policy = new S3RetryPolicy { MaxAttempts = 3, AnswerTimeout = TimeSpan.FromMilliseconds(50), Delay = (_, _) => Task.CompletedTask };
        var calls = 0;
        var error = await Assert.ThrowsAsync<TimeoutException>(() => policy.ExecuteAsync("silent", async ct =>
        {
            calls++;
            await Task.Delay(Timeout.Infinite, ct); // a server that accepted the request and never answers
        }, TestContext.Current.CancellationToken));
        Assert.Equal(3, calls);
        Assert.Contains("no answer from the server", error.Message, StringComparison.Ordinal);

        // The defaults: 60 s for an answer, plus the body at 16 KiB/s (an 8 MiB multipart part: 512 s more).
        var defaults = new S3RetryPolicy();
        Assert.Equal(TimeSpan.FromSeconds(60), defaults.AttemptLimit(0));
        Assert.Equal(TimeSpan.FromSeconds(60 + 512), defaults.AttemptLimit(8L * 1024 * 1024));
    }

    [Fact]
    public async Task Permanent_failures_fail_at_once_and_exhausted_retries_surface_the_last_error()
    {
        var policy = new S3RetryPolicy { MaxAttempts = 4, Delay = (_, _) => Task.CompletedTask };
        var calls = 0;
        await Assert.ThrowsAsync<AmazonS3Exception>(() => policy.ExecuteAsync("denied", _ =>
        {
            calls++;
            throw new AmazonS3Exception("no") { StatusCode = HttpStatusCode.Forbidden, ErrorCode = "AccessDenied" };
        }, TestContext.Current.CancellationToken));
        Assert.Equal(1, calls);

        calls = 0;
        await Assert.ThrowsAsync<HttpRequestException>(() => policy.ExecuteAsync("down", _ =>
        {
            calls++;
            throw new HttpRequestException("connection refused");
        }, TestContext.Current.CancellationToken));
        Assert.Equal(4, calls);
    }

    [Fact]
    public void Translated_errors_say_what_to_do()
    {
        using var connection = S3Connection.Create(new Configuration.GhostRollSettings { S3Bucket = "my-photos", S3Endpoint = "http://127.0.0.1:9" },
            new Amazon.Runtime.BasicAWSCredentials("a", "b"));
        var denied = S3Errors.Translate(new AmazonS3Exception("x") { StatusCode = HttpStatusCode.Forbidden, ErrorCode = "AccessDenied" }, "upload of k", connection);
        Assert.Contains("s3:PutObject", denied.Message, StringComparison.Ordinal);
        Assert.Contains("my-photos", denied.Message, StringComparison.Ordinal);
        var skew = S3Errors.Translate(new AmazonS3Exception("x") { StatusCode = HttpStatusCode.Forbidden, ErrorCode = "RequestTimeTooSkewed" }, "upload of k", connection);
        Assert.Contains("NTP", skew.Message, StringComparison.Ordinal);
        var missing = S3Errors.Translate(new AmazonS3Exception("x") { StatusCode = HttpStatusCode.NotFound, ErrorCode = "NoSuchBucket" }, "upload of k", connection);
        Assert.Contains("GHOSTROLL_S3_BUCKET", missing.Message, StringComparison.Ordinal);
    }
}
