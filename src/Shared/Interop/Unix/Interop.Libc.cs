using System.Runtime.InteropServices;

namespace GhostRoll.Interop;

/// <summary>
/// The libc surface more than one assembly needs: the open flags and errno values they share, open(2) and close(2).
/// Each assembly adds its own calls to this partial class (mount and inotify in the appliance, ioctl in the drivers,
/// mmap in imaging) in its Interop folder. Every constant here has the same value on x86-64 and arm64: errno comes
/// from asm-generic/errno-base.h and asm-generic/errno.h on both, and O_RDONLY and O_CLOEXEC are not among the four
/// open flags arm64 overrides (O_DIRECTORY, O_NOFOLLOW, O_DIRECT, O_LARGEFILE). The Linux ABI check
/// (docs/linux-abi.md) compiles each one against the headers of both architectures.
/// </summary>
internal static unsafe partial class Libc
{
    // ---- open(2), <fcntl.h> --------------------------------------------------------------------
    internal const int O_RDONLY = 0x0;
    internal const int O_CLOEXEC = 0x80000;

    // ---- errno, <errno.h> ----------------------------------------------------------------------
    internal const int EPERM = 1;
    internal const int ENOENT = 2;
    internal const int EINTR = 4;
    internal const int EIO = 5;
    internal const int ENXIO = 6;
    internal const int EAGAIN = 11;
    internal const int EACCES = 13;
    internal const int ENOTBLK = 15;
    internal const int EBUSY = 16;
    internal const int ENODEV = 19;
    internal const int ENOTDIR = 20;
    internal const int EINVAL = 22;
    internal const int EMFILE = 24;
    internal const int ENOTTY = 25;
    internal const int ENOSPC = 28;
    internal const int EROFS = 30;
    internal const int EMSGSIZE = 90;
    internal const int ETIMEDOUT = 110;
    internal const int EREMOTEIO = 121;
    internal const int EDQUOT = 122;
    internal const int ENOMEDIUM = 123;
    internal const int EMEDIUMTYPE = 124;

    [LibraryImport(Libraries.Libc, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Open(string path, int flags);

    /// <summary>Never retried on EINTR: Linux frees the descriptor even when close reports an error.</summary>
    [LibraryImport(Libraries.Libc, EntryPoint = "close", SetLastError = true)]
    internal static partial int Close(int fd);
}
