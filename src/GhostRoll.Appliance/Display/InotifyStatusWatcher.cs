using System.Runtime.InteropServices;
using System.Text;
using GhostRoll.Appliance.Interop;

namespace GhostRoll.Appliance.Display;

/// <summary>
/// Watches the folder of status.json with inotify(7). The folder, not the file: writers replace the file by
/// rename (AtomicFile), which would orphan a watch on the old inode. A dedicated thread blocks in poll(2) on the
/// inotify descriptor and an eventfd; Dispose writes the eventfd to wake it, so shutdown never waits on a timeout.
/// </summary>
public sealed class InotifyStatusWatcher : IStatusChangeSource
{
    private const uint Mask = Libc.IN_CLOSE_WRITE | Libc.IN_MOVED_TO | Libc.IN_MOVED_FROM | Libc.IN_CREATE | Libc.IN_DELETE
        | Libc.IN_DELETE_SELF | Libc.IN_MOVE_SELF | Libc.IN_ONLYDIR;

    private readonly FileDescriptorHandle _inotify;
    private readonly FileDescriptorHandle _wake;
    private readonly byte[] _fileName;
    private readonly SemaphoreSlim _changed = new(0, 1);
    private readonly Thread _reader;
    private volatile bool _folderGone;

    private InotifyStatusWatcher(FileDescriptorHandle inotify, FileDescriptorHandle wake, string fileName)
    {
        _inotify = inotify;
        _wake = wake;
        _fileName = Encoding.UTF8.GetBytes(fileName);
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
        var inotify = FileDescriptorHandle.FromResult(Libc.InotifyInit1(Libc.IN_NONBLOCK | Libc.IN_CLOEXEC), "inotify_init1");
        try
        {
            if (Libc.InotifyAddWatch(inotify, folder, Mask) < 0)
            {
                throw Errno.ToException(Errno.Last, "inotify_add_watch", folder);
            }

            var wake = FileDescriptorHandle.FromResult(Libc.EventFd(0, Libc.EFD_NONBLOCK | Libc.EFD_CLOEXEC), "eventfd");
            return new InotifyStatusWatcher(inotify, wake, Path.GetFileName(full));
        }
        catch
        {
            inotify.Dispose();
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

    private unsafe void ReadLoop()
    {
        // 4 KiB holds ~100 events with short names; the kernel never splits an event across reads.
        var buffer = new byte[4096];
        var fds = stackalloc Libc.PollFd[2];
        var inotifyAdded = false;
        var wakeAdded = false;
        try
        {
            _inotify.DangerousAddRef(ref inotifyAdded);
            _wake.DangerousAddRef(ref wakeAdded);
            fds[0] = new Libc.PollFd { fd = _inotify.Fd, events = Libc.POLLIN };
            fds[1] = new Libc.PollFd { fd = _wake.Fd, events = Libc.POLLIN };
            while (true)
            {
                fds[0].revents = 0;
                fds[1].revents = 0;
                if (Libc.Poll(fds, 2, -1) < 0)
                {
                    if (Marshal.GetLastPInvokeError() == Libc.EINTR)
                    {
                        continue;
                    }

                    // Unexpected: report a change so the daemon re-reads, and stop; it falls back to polling.
                    _folderGone = true;
                    Signal();
                    return;
                }

                if ((fds[1].revents & Libc.POLLIN) != 0)
                {
                    return;
                }

                if ((fds[0].revents & Libc.POLLIN) != 0 && Drain(buffer))
                {
                    Signal();
                }

                if (_folderGone)
                {
                    Signal();
                    return;
                }
            }
        }
        finally
        {
            if (inotifyAdded)
            {
                _inotify.DangerousRelease();
            }

            if (wakeAdded)
            {
                _wake.DangerousRelease();
            }
        }
    }

    /// <summary>Reads every queued event; true when one concerns the status file (or events were lost).</summary>
    private unsafe bool Drain(byte[] buffer)
    {
        var relevant = false;
        while (true)
        {
            nint count;
            fixed (byte* p = buffer)
            {
                count = Libc.Read(_inotify, p, (nuint)buffer.Length);
            }

            if (count <= 0)
            {
                return relevant; // EAGAIN: queue drained
            }

            var offset = 0;
            while (offset + Libc.InotifyEventHeaderSize <= count)
            {
                var mask = BitConverter.ToUInt32(buffer, offset + 4);
                var length = BitConverter.ToInt32(buffer, offset + 12);
                var name = buffer.AsSpan(offset + Libc.InotifyEventHeaderSize, length);
                var terminator = name.IndexOf((byte)0);
                if (terminator >= 0)
                {
                    name = name[..terminator];
                }

                if ((mask & Libc.IN_Q_OVERFLOW) != 0 || name.SequenceEqual(_fileName))
                {
                    relevant = true;
                }

                if ((mask & (Libc.IN_DELETE_SELF | Libc.IN_MOVE_SELF | Libc.IN_IGNORED)) != 0)
                {
                    _folderGone = true;
                }

                offset += Libc.InotifyEventHeaderSize + length;
            }
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

    public unsafe void Dispose()
    {
        ulong one = 1;
        if (!_wake.IsClosed)
        {
            _ = Libc.Write(_wake, (byte*)&one, sizeof(ulong));
        }

        _reader.Join();
        _inotify.Dispose();
        _wake.Dispose();
        _changed.Dispose();
    }
}
