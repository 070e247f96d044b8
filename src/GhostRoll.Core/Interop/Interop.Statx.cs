using System.Runtime.InteropServices;

namespace GhostRoll.Interop;

/// <summary>
/// statx(2) and utimensat(2). statx is used instead of stat(2) because <c>struct statx</c> has one layout on every
/// architecture (<c>struct stat</c> differs between x86-64 and arm64), and because one call gives the file type,
/// exact size, nanosecond mtime and the device number — everything the scanner and volume identity need.
/// Layout: include/uapi/linux/stat.h; checked against the x86-64 and arm64 headers by the Linux ABI check
/// (docs/linux-abi.md).
/// </summary>
internal static unsafe partial class Statx
{
    internal const int AT_FDCWD = -100;
    internal const int AT_SYMLINK_NOFOLLOW = 0x100;
    internal const uint STATX_TYPE = 0x1;
    internal const uint STATX_MODE = 0x2;
    internal const uint STATX_MTIME = 0x40;
    internal const uint STATX_SIZE = 0x200;

    internal const ushort S_IFMT = 0xF000;
    internal const ushort S_IFREG = 0x8000;
    internal const ushort S_IFDIR = 0x4000;
    internal const ushort S_IFLNK = 0xA000;

    /// <summary>UTIME_OMIT: leave that timestamp unchanged (bits/stat.h).</summary>
    internal const long UTIME_OMIT = (1L << 30) - 2;

    [StructLayout(LayoutKind.Sequential)]
    internal struct StatxTimestamp
    {
        public long tv_sec;
        public uint tv_nsec;
        public int reserved;
    }

    [StructLayout(LayoutKind.Explicit, Size = 256)]
    internal struct StatxBuffer
    {
        [FieldOffset(0)] public uint stx_mask;
        [FieldOffset(28)] public ushort stx_mode;
        [FieldOffset(40)] public ulong stx_size;
        [FieldOffset(112)] public StatxTimestamp stx_mtime;
        [FieldOffset(136)] public uint stx_dev_major;
        [FieldOffset(140)] public uint stx_dev_minor;
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct Timespec
    {
        public long tv_sec;
        public long tv_nsec;
    }

    [LibraryImport(Libraries.Libc, EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Call(int dirfd, string path, int flags, uint mask, out StatxBuffer buffer);

    /// <summary>statx on a NUL-terminated byte name relative to <paramref name="dirfd"/> (names that are not UTF-8).</summary>
    [LibraryImport(Libraries.Libc, EntryPoint = "statx", SetLastError = true)]
    internal static partial int Call(int dirfd, byte* path, int flags, uint mask, out StatxBuffer buffer);

    [LibraryImport(Libraries.Libc, EntryPoint = "utimensat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int UtimensAt(int dirfd, string path, Timespec* times, int flags);
}
