using System.Runtime.InteropServices;

namespace GhostRoll.Interop;

/// <summary>
/// The few libc calls .NET does not expose: directory fsync, page-cache eviction, free space, and reading a card's
/// directories and opening its files by the bytes of their names (.NET strings cannot name a file whose name is not
/// UTF-8). The calls and constants other assemblies share (open, close, errno) are in src/Shared/Interop/Unix.
/// </summary>
internal static unsafe partial class Libc
{
    /// <summary>
    /// O_DIRECTORY differs: x86-64 takes asm-generic's 0200000, arm64 overrides it with 040000 (arm64's 0200000 is
    /// O_DIRECT, which makes open fail with EINVAL on a directory).
    /// </summary>
    internal static int O_DIRECTORY => LinuxArchitecture.Select(X64.O_DIRECTORY, Arm64.O_DIRECTORY);

    /// <summary>POSIX_FADV_DONTNEED: drop the file's clean pages so a verify pass reads the disk, not the cache.</summary>
    internal const int POSIX_FADV_DONTNEED = 4;

    /// <summary>POSIX_FADV_SEQUENTIAL: a card file is read once, front to back (more read-ahead).</summary>
    internal const int POSIX_FADV_SEQUENTIAL = 2;

    /// <summary>SIGTERM is 15 on x86-64 (its own asm/signal.h) and arm64 (asm-generic/signal.h) alike.</summary>
    internal const int SIGTERM = 15;

    /// <summary>x86-64 values (asm/fcntl.h is asm-generic/fcntl.h unchanged).</summary>
    internal static class X64
    {
        internal const int O_DIRECTORY = 0x10000; // 0200000
    }

    /// <summary>arm64 values (arm64's asm/fcntl.h overrides O_DIRECTORY, O_NOFOLLOW, O_DIRECT and O_LARGEFILE).</summary>
    internal static class Arm64
    {
        internal const int O_DIRECTORY = 0x4000; // 040000
    }

    /// <summary>open(2) on a NUL-terminated byte path: the name exactly as the card stores it.</summary>
    [LibraryImport(Libraries.Libc, EntryPoint = "open", SetLastError = true)]
    internal static partial int Open(byte* path, int flags);

    /// <summary>openat(2) relative to an open directory, on a NUL-terminated byte name.</summary>
    [LibraryImport(Libraries.Libc, EntryPoint = "openat", SetLastError = true)]
    internal static partial int OpenAt(int dirfd, byte* path, int flags);

    /// <summary>
    /// glibc's <c>struct dirent</c> (bits/dirent.h, the generic Linux one on both x86-64 and aarch64; LP64 so
    /// <c>ino_t</c> and <c>off_t</c> are 64-bit without _FILE_OFFSET_BITS): d_name starts at byte 19 on both. It is
    /// the same layout as the kernel's <c>linux_dirent64</c> that getdents64 fills. Checked by the Linux ABI check.
    /// </summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct Dirent
    {
        public ulong d_ino;
        public long d_off;
        public ushort d_reclen;
        public byte d_type;
        public fixed byte d_name[256];
    }

    /// <summary>Takes ownership of <paramref name="fd"/> on success only.</summary>
    [LibraryImport(Libraries.Libc, EntryPoint = "fdopendir", SetLastError = true)]
    internal static partial DirectoryStreamHandle FdOpenDir(int fd);

    /// <summary>Null at the end of the directory (errno untouched, so 0) or on an error (errno set).</summary>
    [LibraryImport(Libraries.Libc, EntryPoint = "readdir", SetLastError = true)]
    internal static partial Dirent* ReadDir(DirectoryStreamHandle dir);

    [LibraryImport(Libraries.Libc, EntryPoint = "dirfd", SetLastError = true)]
    internal static partial int DirFd(DirectoryStreamHandle dir);

    [LibraryImport(Libraries.Libc, EntryPoint = "closedir", SetLastError = true)]
    internal static partial int CloseDir(nint dir);

    [LibraryImport(Libraries.Libc, EntryPoint = "fsync", SetLastError = true)]
    internal static partial int FSync(int fd);

    [LibraryImport(Libraries.Libc, EntryPoint = "kill", SetLastError = true)]
    internal static partial int Kill(int pid, int signal);

    /// <summary>Returns an errno value directly (not -1), as POSIX specifies.</summary>
    [LibraryImport(Libraries.Libc, EntryPoint = "posix_fadvise")]
    internal static partial int PosixFadvise(SafeHandle fd, long offset, long length, int advice);

    /// <summary>
    /// fsync a directory so a rename inside it survives power loss (rename(2) durability needs the
    /// parent directory flushed; ext4 with data=ordered usually does it, FAT and others do not).
    /// </summary>
    internal static void FsyncDirectory(string directory)
    {
        var fd = Open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (fd < 0)
        {
            throw IoErrors.FromErrno(Marshal.GetLastPInvokeError(), directory, "open directory");
        }

        try
        {
            if (FSync(fd) != 0)
            {
                throw IoErrors.FromErrno(Marshal.GetLastPInvokeError(), directory, "fsync directory");
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }
}

/// <summary>A <c>DIR*</c> from fdopendir(3); closedir(3) also closes the descriptor it owns.</summary>
internal sealed class DirectoryStreamHandle() : SafeHandle(0, ownsHandle: true)
{
    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle() => Libc.CloseDir(handle) == 0;
}
