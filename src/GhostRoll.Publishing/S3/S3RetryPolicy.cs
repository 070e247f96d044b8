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

    /// <summary>No retries: one attempt (doctor probes report the first answer).</summary>
    public static S3RetryPolicy None { get; } = new() { MaxAttempts = 1 };

    /// <summary>The delay before retry number <paramref name="attempt"/> (1-based).</summary>
    public TimeSpan DelayBefore(int attempt)
    {
        var exponential = BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30));
        var capped = Math.Min(MaxDelay.TotalMilliseconds, exponential);
        return TimeSpan.FromMilliseconds(capped * Random());
    }

    public async Task<T> ExecuteAsync<T>(string what, Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await operation(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (attempt < MaxAttempts && S3Errors.IsTransient(e, cancellationToken))
            {
                var delay = DelayBefore(attempt);
                if (Logger is { } logger)
                {
                    Log.Retrying(logger, what, attempt, MaxAttempts, (int)delay.TotalMilliseconds, Describe(e));
                }

                await Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public Task ExecuteAsync(string what, Func<CancellationToken, Task> operation, CancellationToken cancellationToken) =>
        ExecuteAsync(what, async ct =>
        {
            await operation(ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    private static string Describe(Exception e) => e is Amazon.Runtime.AmazonServiceException { StatusCode: not 0 } s
        ? $"{(int)s.StatusCode} {s.ErrorCode}"
        : e.InnerException is { } inner ? $"{e.GetType().Name}: {inner.Message}" : $"{e.GetType().Name}: {e.Message}";
}
