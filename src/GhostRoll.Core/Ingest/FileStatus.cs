using System.Runtime.InteropServices;
using GhostRoll.Interop;

namespace GhostRoll.Ingest;

internal enum FileType
{
    Regular,
    Directory,
    Symlink,

    /// <summary>FIFO, socket, device: never copied.</summary>
    Other,
}

/// <summary>What the scanner needs to know about a path, from one <c>statx</c> call that does not follow symlinks.</summary>
internal readonly record struct FileStatus(FileType Type, long SizeBytes, long MtimeNs, uint DeviceMajor, uint DeviceMinor)
{
    /// <summary>Stats <paramref name="path"/> without following a final symlink. Throws <see cref="IOException"/> with errno.</summary>
    public static FileStatus Of(string path)
    {
        if (Statx.Call(Statx.AT_FDCWD, path, Statx.AT_SYMLINK_NOFOLLOW, Mask, out var buffer) != 0)
        {
            throw IoErrors.FromErrno(Marshal.GetLastPInvokeError(), path, "stat");
        }

        return From(buffer);
    }

    /// <summary>
    /// Stats the entry <paramref name="name"/> (its bytes as the directory holds them) of the open directory
    /// <paramref name="dirfd"/>, without following a symlink; <paramref name="path"/> only names it in errors.
    /// </summary>
    internal static unsafe FileStatus At(int dirfd, ReadOnlySpan<byte> name, string path)
    {
        Span<byte> terminated = stackalloc byte[name.Length + 1];
        name.CopyTo(terminated);
        terminated[^1] = 0;
        fixed (byte* p = terminated)
        {
            if (Statx.Call(dirfd, p, Statx.AT_SYMLINK_NOFOLLOW, Mask, out var buffer) != 0)
            {
                throw IoErrors.FromErrno(Marshal.GetLastPInvokeError(), path, "stat");
            }

            return From(buffer);
        }
    }

    private const uint Mask = Statx.STATX_TYPE | Statx.STATX_SIZE | Statx.STATX_MTIME;

    private static FileStatus From(in Statx.StatxBuffer buffer)
    {
        var type = (buffer.stx_mode & Statx.S_IFMT) switch
        {
            Statx.S_IFREG => FileType.Regular,
            Statx.S_IFDIR => FileType.Directory,
            Statx.S_IFLNK => FileType.Symlink,
            _ => FileType.Other,
        };
        return new FileStatus(type, (long)buffer.stx_size, (buffer.stx_mtime.tv_sec * 1_000_000_000L) + buffer.stx_mtime.tv_nsec, buffer.stx_dev_major, buffer.stx_dev_minor);
    }

    public DateTime MtimeUtc => DateTime.UnixEpoch.AddTicks(MtimeNs / 100);

    /// <summary>Sets a file's mtime to exactly <paramref name="mtimeNs"/> (nanoseconds since the epoch); atime untouched.</summary>
    public static unsafe void SetMtime(string path, long mtimeNs)
    {
        var times = stackalloc Statx.Timespec[2];
        times[0] = new Statx.Timespec { tv_sec = 0, tv_nsec = Statx.UTIME_OMIT };
        times[1] = new Statx.Timespec { tv_sec = Math.DivRem(mtimeNs, 1_000_000_000L, out var ns), tv_nsec = ns };
        if (times[1].tv_nsec < 0)
        {
            times[1].tv_sec -= 1;
            times[1].tv_nsec += 1_000_000_000L;
        }

        if (Statx.UtimensAt(Statx.AT_FDCWD, path, times, 0) != 0)
        {
            throw IoErrors.FromErrno(Marshal.GetLastPInvokeError(), path, "set modification time");
        }
    }
}
