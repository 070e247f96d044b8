using System.Runtime.InteropServices;
using GhostRoll.Appliance.Interop;

namespace GhostRoll.Interop;

/// <summary>
/// The libc calls the appliance assembly needs and .NET does not expose: mount(2)/umount2(2) for cards,
/// flock(2) for per-card locks, inotify(7), eventfd(2) and poll(2) for watch mode and the display daemon,
/// getpwnam(3)/chown(2) for setup; open, close and errno are shared (src/Shared/Interop/Unix). Every constant here has the same value on
/// x86-64 and arm64 (arm64's asm/fcntl.h differs from x86-64's only in O_DIRECTORY, O_NOFOLLOW, O_DIRECT and
/// O_LARGEFILE, none used here); the Linux ABI check (docs/linux-abi.md) compiles each one and every struct against
/// the headers of both architectures.
/// </summary>
internal static unsafe partial class Libc
{
    // ---- mount(2) flags, <linux/mount.h> -------------------------------------------------------
    internal const ulong MS_RDONLY = 1;
    internal const ulong MS_NOSUID = 2;
    internal const ulong MS_NODEV = 4;
    internal const ulong MS_NOEXEC = 8;
    internal const ulong MS_NOATIME = 1024;

    // ---- umount2(2) flags, <sys/mount.h> -------------------------------------------------------
    internal const int MNT_DETACH = 2;
    internal const int UMOUNT_NOFOLLOW = 8;

    // ---- flock(2), <sys/file.h> ----------------------------------------------------------------
    internal const int LOCK_EX = 2;
    internal const int LOCK_NB = 4;

    // ---- open(2), <fcntl.h> --------------------------------------------------------------------
    internal const int O_CREAT = 0x40;
    internal const int O_NONBLOCK = 0x800;

    // ---- inotify(7), <sys/inotify.h> -----------------------------------------------------------
    internal const int IN_NONBLOCK = O_NONBLOCK;
    internal const int IN_CLOEXEC = O_CLOEXEC;
    internal const uint IN_CLOSE_WRITE = 0x8;
    internal const uint IN_MOVED_FROM = 0x40;
    internal const uint IN_MOVED_TO = 0x80;
    internal const uint IN_CREATE = 0x100;
    internal const uint IN_DELETE = 0x200;
    internal const uint IN_DELETE_SELF = 0x400;
    internal const uint IN_MOVE_SELF = 0x800;
    internal const uint IN_UNMOUNT = 0x2000;
    internal const uint IN_Q_OVERFLOW = 0x4000;
    internal const uint IN_IGNORED = 0x8000;
    internal const uint IN_ONLYDIR = 0x01000000;

    // ---- eventfd(2), <sys/eventfd.h>: the flags equal the O_ ones -----------------------------------
    internal const int EFD_NONBLOCK = O_NONBLOCK;
    internal const int EFD_CLOEXEC = O_CLOEXEC;

    // ---- poll(2), <poll.h> ---------------------------------------------------------------------
    internal const short POLLIN = 0x1;
    internal const short POLLPRI = 0x2;
    internal const short POLLERR = 0x8;

    /// <summary>struct pollfd (poll.h): int fd; short events; short revents.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct PollFd
    {
        internal int fd;
        internal short events;
        internal short revents;
    }

    /// <summary>struct passwd (pwd.h), all seven fields; we read uid, gid and shell (LP64 layout, x86-64 and arm64 alike).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct Passwd
    {
        internal byte* pw_name;
        internal byte* pw_passwd;
        internal uint pw_uid;
        internal uint pw_gid;
        internal byte* pw_gecos;
        internal byte* pw_dir;
        internal byte* pw_shell;
    }

    /// <summary>Size of the fixed part of struct inotify_event (wd, mask, cookie, len); the name follows.</summary>
    internal const int InotifyEventHeaderSize = 16;

    /// <summary>struct inotify_event (sys/inotify.h) without its name: len bytes of NUL-padded name follow.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct InotifyEvent
    {
        internal int wd;
        internal uint mask;
        internal uint cookie;
        internal uint len;
    }

    [LibraryImport(Libraries.Libc, EntryPoint = "mount", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Mount(string source, string target, string fileSystemType, nuint flags, string? data);

    [LibraryImport(Libraries.Libc, EntryPoint = "umount2", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Umount2(string target, int flags);

    /// <summary>
    /// open(2) with a mode. glibc declares <c>open(const char *, int, ...)</c>; on Linux x86-64 and aarch64 a variadic
    /// integer travels in the same register as a fixed one (AAPCS64 as Linux uses it; Apple's arm64 ABI would put it on
    /// the stack), so a fixed third parameter is ABI-compatible.
    /// </summary>
    [LibraryImport(Libraries.Libc, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Open(string path, int flags, uint mode);

    [LibraryImport(Libraries.Libc, EntryPoint = "flock", SetLastError = true)]
    internal static partial int Flock(FileDescriptorHandle fd, int operation);

    [LibraryImport(Libraries.Libc, EntryPoint = "inotify_init1", SetLastError = true)]
    internal static partial int InotifyInit1(int flags);

    [LibraryImport(Libraries.Libc, EntryPoint = "inotify_add_watch", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int InotifyAddWatch(FileDescriptorHandle fd, string path, uint mask);

    [LibraryImport(Libraries.Libc, EntryPoint = "eventfd", SetLastError = true)]
    internal static partial int EventFd(uint initial, int flags);

    [LibraryImport(Libraries.Libc, EntryPoint = "read", SetLastError = true)]
    internal static partial nint Read(FileDescriptorHandle fd, byte* buffer, nuint count);

    [LibraryImport(Libraries.Libc, EntryPoint = "write", SetLastError = true)]
    internal static partial nint Write(FileDescriptorHandle fd, byte* buffer, nuint count);

    [LibraryImport(Libraries.Libc, EntryPoint = "poll", SetLastError = true)]
    internal static partial int Poll(PollFd* fds, nuint count, int timeoutMilliseconds);

    [LibraryImport(Libraries.Libc, EntryPoint = "getpwnam", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial Passwd* GetPwNam(string name);

    [LibraryImport(Libraries.Libc, EntryPoint = "chown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Chown(string path, uint owner, uint group);

    [LibraryImport(Libraries.Libc, EntryPoint = "geteuid")]
    internal static partial uint GetEuid();

    /// <summary>Opens a file descriptor as a SafeHandle (closed by close(2) when released).</summary>
    internal static FileDescriptorHandle OpenHandle(string path, int flags, uint mode, string operation) =>
        FileDescriptorHandle.FromResult(Open(path, flags | O_CLOEXEC, mode), operation, path);
}
