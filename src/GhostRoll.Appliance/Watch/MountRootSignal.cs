using System.Runtime.InteropServices;
using GhostRoll.Appliance.Interop;

namespace GhostRoll.Appliance.Watch;

/// <summary>
/// Wakes watch mode when a card may have appeared or gone: inotify(7) on the mount roots and their subfolders
/// (a desktop creates <c>/media/$USER/auto-import</c>) and POLLPRI on <c>/proc/self/mountinfo</c> (proc(5): the
/// kernel flags it on every mount and unmount, which catches a card mounted over an existing folder). Both are
/// optional: when neither is available the wait is a plain timeout, so watch mode degrades to polling.
/// </summary>
public sealed class MountRootSignal : IDisposable
{
    private readonly FileDescriptorHandle? _inotify;
    private readonly FileDescriptorHandle? _mountInfo;

    public MountRootSignal(string mountInfoPath = "/proc/self/mountinfo")
    {
        var fd = Libc.InotifyInit1(Libc.IN_NONBLOCK | Libc.IN_CLOEXEC);
        _inotify = fd >= 0 ? new FileDescriptorHandle(fd) : null;
        try
        {
            _mountInfo = Libc.OpenHandle(mountInfoPath, Libc.O_RDONLY, 0, "open mount table");
        }
        catch (IOException)
        {
            _mountInfo = null;
        }
    }

    /// <summary>True when at least one event source works (otherwise watch mode only polls).</summary>
    public bool HasEventSource => _inotify is not null || _mountInfo is not null;

    /// <summary>
    /// Watches these folders. Called before every wait: adding an existing watch is a no-op in the kernel, and a
    /// folder that was removed and re-created (a new inode) gets a new watch.
    /// </summary>
    public void Watch(IEnumerable<string> folders)
    {
        if (_inotify is null)
        {
            return;
        }

        const uint mask = Libc.IN_CREATE | Libc.IN_DELETE | Libc.IN_MOVED_FROM | Libc.IN_MOVED_TO
            | Libc.IN_DELETE_SELF | Libc.IN_MOVE_SELF | Libc.IN_UNMOUNT | Libc.IN_ONLYDIR;
        foreach (var folder in folders)
        {
            _ = Libc.InotifyAddWatch(_inotify, folder, mask); // a folder that just vanished is simply not watched
        }
    }

    /// <summary>Waits until something changed under a root or in the mount table, or <paramref name="timeout"/> passed.</summary>
    /// <returns>True when woken by an event, false on timeout.</returns>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        HasEventSource ? Task.Run(() => Wait(timeout, cancellationToken), cancellationToken) : DelayAsync(timeout, cancellationToken);

    private static async Task<bool> DelayAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        await Task.Delay(timeout, cancellationToken).ConfigureAwait(false);
        return false;
    }

    private unsafe bool Wait(TimeSpan timeout, CancellationToken cancellationToken)
    {
        // Poll in short slices so a cancellation (Ctrl-C, SIGTERM) is seen quickly.
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        var inotifyRef = false;
        var mountInfoRef = false;
        try
        {
            _inotify?.DangerousAddRef(ref inotifyRef);
            _mountInfo?.DangerousAddRef(ref mountInfoRef);
            var fds = stackalloc Libc.PollFd[2];
            var count = 0;
            if (inotifyRef)
            {
                fds[count++] = new Libc.PollFd { fd = _inotify!.Fd, events = Libc.POLLIN };
            }

            if (mountInfoRef)
            {
                fds[count++] = new Libc.PollFd { fd = _mountInfo!.Fd, events = Libc.POLLPRI };
            }

            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var left = deadline - Environment.TickCount64;
                if (left <= 0)
                {
                    return false;
                }

                var ready = Libc.Poll(fds, (nuint)count, (int)Math.Min(left, 250));
                if (ready < 0 && Marshal.GetLastPInvokeError() != Libc.EINTR)
                {
                    throw Errno.ToException(Marshal.GetLastPInvokeError(), "poll", "mount roots");
                }

                if (ready > 0)
                {
                    DrainInotify();
                    return true;
                }
            }
        }
        finally
        {
            if (inotifyRef)
            {
                _inotify!.DangerousRelease();
            }

            if (mountInfoRef)
            {
                _mountInfo!.DangerousRelease();
            }
        }
    }

    /// <summary>Reads queued inotify events away; what changed does not matter, a rescan follows.</summary>
    private unsafe void DrainInotify()
    {
        if (_inotify is null)
        {
            return;
        }

        var buffer = stackalloc byte[4096];
        while (Libc.Read(_inotify, buffer, 4096) > 0)
        {
        }
    }

    public void Dispose()
    {
        _inotify?.Dispose();
        _mountInfo?.Dispose();
    }
}
