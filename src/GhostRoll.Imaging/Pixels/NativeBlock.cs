using System.Runtime.InteropServices;
using GhostRoll.Imaging.Interop;

namespace GhostRoll.Imaging.Pixels;

/// <summary>
/// A private anonymous memory mapping (file bytes, decoded pixels). Unmapped on dispose, so the pages leave the
/// process at once and peak RSS is exactly what the memory budget admitted, whatever glibc's malloc would keep.
/// </summary>
internal sealed unsafe class NativeBlock : CountedHandle
{
    private NativeBlock(IntPtr pointer, long length)
    {
        Adopt(pointer);
        Length = length;
    }

    public long Length { get; }

    public byte* Pointer => (byte*)handle;

    public ReadOnlySpan<byte> Span => new(Pointer, checked((int)Length));

    public ReadOnlySpan<byte> Slice(long offset, long length) => new(Pointer + offset, checked((int)length));

    public static NativeBlock Allocate(long length, string what)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        var pointer = Libc.Mmap(IntPtr.Zero, (nuint)length, Libc.PROT_READ | Libc.PROT_WRITE, Libc.MAP_PRIVATE | Libc.MAP_ANONYMOUS, -1, 0);
        if (pointer == Libc.MAP_FAILED || pointer == IntPtr.Zero)
        {
            ImagingErrors.ThrowOutOfMemory(what, length);
        }

        return new NativeBlock(pointer, length);
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

        return new NativeBlock(pointer, length);
    }

    protected override void Free(IntPtr pointer) => _ = Libc.Munmap(pointer, (nuint)Length);
}
