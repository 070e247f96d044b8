using GhostRoll.Imaging.Interop;
using GhostRoll.Imaging.Pixels;

namespace GhostRoll.Imaging.Codecs;

/// <summary>Layouts of the pixel buffers <see cref="JpegEncoder"/> accepts.</summary>
public enum JpegPixelFormat
{
    /// <summary>3 bytes per pixel: R, G, B.</summary>
    Rgb,

    /// <summary>4 bytes per pixel: R, G, B, ignored.</summary>
    Rgbx,

    /// <summary>1 byte per pixel.</summary>
    Gray,
}

/// <summary>
/// Encodes pixels to JPEG with libjpeg-turbo (TurboJPEG API). Output carries no metadata at all: no EXIF, XMP,
/// comment or ICC segment (TurboJPEG writes only JFIF APP0, tables, frame and scans). Chroma is 4:4:4 from quality
/// 90 up and 4:2:0 below. Thread-safe.
/// </summary>
public static unsafe class JpegEncoder
{
    /// <summary>Encodes a packed buffer (rows of <paramref name="width"/> pixels, no padding) and returns the JPEG bytes.</summary>
    public static byte[] Encode(ReadOnlySpan<byte> pixels, int width, int height, JpegPixelFormat format, int quality = 90, bool progressive = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfLessThan(quality, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quality, 100);
        var (pixelFormat, bytesPerPixel) = format switch
        {
            JpegPixelFormat.Rgb => (TurboJpeg.TJPF_RGB, 3),
            JpegPixelFormat.Rgbx => (TurboJpeg.TJPF_RGBX, 4),
            _ => (TurboJpeg.TJPF_GRAY, 1),
        };
        if (pixels.Length < (long)width * height * bytesPerPixel)
        {
            throw new ArgumentException($"a {width}x{height} {format} image needs {(long)width * height * bytesPerPixel} bytes, got {pixels.Length}", nameof(pixels));
        }

        fixed (byte* p = pixels)
        {
            var subsampling = format == JpegPixelFormat.Gray ? TurboJpeg.TJSAMP_GRAY : ChromaFor(quality);
            using var jpeg = Compress(p, width, height, width * bytesPerPixel, pixelFormat, subsampling, quality, progressive);
            return jpeg.Span.ToArray();
        }
    }

    /// <summary>Encodes RGBX pixels; the caller owns (and must dispose) the TurboJPEG-allocated result.</summary>
    internal static TurboJpegBuffer Encode(RgbxImage image, int quality, bool progressive = true) =>
        Compress(image.Pointer, image.Width, image.Height, image.Stride, TurboJpeg.TJPF_RGBX, ChromaFor(quality), quality, progressive);

    /// <summary>
    /// Full-resolution chroma (4:4:4) from quality 90 up, 4:2:0 below: libvips's rule. At q90 halving chroma costs
    /// ~1 dB on colour edges (measured, docs/benchmarks/imaging.md), more than the quality setting asks to lose;
    /// thumbnails (q85) keep 4:2:0 and stay small.
    /// </summary>
    internal static int ChromaFor(int quality) => quality >= 90 ? TurboJpeg.TJSAMP_444 : TurboJpeg.TJSAMP_420;

    private static TurboJpegBuffer Compress(byte* pixels, int width, int height, int pitch, int pixelFormat, int subsampling, int quality, bool progressive)
    {
        using var lease = TurboJpegPool.Compressor();
        byte* output = null;
        nuint size = 0;
        var flags = progressive ? TurboJpeg.TJFLAG_PROGRESSIVE : 0;
        var rc = TurboJpeg.Compress2(lease.Handle, pixels, width, pitch, height, pixelFormat, ref output, ref size, subsampling, quality, flags);
        var buffer = new TurboJpegBuffer(output, size);
        try
        {
            ImagingErrors.CheckTurboJpeg(lease.Handle, rc, "encoding the JPEG");
            return buffer;
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
    }
}
