using System.Runtime.InteropServices;
using GhostRoll.Imaging.Interop;

namespace GhostRoll.Imaging.Pixels;

/// <summary>
/// A private memory mapping: pixel buffers (anonymous, recycled through a <see cref="PixelPool"/>) or a file's
/// bytes (read-only). Pixel memory goes back to a small bounded pool on dispose and to the kernel soon after, never
/// to glibc's malloc, which would keep 10-30 MB blocks in per-thread arenas for the life of the process.
/// </summary>
internal sealed unsafe class NativeBlock : CountedHandle
{
    private readonly long _capacity;
    private readonly PixelPool? _pool;

    private NativeBlock(IntPtr pointer, long length, long capacity, PixelPool? pool)
    {
        Adopt(pointer);
        Length = length;
        _capacity = capacity;
        _pool = pool;
    }

    public long Length { get; }

    public byte* Pointer => (byte*)handle;

    public ReadOnlySpan<byte> Span => new(Pointer, checked((int)Length));

    public ReadOnlySpan<byte> Slice(long offset, long length) => new(Pointer + offset, checked((int)length));

    /// <summary>
    /// Anonymous memory for pixels: a buffer kept by <paramref name="pool"/> when one fits, else a fresh mapping. On
    /// dispose it goes back to <paramref name="pool"/>, or to the kernel when there is none.
    /// </summary>
    public static NativeBlock Allocate(long length, string what, PixelPool? pool = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        long capacity = 0;
        var kept = pool?.TryTake(length, out capacity) ?? IntPtr.Zero;
        if (kept != IntPtr.Zero)
        {
            return new NativeBlock(kept, length, capacity, pool);
        }

        var pointer = Libc.Mmap(IntPtr.Zero, (nuint)length, Libc.PROT_READ | Libc.PROT_WRITE, Libc.MAP_PRIVATE | Libc.MAP_ANONYMOUS, -1, 0);
        if (pointer == Libc.MAP_FAILED || pointer == IntPtr.Zero)
        {
            ImagingErrors.ThrowOutOfMemory(what, length);
        }

        return new NativeBlock(pointer, length, length, pool);
    }

    /// <summary>
    /// Maps a file read-only. Only the pages a codec touches become resident (a RAW's preview, not its sensor
    /// data), and nothing is copied. The file must not be truncated while mapped: GhostRoll maps only its own
    /// verified local copies, never the card.
    /// </summary>
    public static NativeBlock MapFile(string path, long maxBytes)
    {
        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        var length = RandomAccess.GetLength(file);
        if (length == 0)
        {
            ImagingErrors.ThrowCorrupt($"'{Path.GetFileName(path)}' is empty");
        }

        if (length > maxBytes)
        {
            throw new ImagingException($"'{Path.GetFileName(path)}' is {length / (1024 * 1024)} MB, more than the {maxBytes / (1024 * 1024)} MB GhostRoll reads for a picture", ImagingFailure.TooLarge);
        }

        var pointer = Libc.Mmap(IntPtr.Zero, (nuint)length, Libc.PROT_READ, Libc.MAP_PRIVATE, (int)file.DangerousGetHandle(), 0);
        if (pointer == Libc.MAP_FAILED || pointer == IntPtr.Zero)
        {
            throw new ImagingException($"could not map '{Path.GetFileName(path)}' ({Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())})", ImagingFailure.OutOfMemory);
        }

        return new NativeBlock(pointer, length, length, pool: null);
    }

    protected override void Free(IntPtr pointer)
    {
        if (_pool is not null)
        {
            _pool.Return(pointer, _capacity);
        }
        else
        {
            _ = Libc.Munmap(pointer, (nuint)_capacity);
        }
    }
}
