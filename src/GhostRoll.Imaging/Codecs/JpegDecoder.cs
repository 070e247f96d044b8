using GhostRoll.Imaging.Interop;
using GhostRoll.Imaging.Pixels;

namespace GhostRoll.Imaging.Codecs;

/// <summary>
/// JPEG decoding through TurboJPEG with DCT-domain scaling: libjpeg-turbo reconstructs the picture at n/8 of its
/// size straight from the DCT coefficients, which skips most of the inverse transform, colour conversion and
/// upsampling work of a full decode. The resampler then only has a small step left to the exact target size.
/// </summary>
internal static unsafe class JpegDecoder
{
    private static readonly (int Num, int Denom)[] Scales = LoadScales();

    public readonly record struct Header(int Width, int Height, int Subsampling, int ColorSpace);

    public static Header ReadHeader(byte* data, long length)
    {
        using var lease = TurboJpegPool.Decompressor();
        var rc = TurboJpeg.DecompressHeader3(lease.Handle, data, (nuint)length, out var w, out var h, out var subsamp, out var colorspace);
        ImagingErrors.CheckTurboJpeg(lease.Handle, rc, "reading the JPEG header");
        if (w <= 0 || h <= 0)
        {
            ImagingErrors.ThrowCorrupt("the JPEG header declares no pixels");
        }

        return new Header(w, h, subsamp, colorspace);
    }

    /// <summary>
    /// The smallest DCT scaling factor whose output long edge is still at least <paramref name="targetLongEdge"/>,
    /// so the resampler always shrinks and never enlarges: 6000x4000 decodes at 1/2 for 2048, 8256x5504 at 1/4.
    /// Only 1/8, 1/4, 1/2 and 1/1 are used: libjpeg-turbo has NEON code for the 2x2 and 4x4 reduced IDCTs (the Pi),
    /// while 3/8, 5/8, ... run in plain C; and 1/2 measured better than 3/8 for 24 MP (41.8 vs 41.3 dB after encoding,
    /// docs/benchmarks/imaging.md) for the same decode time on x86-64.
    /// </summary>
    public static (int Num, int Denom) ChooseScale(int width, int height, int targetLongEdge)
    {
        var longEdge = Math.Max(width, height);
        foreach (var scale in Scales)
        {
            if (Scaled(longEdge, scale) >= targetLongEdge)
            {
                return scale;
            }
        }

        return (1, 1);
    }

    public static int Scaled(int dimension, (int Num, int Denom) scale) => (int)((((long)dimension * scale.Num) + scale.Denom - 1) / scale.Denom);

    /// <summary>Bytes a decode at <paramref name="scale"/> keeps resident: output pixels plus libjpeg's coefficient buffer for progressive files.</summary>
    public static long EstimateDecodeBytes(int width, int height, (int Num, int Denom) scale, bool progressive, int components)
    {
        var pixels = RgbxImage.BytesFor(Scaled(width, scale), Scaled(height, scale));

        // A progressive JPEG keeps every DCT coefficient (2 bytes each) of the whole image until the last scan.
        var coefficients = progressive ? (long)width * height * Math.Max(1, components) * 2 : 0;
        return pixels + coefficients;
    }

    /// <summary>
    /// Decodes at the chosen DCT scale into RGBX. Refuses declared sizes above <paramref name="maxPixels"/> before
    /// allocating. <paramref name="fastDct"/> (libjpeg's fast inverse DCT) is for design probes in the benchmarks.
    /// </summary>
    public static RgbxImage Decode(byte* data, long length, int targetLongEdge, long maxPixels, PixelPool? pool = null, bool fastDct = false)
    {
        using var lease = TurboJpegPool.Decompressor();
        var rc = TurboJpeg.DecompressHeader3(lease.Handle, data, (nuint)length, out var w, out var h, out _, out var colorspace);
        ImagingErrors.CheckTurboJpeg(lease.Handle, rc, "reading the JPEG header");
        if (w <= 0 || h <= 0)
        {
            ImagingErrors.ThrowCorrupt("the JPEG header declares no pixels");
        }

        if ((long)w * h > maxPixels)
        {
            ImagingErrors.ThrowTooLarge("the JPEG", w, h, maxPixels);
        }

        if (colorspace is TurboJpeg.TJCS_CMYK or TurboJpeg.TJCS_YCCK)
        {
            ImagingErrors.ThrowUnsupported("the JPEG is CMYK (a print file, not a camera photo); libjpeg-turbo's TurboJPEG API cannot convert it to RGB");
        }

        var scale = ChooseScale(w, h, targetLongEdge);
        var image = RgbxImage.Allocate(Scaled(w, scale), Scaled(h, scale), pool);
        try
        {
            rc = TurboJpeg.Decompress2(lease.Handle, data, (nuint)length, image.Pointer, image.Width, image.Stride, image.Height, TurboJpeg.TJPF_RGBX, fastDct ? TurboJpeg.TJFLAG_FASTDCT : 0);
            ImagingErrors.CheckTurboJpeg(lease.Handle, rc, "decoding the JPEG");
            return image;
        }
        catch
        {
            image.Dispose();
            throw;
        }
    }

    private static (int, int)[] LoadScales()
    {
        var list = TurboJpeg.GetScalingFactors(out var count);
        var result = new List<(int Num, int Denom)>();
        for (var i = 0; list is not null && i < count; i++)
        {
            if (list[i].num == 1 && list[i].denom is 1 or 2 or 4 or 8)
            {
                result.Add((list[i].num, list[i].denom));
            }
        }

        if (result.Count == 0)
        {
            result.Add((1, 1));
        }

        return [.. result.OrderBy(s => (double)s.Num / s.Denom)];
    }
}
