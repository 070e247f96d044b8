using System.Runtime.InteropServices;
using GhostRoll.Interop;
using GhostRoll.TestSupport;

namespace GhostRoll.Core.Tests.Interop;

/// <summary>Proves our hand-written struct layouts and constants against the C headers, by compiling static asserts.</summary>
public sealed class StructLayoutTests
{
    [Fact]
    public void Statx_layout_and_constants_match_the_kernel_headers()
    {
        var checks = new[]
        {
            $"_Static_assert(sizeof(struct statx) == {Marshal.SizeOf<Statx.StatxBuffer>()}, \"statx size\");",
            $"_Static_assert(offsetof(struct statx, stx_mode) == {Marshal.OffsetOf<Statx.StatxBuffer>(nameof(Statx.StatxBuffer.stx_mode))}, \"stx_mode\");",
            $"_Static_assert(offsetof(struct statx, stx_size) == {Marshal.OffsetOf<Statx.StatxBuffer>(nameof(Statx.StatxBuffer.stx_size))}, \"stx_size\");",
            $"_Static_assert(offsetof(struct statx, stx_mtime) == {Marshal.OffsetOf<Statx.StatxBuffer>(nameof(Statx.StatxBuffer.stx_mtime))}, \"stx_mtime\");",
            $"_Static_assert(offsetof(struct statx, stx_dev_major) == {Marshal.OffsetOf<Statx.StatxBuffer>(nameof(Statx.StatxBuffer.stx_dev_major))}, \"stx_dev_major\");",
            $"_Static_assert(offsetof(struct statx, stx_dev_minor) == {Marshal.OffsetOf<Statx.StatxBuffer>(nameof(Statx.StatxBuffer.stx_dev_minor))}, \"stx_dev_minor\");",
            $"_Static_assert(sizeof(struct statx_timestamp) == {Marshal.SizeOf<Statx.StatxTimestamp>()}, \"timestamp\");",
            $"_Static_assert(sizeof(struct timespec) == {Marshal.SizeOf<Statx.Timespec>()}, \"timespec\");",
            $"_Static_assert(STATX_TYPE == {Statx.STATX_TYPE} && STATX_SIZE == {Statx.STATX_SIZE} && STATX_MTIME == {Statx.STATX_MTIME}, \"mask\");",
            $"_Static_assert(AT_FDCWD == {Statx.AT_FDCWD} && AT_SYMLINK_NOFOLLOW == {Statx.AT_SYMLINK_NOFOLLOW}, \"at flags\");",
            $"_Static_assert(S_IFMT == {Statx.S_IFMT} && S_IFREG == {Statx.S_IFREG} && S_IFDIR == {Statx.S_IFDIR} && S_IFLNK == {Statx.S_IFLNK}, \"modes\");",
            $"_Static_assert(UTIME_OMIT == {Statx.UTIME_OMIT}L, \"utime omit\");",
            $"_Static_assert(O_DIRECTORY == {Libc.O_DIRECTORY} && O_CLOEXEC == {Libc.O_CLOEXEC}, \"open flags\");",
            $"_Static_assert(POSIX_FADV_DONTNEED == {Libc.POSIX_FADV_DONTNEED}, \"fadvise\");",
            $"_Static_assert(ENOSPC == {Libc.ENOSPC} && EDQUOT == {Libc.EDQUOT}, \"errno\");",
        };
        var errors = CHeaders.Disagreements(["#define _GNU_SOURCE", "<sys/stat.h>", "<fcntl.h>", "<errno.h>", "<stddef.h>", "<time.h>"], checks);

        Assert.True(errors is null, "layout mismatch against the headers:\n" + errors);
    }
}
