using Microsoft.Extensions.Logging;

namespace GhostRoll.Publishing.S3;

/// <summary>
/// Retries transient S3 failures (see <see cref="S3Errors.IsTransient"/>) with capped exponential backoff and
/// full jitter (delay = random(0, min(cap, base · 2^attempt)), as in "Exponential Backoff And Jitter", AWS
/// Architecture Blog, 2015): many uploaders that failed together do not retry together. The delay function is
/// injectable so tests never sleep; permanent failures are thrown at once.
/// </summary>
public sealed record S3RetryPolicy
{
    public int MaxAttempts { get; init; } = 6;

    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Waits between attempts; tests substitute one that returns at once (or restarts a server).</summary>
    public Func<TimeSpan, CancellationToken, Task> Delay { get; init; } = static (d, ct) => Task.Delay(d, ct);

    /// <summary>Uniform random number in [0, 1) for the jitter.</summary>
    public Func<double> Random { get; init; } = static () => System.Random.Shared.NextDouble();

    public ILogger? Logger { get; init; }

    /// <summary>
    /// How long one attempt may wait for the server's answer beyond the time its body needs at
    /// <see cref="MinBytesPerSecond"/>. A server that accepts the connection and then says nothing (a captive portal,
    /// a half-open NAT mapping, a stuck proxy) is given up on after this and the attempt is retried, instead of
    /// holding the request until the S3 client's own 5-minute limit.
    /// </summary>
    public TimeSpan AnswerTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The slowest uplink an upload is allowed (16 KiB/s, about 130 kbit/s): it sizes the limit of bodies.</summary>
    public long MinBytesPerSecond { get; init; } = 16 * 1024;

    /// <summary>No retries: one attempt (doctor probes report the first answer).</summary>
    public static S3RetryPolicy None { get; } = new() { MaxAttempts = 1 };

    /// <summary>The delay before retry number <paramref name="attempt"/> (1-based).</summary>
    public TimeSpan DelayBefore(int attempt)
    {
        var exponential = BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30));
        var capped = Math.Min(MaxDelay.TotalMilliseconds, exponential);
        return TimeSpan.FromMilliseconds(capped * Random());
    }

    /// <summary>The time one attempt may take: <see cref="AnswerTimeout"/> plus its body at <see cref="MinBytesPerSecond"/>.</summary>
    public TimeSpan AttemptLimit(long bodyBytes) =>
        AnswerTimeout + TimeSpan.FromSeconds((double)Math.Max(0, bodyBytes) / Math.Max(1, MinBytesPerSecond));

    public Task<T> ExecuteAsync<T>(string what, Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken) =>
        ExecuteAsync(what, 0, operation, cancellationToken);

    /// <summary>
    /// Runs <paramref name="operation"/> until it succeeds, fails permanently or uses up <see cref="MaxAttempts"/>.
    /// Each attempt is cancelled after <see cref="AttemptLimit"/> of <paramref name="bodyBytes"/> (what the request
    /// sends); that counts as a transient <see cref="TimeoutException"/>.
    /// </summary>
    public async Task<T> ExecuteAsync<T>(string what, long bodyBytes, Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var limit = AttemptLimit(bodyBytes);
        for (var attempt = 1; ; attempt++)
        {
            Exception failure;
            using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                deadline.CancelAfter(limit);
                try
                {
                    return await operation(deadline.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException e) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    failure = new TimeoutException($"no answer from the server within {limit.TotalSeconds:0} s", e);
                }
                catch (Exception e) when (attempt < MaxAttempts && S3Errors.IsTransient(e, cancellationToken))
                {
                    failure = e;
                }
            }

            if (attempt >= MaxAttempts)
            {
                throw failure;
            }

            var delay = DelayBefore(attempt);
            if (Logger is { } logger)
            {
                Log.Retrying(logger, what, attempt, MaxAttempts, (int)delay.TotalMilliseconds, Describe(failure));
            }

            await Delay(delay, cancellationToken).ConfigureAwait(false);
        }
    }

    public Task ExecuteAsync(string what, Func<CancellationToken, Task> operation, CancellationToken cancellationToken) =>
        ExecuteAsync(what, 0, operation, cancellationToken);

    /// <inheritdoc cref="ExecuteAsync{T}(string, long, Func{CancellationToken, Task{T}}, CancellationToken)"/>
    public Task ExecuteAsync(string what, long bodyBytes, Func<CancellationToken, Task> operation, CancellationToken cancellationToken) =>
        ExecuteAsync(what, bodyBytes, async ct =>
        {
            await operation(ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    private static string Describe(Exception e) => e is Amazon.Runtime.AmazonServiceException { StatusCode: not 0 } s
        ? $"{(int)s.StatusCode} {s.ErrorCode}"
        : e is TimeoutException ? e.Message
        : e.InnerException is { } inner ? $"{e.GetType().Name}: {inner.Message}" : $"{e.GetType().Name}: {e.Message}";
}
