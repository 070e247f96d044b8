using Microsoft.Extensions.Logging;

namespace GhostRoll.Appliance.Display;

/// <summary>
/// The daemon's change source: inotify when it works, polling otherwise. If the watched folder disappears
/// (someone removed ~/ghostroll) it is recreated and watched again.
/// </summary>
internal sealed class StatusFileWatch : IStatusChangeSource
{
    private readonly string _statusPath;
    private readonly TimeSpan _pollInterval;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private IStatusChangeSource _current;

    private StatusFileWatch(string statusPath, TimeSpan pollInterval, TimeProvider time, ILogger logger)
    {
        _statusPath = statusPath;
        _pollInterval = pollInterval;
        _time = time;
        _logger = logger;
        _current = Best();
    }

    public string Mode => _current.Mode;

    public static StatusFileWatch Open(string statusPath, TimeSpan pollInterval, TimeProvider time, ILogger logger) =>
        new(statusPath, pollInterval, time, logger);

    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        // The folder was deleted or moved: recreate it and watch again (polling if inotify now fails). Polling
        // chosen because inotify itself failed stays: retrying would log the same failure on every wait.
        if (_current is InotifyStatusWatcher { FolderGone: true })
        {
            _current.Dispose();
            _current = Best();
            return true; // re-read: the file may have changed while nothing watched it
        }

        return await _current.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
    }

    private string Folder => Path.GetDirectoryName(Path.GetFullPath(_statusPath))!;

    private IStatusChangeSource Best()
    {
        try
        {
            Directory.CreateDirectory(Folder);
            return InotifyStatusWatcher.Start(_statusPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DllNotFoundException or EntryPointNotFoundException)
        {
            DisplayLog.WatchFallback(_logger, Folder, e.Message, _pollInterval.TotalSeconds);
            return new PollingStatusWatcher(_statusPath, _pollInterval, _time);
        }
    }

    public void Dispose() => _current.Dispose();
}
