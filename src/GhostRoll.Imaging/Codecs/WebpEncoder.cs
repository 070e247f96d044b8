using GhostRoll.Imaging.Interop;
using GhostRoll.Imaging.Pixels;

namespace GhostRoll.Imaging.Codecs;

/// <summary>Lossy WebP through libwebp's simple API; opaque pictures get no alpha chunk and no metadata chunks.</summary>
internal static unsafe class WebpEncoder
{
    public static WebpBuffer Encode(RgbxImage image, int quality)
    {
        var size = Webp.EncodeRgba(image.Pointer, image.Width, image.Height, image.Stride, quality, out var output);
        var buffer = new WebpBuffer(output, size);
        if (size == 0 || buffer.IsInvalid)
        {
            buffer.Dispose();
            throw new ImagingException($"libwebp could not encode a {image.Width}x{image.Height} picture", ImagingFailure.OutOfMemory);
        }

        return buffer;
    }

    /// <summary>Reads the canvas size of a WebP file (0x0 when it is not one).</summary>
    public static (int Width, int Height) ReadSize(ReadOnlySpan<byte> data)
    {
        fixed (byte* p = data)
        {
            return Webp.GetInfo(p, (nuint)data.Length, out var w, out var h) != 0 ? (w, h) : (0, 0);
        }
    }
}
