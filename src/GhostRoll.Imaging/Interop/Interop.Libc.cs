using System.Runtime.InteropServices;

namespace GhostRoll.Interop;

/// <summary>
/// glibc: free for buffers that C libraries hand over, and anonymous memory mappings for pixel buffers. Large
/// buffers are mapped and unmapped directly instead of going through malloc: glibc's dynamic mmap threshold would
/// otherwise move 10-30 MB buffers into per-thread arenas after the first free, where they stay resident and peak
/// RSS creeps up with the worker count.
/// </summary>
internal static unsafe partial class Libc
{
    // <sys/mman.h>: the same on x86-64 and arm64 (both asm/mman.h include asm-generic/mman.h and only add flags we do not use).
    internal const int PROT_READ = 0x1;
    internal const int PROT_WRITE = 0x2;
    internal const int MAP_PRIVATE = 0x02;
    internal const int MAP_ANONYMOUS = 0x20;
    internal static readonly IntPtr MAP_FAILED = new(-1);

    /// <summary>M_MMAP_THRESHOLD (malloc.h): allocations at least this big are mmapped and unmapped on free.</summary>
    internal const int M_MMAP_THRESHOLD = -3;

    /// <summary>glibc mallopt: returns 1 on success.</summary>
    [LibraryImport(Libraries.Libc, EntryPoint = "mallopt")]
    internal static partial int Mallopt(int parameter, int value);

    /// <summary>Releases what a C library malloc'd and handed over (libjpeg's memory destination).</summary>
    [LibraryImport(Libraries.Libc, EntryPoint = "free")]
    internal static partial void Free(void* pointer);

    [LibraryImport(Libraries.Libc, EntryPoint = "mmap", SetLastError = true)]
    internal static partial IntPtr Mmap(IntPtr address, nuint length, int protection, int flags, int fd, nint offset);

    [LibraryImport(Libraries.Libc, EntryPoint = "munmap", SetLastError = true)]
    internal static partial int Munmap(IntPtr address, nuint length);
}
