using System.Runtime.InteropServices;

namespace GhostRoll.Appliance.Display.Interop;

/// <summary>
/// libc calls the display daemon needs to wait for status.json changes without polling: inotify(7) on the
/// status folder, an eventfd(2) to wake the waiting thread on shutdown, and poll(2) on both. Constants are the
/// asm-generic values shared by x86-64 and arm64 (checked against the C headers in <c>InotifyLayoutTests</c>).
/// </summary>
internal static partial class Libc
{
    private const string Library = "libc.so.6";

    internal const int O_NONBLOCK = 0x800;
    internal const int O_CLOEXEC = 0x80000;

    // inotify_init1 flags equal the O_ ones (sys/inotify.h: IN_NONBLOCK = O_NONBLOCK, IN_CLOEXEC = O_CLOEXEC).
    internal const int IN_NONBLOCK = O_NONBLOCK;
    internal const int IN_CLOEXEC = O_CLOEXEC;

    // Event masks, linux/inotify.h.
    internal const uint IN_CLOSE_WRITE = 0x00000008;
    internal const uint IN_MOVED_FROM = 0x00000040;
    internal const uint IN_MOVED_TO = 0x00000080;
    internal const uint IN_CREATE = 0x00000100;
    internal const uint IN_DELETE = 0x00000200;
    internal const uint IN_DELETE_SELF = 0x00000400;
    internal const uint IN_MOVE_SELF = 0x00000800;
    internal const uint IN_Q_OVERFLOW = 0x00004000;
    internal const uint IN_IGNORED = 0x00008000;
    internal const uint IN_ONLYDIR = 0x01000000;

    internal const int EFD_NONBLOCK = O_NONBLOCK;
    internal const int EFD_CLOEXEC = O_CLOEXEC;

    internal const short POLLIN = 0x1;

    internal const int EINTR = 4;
    internal const int EAGAIN = 11;

    /// <summary>struct inotify_event header: wd, mask, cookie, len, then len bytes of NUL-padded name.</summary>
    internal const int InotifyEventHeaderSize = 16;

    /// <summary>struct pollfd.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct PollFd
    {
        public int fd;
        public short events;
        public short revents;
    }

    [LibraryImport(Library, EntryPoint = "inotify_init1", SetLastError = true)]
    internal static partial int InotifyInit1(int flags);

    [LibraryImport(Library, EntryPoint = "inotify_add_watch", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int InotifyAddWatch(FileDescriptorHandle fd, string path, uint mask);

    [LibraryImport(Library, EntryPoint = "eventfd", SetLastError = true)]
    internal static partial int EventFd(uint initial, int flags);

    [LibraryImport(Library, EntryPoint = "read", SetLastError = true)]
    internal static unsafe partial nint Read(FileDescriptorHandle fd, byte* buffer, nuint count);

    [LibraryImport(Library, EntryPoint = "write", SetLastError = true)]
    internal static unsafe partial nint Write(FileDescriptorHandle fd, byte* buffer, nuint count);

    [LibraryImport(Library, EntryPoint = "poll", SetLastError = true)]
    internal static unsafe partial int Poll(PollFd* fds, nuint count, int timeoutMilliseconds);

    [LibraryImport(Library, EntryPoint = "close", SetLastError = true)]
    internal static partial int Close(int fd);
}

/// <summary>A Linux file descriptor (inotify instance, eventfd), closed exactly once.</summary>
internal sealed class FileDescriptorHandle : SafeHandle
{
    public FileDescriptorHandle() : base(new IntPtr(-1), ownsHandle: true)
    {
    }

    internal FileDescriptorHandle(int fd) : this() => SetHandle(new IntPtr(fd));

    public override bool IsInvalid => handle.ToInt64() < 0;

    internal int Fd => (int)handle.ToInt64();

    protected override bool ReleaseHandle() => Libc.Close((int)handle.ToInt64()) == 0;
}

/// <summary>The one place errno values from these calls become exceptions that say what to do.</summary>
internal static class DisplayIoErrors
{
    /// <summary>ENOSPC from inotify_add_watch means the per-user watch limit, not a full disk (inotify(7)).</summary>
    private const int ENOSPC = 28;
    private const int EMFILE = 24;

    internal static IOException FromErrno(int errno, string operation, string? path = null)
    {
        var what = path is null ? operation : $"{operation} '{path}'";
        var hint = errno switch
        {
            ENOSPC when operation.StartsWith("inotify", StringComparison.Ordinal) => " (inotify watch limit reached; raise fs.inotify.max_user_watches)",
            EMFILE => " (too many inotify instances or open files; raise fs.inotify.max_user_instances)",
            _ => "",
        };
        return new IOException($"{what} failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno}){hint}", errno);
    }
}
