namespace GhostRoll.Appliance.Display;

/// <summary>
/// The fallback when inotify is unavailable (watch limit reached, a filesystem without inotify such as some
/// network mounts): compares the status file's existence, size and modification time (nanosecond resolution on Linux)
/// every POLL_SECONDS.
/// </summary>
internal sealed class PollingStatusWatcher(string statusPath, TimeSpan interval, TimeProvider time) : IStatusChangeSource
{
    private (bool Exists, long Length, DateTime Written) _last = Snapshot(statusPath);

    public string Mode => $"polling every {interval.TotalSeconds:0.#} s";

    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + timeout;
        while (true)
        {
            var now = Snapshot(statusPath);
            if (now != _last)
            {
                _last = now;
                return true;
            }

            var remaining = deadline - time.GetUtcNow();
            if (remaining <= TimeSpan.Zero)
            {
                return false;
            }

            await Task.Delay(remaining < interval ? remaining : interval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static (bool, long, DateTime) Snapshot(string path)
    {
        try
        {
            var info = new FileInfo(path);
            return info.Exists ? (true, info.Length, info.LastWriteTimeUtc) : (false, 0, default);
        }
        catch (IOException)
        {
            return (false, 0, default);
        }
    }

    public void Dispose()
    {
    }
}
