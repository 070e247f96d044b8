using System.Threading.Channels;
using GhostRoll.Pipeline;
using Microsoft.Extensions.Logging;

namespace GhostRoll.Publishing;

/// <summary>
/// Keeps the bucket's manifest.json close behind the photos that land, without a PUT per photo: requests
/// collapse into one pending signal (a bounded channel of capacity 1 that drops extra writes), and after each
/// upload the loop waits <c>interval</c> before the next. A failed interim update is logged and retried by the
/// next signal; only the final manifest (<see cref="S3Publisher.CompleteAsync"/>) must succeed.
/// </summary>
internal sealed class ManifestUpdater : IAsyncDisposable
{
    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _abort = new();
    private readonly Func<CancellationToken, Task> _upload;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private Task _loop = Task.CompletedTask;
    private int _updates;

    public ManifestUpdater(Func<CancellationToken, Task> upload, TimeSpan interval, TimeProvider time, ILogger logger)
    {
        _upload = upload;
        _interval = interval;
        _time = time;
        _logger = logger;
    }

    /// <summary>Interim manifests uploaded so far.</summary>
    public int Updates => Volatile.Read(ref _updates);

    public void Start() => _loop = Task.Run(LoopAsync);

    /// <summary>Something changed: the manifest is uploaded soon (at once, or when the current interval ends).</summary>
    public void RequestUpdate() => _signal.Writer.TryWrite(true);

    /// <summary>
    /// Stops the loop: pending signals are dropped, the wait between updates ends, and an upload in flight is
    /// allowed to finish, so no interim manifest can land after the final one.
    /// </summary>
    public async Task StopAsync()
    {
        _signal.Writer.TryComplete();
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
    }

    private async Task LoopAsync()
    {
        var token = _stop.Token;
        try
        {
            while (await _signal.Reader.WaitToReadAsync(token).ConfigureAwait(false))
            {
                _signal.Reader.TryRead(out _);
                try
                {
                    await _upload(_abort.Token).ConfigureAwait(false);
                    Interlocked.Increment(ref _updates);
                }
                catch (PublishException e)
                {
                    Log.ManifestUpdateFailed(_logger, e.Message);
                }
                catch (OperationCanceledException) when (_abort.IsCancellationRequested)
                {
                    return;
                }

                await Task.Delay(_interval, _time, token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
    }

    /// <summary>Stops at once, cancelling an upload in flight (the run is being abandoned).</summary>
    public async ValueTask DisposeAsync()
    {
        await _abort.CancelAsync().ConfigureAwait(false);
        await StopAsync().ConfigureAwait(false);
        _stop.Dispose();
        _abort.Dispose();
    }
}
