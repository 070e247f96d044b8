using System.Runtime.InteropServices;

namespace GhostRoll.Imaging.Interop;

/// <summary>libwebp 1.2.4 simple encoding API (webp/encode.h) and the info/decoding calls tests use (webp/decode.h).</summary>
internal static unsafe partial class Webp
{
    /// <summary>Lossy encode of RGBA; an opaque picture is written without an alpha chunk. Returns 0 on failure.</summary>
    [LibraryImport(Libraries.Webp, EntryPoint = "WebPEncodeRGBA")]
    internal static partial nuint EncodeRgba(byte* rgba, int width, int height, int stride, float qualityFactor, out byte* output);

    [LibraryImport(Libraries.Webp, EntryPoint = "WebPFree")]
    internal static partial void Free(void* pointer);

    [LibraryImport(Libraries.Webp, EntryPoint = "WebPGetInfo")]
    internal static partial int GetInfo(byte* data, nuint size, out int width, out int height);

    [LibraryImport(Libraries.Webp, EntryPoint = "WebPDecodeRGBA")]
    internal static partial byte* DecodeRgba(byte* data, nuint size, out int width, out int height);
}

/// <summary>A buffer libwebp allocated (encoder output or decoded pixels), released with WebPFree.</summary>
internal sealed unsafe class WebpBuffer(byte* pointer, nuint length) : CountedBuffer(pointer, length)
{
    protected override void Free(IntPtr pointer) => Webp.Free((void*)pointer);
}
