using System.Runtime.InteropServices;

namespace GhostRoll.Appliance.Interop;

/// <summary>
/// An inotify(7) instance that one thread waits on with poll(2), optionally together with one more descriptor
/// (watch mode adds <c>/proc/self/mountinfo</c> for POLLPRI), and that another thread wakes through an eventfd(2),
/// so shutdown and cancellation never wait for a timeout. The one place that polls, retries EINTR, keeps the
/// descriptors alive while a thread blocks on them, and reads and splits inotify events. Shared by watch mode's
/// <c>MountRootSignal</c> and the display daemon's <c>InotifyStatusWatcher</c>, which keep their own policies: what
/// to watch, what an event means, and what to fall back to.
/// </summary>
internal sealed unsafe class InotifyWatch : IDisposable
{
    /// <summary>Why <see cref="Wait"/> returned; <see cref="None"/> is a timeout.</summary>
    [Flags]
    internal enum Ready
    {
        None = 0,
        Events = 1,
        Other = 2,
        Woken = 4,
    }

    /// <summary>One inotify event: its mask and the name inside the watched folder (empty for the folder itself).</summary>
    internal delegate void EventHandler(uint mask, ReadOnlySpan<byte> name);

    // 4 KiB holds ~100 events with short names; the kernel never splits an event across reads (inotify(7)).
    private const int ReadBufferSize = 4096;

    private readonly FileDescriptorHandle? _inotify;
    private readonly FileDescriptorHandle _wake;
    private readonly string _what;

    private InotifyWatch(FileDescriptorHandle? inotify, FileDescriptorHandle wake, string what)
    {
        _inotify = inotify;
        _wake = wake;
        _what = what;
    }

    /// <summary>False when the inotify instance could not be had (<c>inotifyOptional</c>): only the other descriptor and wakes remain.</summary>
    internal bool HasInotify => _inotify is not null;

    /// <summary>
    /// Creates the inotify instance and the wake eventfd. <paramref name="what"/> names what is watched in error
    /// messages. With <paramref name="inotifyOptional"/>, a failing inotify_init1 (the per-user instance limit)
    /// leaves the watch without inotify instead of failing. Throws <see cref="IOException"/>.
    /// </summary>
    internal static InotifyWatch Open(string what, bool inotifyOptional = false)
    {
        var fd = Libc.InotifyInit1(Libc.IN_NONBLOCK | Libc.IN_CLOEXEC);
        var inotify = fd >= 0 ? new FileDescriptorHandle(fd)
            : inotifyOptional ? null
            : throw Errno.ToException(Errno.Last, "inotify_init1");
        try
        {
            var wake = FileDescriptorHandle.FromResult(Libc.EventFd(0, Libc.EFD_NONBLOCK | Libc.EFD_CLOEXEC), "eventfd");
            return new InotifyWatch(inotify, wake, what);
        }
        catch
        {
            inotify?.Dispose();
            throw;
        }
    }

    /// <summary>Watches <paramref name="folder"/>; throws <see cref="IOException"/> saying why it cannot.</summary>
    internal void Add(string folder, uint mask)
    {
        if (_inotify is null)
        {
            throw new InvalidOperationException("This watch was opened without inotify.");
        }

        if (Libc.InotifyAddWatch(_inotify, folder, mask) < 0)
        {
            throw Errno.ToException(Errno.Last, "inotify_add_watch", folder);
        }
    }

    /// <summary>
    /// Watches <paramref name="folder"/> if it can. Adding a watch that exists is a no-op in the kernel; a folder that
    /// was removed and re-created (a new inode) gets a new one.
    /// </summary>
    internal bool TryAdd(string folder, uint mask) => _inotify is not null && Libc.InotifyAddWatch(_inotify, folder, mask) >= 0;

    /// <summary>
    /// Blocks until inotify events are queued, <paramref name="other"/> reports one of <paramref name="otherEvents"/>,
    /// <see cref="Wake"/> is called, or <paramref name="timeout"/> (or <see cref="Timeout.InfiniteTimeSpan"/>) passes.
    /// A wake is consumed. Throws <see cref="IOException"/> if poll(2) fails for another reason than a signal.
    /// </summary>
    internal Ready Wait(TimeSpan timeout, FileDescriptorHandle? other = null, short otherEvents = 0)
    {
        var infinite = timeout == Timeout.InfiniteTimeSpan;
        var deadline = Environment.TickCount64 + (infinite ? 0 : (long)timeout.TotalMilliseconds);
        var wakeRef = false;
        var inotifyRef = false;
        var otherRef = false;
        try
        {
            // The references keep a concurrent Dispose from closing (and the kernel from reusing) a polled number.
            var fds = stackalloc Libc.PollFd[3];
            _wake.DangerousAddRef(ref wakeRef);
            fds[0] = new Libc.PollFd { fd = _wake.Fd, events = Libc.POLLIN };
            var count = 1;
            var inotifyIndex = -1;
            var otherIndex = -1;
            if (_inotify is not null)
            {
                _inotify.DangerousAddRef(ref inotifyRef);
                inotifyIndex = count;
                fds[count++] = new Libc.PollFd { fd = _inotify.Fd, events = Libc.POLLIN };
            }

            if (other is not null)
            {
                other.DangerousAddRef(ref otherRef);
                otherIndex = count;
                fds[count++] = new Libc.PollFd { fd = other.Fd, events = otherEvents };
            }

            while (true)
            {
                var left = infinite ? -1 : Math.Clamp(deadline - Environment.TickCount64, 0, int.MaxValue);
                for (var i = 0; i < count; i++)
                {
                    fds[i].revents = 0;
                }

                if (Libc.Poll(fds, (nuint)count, (int)left) < 0)
                {
                    var errno = Errno.Last;
                    if (errno == Libc.EINTR)
                    {
                        continue;
                    }

                    throw Errno.ToException(errno, "poll", _what);
                }

                var ready = Ready.None;
                if (fds[0].revents != 0)
                {
                    ulong value;
                    _ = Libc.Read(_wake, (byte*)&value, sizeof(ulong)); // resets the counter (eventfd(2))
                    ready |= Ready.Woken;
                }

                if (inotifyIndex > 0 && fds[inotifyIndex].revents != 0)
                {
                    ready |= Ready.Events;
                }

                if (otherIndex > 0 && fds[otherIndex].revents != 0)
                {
                    ready |= Ready.Other;
                }

                return ready;
            }
        }
        finally
        {
            if (wakeRef)
            {
                _wake.DangerousRelease();
            }

            if (inotifyRef)
            {
                _inotify!.DangerousRelease();
            }

            if (otherRef)
            {
                other!.DangerousRelease();
            }
        }
    }

    /// <summary>Reads every queued event, handing each to <paramref name="onEvent"/> (null: just discard them).</summary>
    internal void ReadEvents(EventHandler? onEvent)
    {
        if (_inotify is null)
        {
            return;
        }

        var buffer = stackalloc byte[ReadBufferSize];
        while (true)
        {
            var count = (int)Libc.Read(_inotify, buffer, ReadBufferSize);
            if (count <= 0)
            {
                return; // EAGAIN: the queue is drained
            }

            var events = new ReadOnlySpan<byte>(buffer, count);
            var offset = 0;
            while (offset + Libc.InotifyEventHeaderSize <= count)
            {
                var header = MemoryMarshal.Read<Libc.InotifyEvent>(events[offset..]);
                var name = events.Slice(offset + Libc.InotifyEventHeaderSize, (int)header.len);
                var terminator = name.IndexOf((byte)0);
                onEvent?.Invoke(header.mask, terminator >= 0 ? name[..terminator] : name);
                offset += Libc.InotifyEventHeaderSize + (int)header.len;
            }
        }
    }

    /// <summary>Wakes the thread blocked in <see cref="Wait"/> (or the next one to call it).</summary>
    internal void Wake()
    {
        if (_wake.IsClosed)
        {
            return;
        }

        ulong one = 1;
        _ = Libc.Write(_wake, (byte*)&one, sizeof(ulong));
    }

    public void Dispose()
    {
        _inotify?.Dispose();
        _wake.Dispose();
    }
}
