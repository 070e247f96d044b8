using GhostRoll.Lan;
using GhostRoll.Storage;

namespace GhostRoll.Status;

/// <summary>Something that shows status: the JSON file, the status.png renderer, the terminal.</summary>
public interface IStatusSink
{
    void Write(StatusDocument status);
}

/// <summary>A battery reading from the power board, if there is one.</summary>
public sealed record BatteryReading(double Percentage, bool Charging, bool Low);

/// <summary>
/// The one place that changes status while a run works. Updates are cheap and thread-safe; sinks are written
/// at most every <see cref="MinInterval"/> and at least every second while running (a heartbeat in
/// <c>updated_unix</c>, so a reader can tell a busy appliance from a hung one).
/// </summary>
public sealed class StatusReporter : IAsyncDisposable
{
    private static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(1);

    private IStatusSink[] _sinks;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly TimeProvider _time;
    private StatusDocument _current;
    private bool _dirty;
    private DateTimeOffset _lastWrite = DateTimeOffset.MinValue;
    private ProgressEstimator _estimator = new();
    private string? _estimatedSession;

    public StatusReporter(IEnumerable<IStatusSink> sinks, StatusDocument? initial = null, TimeProvider? time = null)
    {
        _sinks = [.. sinks];
        _time = time ?? TimeProvider.System;
        _current = initial ?? new StatusDocument();
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Optional battery source (set by the composition root when a power board is present).</summary>
    public Func<BatteryReading?>? Battery { get; init; }

    /// <summary>The sessions folder, whose disk's free space the status carries; null: not reported.</summary>
    public string? FreeSpacePath { get; init; }

    /// <summary>How often free space is read again: it changes slowly, and status is written several times a second.</summary>
    private static readonly TimeSpan FreeSpaceInterval = TimeSpan.FromSeconds(5);

    private long? _freeBytes;
    private DateTimeOffset _freeBytesRead = DateTimeOffset.MinValue;

    public StatusDocument Current
    {
        get
        {
            lock (_gate)
            {
                return _current;
            }
        }
    }

    /// <summary>Applies a change; it reaches the sinks within <see cref="MinInterval"/>.</summary>
    public void Update(Func<StatusDocument, StatusDocument> change)
    {
        lock (_gate)
        {
            _current = change(_current);
            _dirty = true;
        }
    }

    public void Step(string state, StatusStep step, string message) =>
        Update(s => s with { State = state, Step = step, Message = message });

    public void Counts(Func<StatusCounts, StatusCounts> change) => Update(s => s with { Counts = change(s.Counts) });

    public void Progress(StatusStep step, int done, int total) => Update(s =>
    {
        var progress = new Dictionary<string, StepProgress>(s.Progress) { [step.Name()] = new StepProgress(done, total) };
        return s with { Progress = progress };
    });

    /// <summary>
    /// Adds a sink for as long as the returned handle lives (the terminal's progress line during one CLI run).
    /// </summary>
    public IDisposable Attach(IStatusSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        lock (_gate)
        {
            _sinks = [.. _sinks, sink];
        }

        return new Detacher(this, sink);
    }

    private sealed class Detacher(StatusReporter reporter, IStatusSink sink) : IDisposable
    {
        public void Dispose()
        {
            lock (reporter._gate)
            {
                reporter._sinks = [.. reporter._sinks.Where(s => !ReferenceEquals(s, sink))];
            }
        }
    }

    /// <summary>Writes now (state changes users must see immediately: a new share link, an error, done).</summary>
    public void Flush()
    {
        StatusDocument snapshot;
        IStatusSink[] sinks;
        lock (_gate)
        {
            _dirty = false;
            _lastWrite = _time.GetUtcNow();
            _current = Estimate(Enrich(_current), _lastWrite);
            snapshot = _current;
            sinks = _sinks;
        }

        foreach (var sink in sinks)
        {
            try
            {
                sink.Write(snapshot);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A status sink must never stop an import (e.g. a read-only status path); doctor reports it.
            }
        }
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(MinInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                bool due;
                lock (_gate)
                {
                    var sinceLast = _time.GetUtcNow() - _lastWrite;
                    due = _dirty || (_current.State == StatusStates.Running && sinceLast >= Heartbeat);
                }

                if (due)
                {
                    Flush();
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private StatusDocument Enrich(StatusDocument status)
    {
        var battery = TryReadBattery();
        var now = _time.GetUtcNow();
        if (FreeSpacePath is { } path && now - _freeBytesRead >= FreeSpaceInterval)
        {
            _freeBytes = FreeSpace.Available(path);
            _freeBytesRead = now;
        }

        return status with
        {
            FreeBytes = _freeBytes ?? status.FreeBytes,
            UpdatedUnix = now.ToUnixTimeSeconds(),
            Hostname = status.Hostname ?? Environment.MachineName,
            Ip = LanAddress.Current() ?? status.Ip,
            BatteryPercentage = battery?.Percentage ?? status.BatteryPercentage,
            BatteryCharging = battery?.Charging ?? status.BatteryCharging,
            BatteryLow = battery?.Low ?? status.BatteryLow,
        };
    }

    /// <summary>Overall progress and time left while an import works; cleared when it is not working.</summary>
    private StatusDocument Estimate(StatusDocument status, DateTimeOffset now)
    {
        var counts = status.Counts ?? new StatusCounts();
        var working = status.State == StatusStates.Running && (counts.CopiedTotal > 0 || counts.ProcessedTotal > 0 || counts.UploadedTotal > 0);
        if (!working || status.SessionId != _estimatedSession)
        {
            // A new session (or the next import) starts a new estimate: rates of one card say nothing about another.
            _estimator = new ProgressEstimator();
            _estimatedSession = status.SessionId;
        }

        if (!working)
        {
            return status with { OverallProgress = null, EtaSeconds = null, CopyBytesPerSecond = null };
        }

        var estimate = _estimator.Observe(counts, now);
        return status with
        {
            OverallProgress = Math.Round(estimate.Fraction, 3),
            EtaSeconds = estimate.EtaSeconds,
            CopyBytesPerSecond = estimate.CopyBytesPerSecond is { } rate ? Math.Round(rate) : null,
        };
    }

    private BatteryReading? TryReadBattery()
    {
        try
        {
            return Battery?.Invoke();
        }
        catch (IOException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        Flush();
        _stop.Dispose();
    }
}

/// <summary>Writes status.json.</summary>
public sealed class StatusJsonSink(string path) : IStatusSink
{
    public void Write(StatusDocument status) => StatusFile.Write(path, status);
}
