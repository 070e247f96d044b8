using GhostRoll.Appliance.Interop;

namespace GhostRoll.Appliance.Display;

/// <summary>
/// Watches the folder of status.json with inotify(7). The folder, not the file: writers replace the file by
/// rename (AtomicFile), which would orphan a watch on the old inode. A dedicated thread blocks in an
/// <see cref="InotifyWatch"/>; Dispose wakes it, so shutdown never waits on a timeout.
/// </summary>
internal sealed class InotifyStatusWatcher : IStatusChangeSource
{
    private const uint Mask = Libc.IN_CLOSE_WRITE | Libc.IN_MOVED_TO | Libc.IN_MOVED_FROM | Libc.IN_CREATE | Libc.IN_DELETE
        | Libc.IN_DELETE_SELF | Libc.IN_MOVE_SELF | Libc.IN_ONLYDIR;

    private readonly InotifyWatch _watch;
    private readonly byte[] _fileName;
    private readonly SemaphoreSlim _changed = new(0, 1);
    private readonly Thread _reader;
    private volatile bool _folderGone;

    /// <summary>Set by <see cref="OnEvent"/> while the reader thread drains a batch of events; only that thread uses it.</summary>
    private bool _batchConcernsFile;

    private InotifyStatusWatcher(InotifyWatch watch, string fileName)
    {
        _watch = watch;
        _fileName = System.Text.Encoding.UTF8.GetBytes(fileName);
        _reader = new Thread(ReadLoop) { IsBackground = true, Name = "ghostroll-display-inotify" };
        _reader.Start();
    }

    public string Mode => "inotify";

    /// <summary>True once the watched folder was deleted or moved: the daemon then falls back to polling.</summary>
    public bool FolderGone => _folderGone;

    /// <summary>Starts watching the folder of <paramref name="statusPath"/> (which must exist). Throws <see cref="IOException"/>.</summary>
    public static InotifyStatusWatcher Start(string statusPath)
    {
        var full = Path.GetFullPath(statusPath);
        var folder = Path.GetDirectoryName(full)!;
        var watch = InotifyWatch.Open(folder);
        try
        {
            watch.Add(folder, Mask);
            return new InotifyStatusWatcher(watch, Path.GetFileName(full));
        }
        catch
        {
            watch.Dispose();
            throw;
        }
    }

    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clamped = timeout == Timeout.InfiniteTimeSpan ? timeout
            : timeout < TimeSpan.Zero ? TimeSpan.Zero
            : timeout > TimeSpan.FromDays(1) ? TimeSpan.FromDays(1) : timeout;
        return await _changed.WaitAsync(clamped, cancellationToken).ConfigureAwait(false);
    }

    private void ReadLoop()
    {
        InotifyWatch.EventHandler onEvent = OnEvent;
        while (true)
        {
            InotifyWatch.Ready ready;
            try
            {
                ready = _watch.Wait(Timeout.InfiniteTimeSpan);
            }
            catch (IOException)
            {
                // Unexpected: report a change so the daemon re-reads, and stop; it falls back to polling.
                _folderGone = true;
                Signal();
                return;
            }

            if ((ready & InotifyWatch.Ready.Woken) != 0)
            {
                return;
            }

            if ((ready & InotifyWatch.Ready.Events) != 0)
            {
                _batchConcernsFile = false;
                _watch.ReadEvents(onEvent);
                if (_batchConcernsFile)
                {
                    Signal();
                }
            }

            if (_folderGone)
            {
                Signal();
                return;
            }
        }
    }

    /// <summary>An event concerns the status file when it names it, or when events were lost (queue overflow).</summary>
    private void OnEvent(uint mask, ReadOnlySpan<byte> name)
    {
        if ((mask & Libc.IN_Q_OVERFLOW) != 0 || name.SequenceEqual(_fileName))
        {
            _batchConcernsFile = true;
        }

        if ((mask & (Libc.IN_DELETE_SELF | Libc.IN_MOVE_SELF | Libc.IN_IGNORED)) != 0)
        {
            _folderGone = true;
        }
    }

    private void Signal()
    {
        // At most one pending signal: many writes between two waits are one change to the reader.
        try
        {
            if (_changed.CurrentCount == 0)
            {
                _changed.Release();
            }
        }
        catch (SemaphoreFullException)
        {
        }
    }

    public void Dispose()
    {
        _watch.Wake();
        _reader.Join();
        _watch.Dispose();
        _changed.Dispose();
    }
}
