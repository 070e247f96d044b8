using System.Runtime.InteropServices;
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

/// <summary>How <see cref="JpegEncoder"/> lays out a file.</summary>
/// <param name="Progressive">The progressive script (always with optimised Huffman tables), else one baseline scan.</param>
/// <param name="FullChroma">4:4:4, else 4:2:0.</param>
/// <param name="OptimizeHuffman">For a baseline file: Huffman tables fitted to the picture (a second pass), else libjpeg's standard ones.</param>
/// <param name="FastDct">libjpeg's fast integer forward DCT (JDCT_IFAST) instead of the accurate one (JDCT_ISLOW).</param>
internal readonly record struct JpegLayout(bool Progressive, bool FullChroma, bool OptimizeHuffman = false, bool FastDct = false);

/// <summary>
/// Encodes pixels to JPEG with libjpeg-turbo through its libjpeg API (libjpeg.so.62), because that API, unlike
/// TurboJPEG 2.1.5, takes a custom progressive scan script (see <see cref="ColorScript"/>). Output carries no
/// metadata at all: no EXIF, XMP, comment or ICC segment (only JFIF APP0, tables, frame and scans). Chroma is 4:4:4
/// from quality 90 up and 4:2:0 below. The accurate integer DCT (JDCT_ISLOW) is used. Thread-safe: every call has
/// its own compressor.
/// </summary>
public static unsafe class JpegEncoder
{
    /// <summary>
    /// The progressive script for colour images: DC of all components first (the browser paints a blurred but
    /// correctly coloured preview after a few per cent of the bytes), then all of luma (full sharpness), then the two
    /// chroma components. Spectral selection only, no successive-approximation refinement scans: libjpeg's default
    /// script (jpeg_simple_progression, which TurboJPEG uses) has ten scans, and every scan is one more Huffman
    /// statistics pass and one more output pass over its coefficients; AC scans cannot mix components (ITU T.81
    /// G.1.1.1), so four is the fewest for colour. Measured on a 2048x1365 share image at q90 4:4:4: 62 ms with the
    /// default script, 38 ms with this one (40 ms with luma split at coefficient 5), for a file 4% larger
    /// (docs/benchmarks/imaging.md).
    /// </summary>
    private static readonly LibJpeg.jpeg_scan_info[] ColorScript =
    [
        Scan([0, 1, 2], 0, 0),
        Scan([0], 1, 63),
        Scan([1], 1, 63),
        Scan([2], 1, 63),
    ];

    private static readonly LibJpeg.jpeg_scan_info[] GrayScript = [Scan([0], 0, 0), Scan([0], 1, 63)];

    /// <summary>JPEG_MAX_DIMENSION (jmorecfg.h): the largest side libjpeg writes.</summary>
    internal const int MaxDimension = 65500;

    /// <summary>Encodes a packed buffer (rows of <paramref name="width"/> pixels, no padding) and returns the JPEG bytes.</summary>
    public static byte[] Encode(ReadOnlySpan<byte> pixels, int width, int height, JpegPixelFormat format, int quality = 90, bool progressive = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfLessThan(quality, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quality, 100);
        var (colorSpace, bytesPerPixel) = format switch
        {
            JpegPixelFormat.Rgb => (LibJpeg.JCS_RGB, 3),
            JpegPixelFormat.Rgbx => (LibJpeg.JCS_EXT_RGBX, 4),
            _ => (LibJpeg.JCS_GRAYSCALE, 1),
        };
        if (pixels.Length < (long)width * height * bytesPerPixel)
        {
            throw new ArgumentException($"a {width}x{height} {format} image needs {(long)width * height * bytesPerPixel} bytes, got {pixels.Length}", nameof(pixels));
        }

        fixed (byte* p = pixels)
        {
            using var jpeg = Compress(p, width, height, width * bytesPerPixel, colorSpace, bytesPerPixel, quality, new JpegLayout(progressive, FullChroma(quality)));
            return jpeg.Span.ToArray();
        }
    }

    /// <summary>Encodes RGBX pixels; the caller owns (and must dispose) the libjpeg-allocated result.</summary>
    internal static LibJpegBuffer Encode(RgbxImage image, int quality, bool progressive = true) =>
        Encode(image, quality, progressive, FullChroma(quality));

    /// <summary>As above with the chroma choice forced (design probes in the benchmarks compare both).</summary>
    internal static LibJpegBuffer Encode(RgbxImage image, int quality, bool progressive, bool fullChroma) =>
        Encode(image, quality, new JpegLayout(progressive, fullChroma));

    /// <summary>RGBX pixels with every choice of <see cref="JpegLayout"/> given (the enhancer writes baseline files).</summary>
    internal static LibJpegBuffer Encode(RgbxImage image, int quality, JpegLayout layout) =>
        Compress(image.Pointer, image.Width, image.Height, image.Stride, LibJpeg.JCS_EXT_RGBX, RgbxImage.BytesPerPixel, quality, layout);

    /// <summary>
    /// Full-resolution chroma (4:4:4) from quality 90 up, 4:2:0 below: libvips's rule. At q90 halving chroma costs
    /// ~1 dB on colour edges (measured, docs/benchmarks/imaging.md), more than the quality setting asks to lose;
    /// thumbnails (q85) keep 4:2:0 and stay small.
    /// </summary>
    internal static bool FullChroma(int quality) => quality >= 90;

    private static LibJpegBuffer Compress(byte* pixels, int width, int height, int pitch, int colorSpace, int components, int quality, JpegLayout layout)
    {
        // libjpeg would call its fatal-error hook (which stops the process) for sizes the format cannot hold.
        if (width > MaxDimension || height > MaxDimension)
        {
            throw new ImagingException($"a {width}x{height} picture is larger than a JPEG can hold ({MaxDimension} px per side)", ImagingFailure.TooLarge);
        }

        LibJpeg.jpeg_compress_struct cinfo = default;
        LibJpeg.jpeg_error_mgr errors = default;
        cinfo.err = LibJpeg.StdError(&errors);
        errors.error_exit = &ErrorExit;
        LibJpeg.CreateCompress(&cinfo, LibJpeg.Version, (nuint)sizeof(LibJpeg.jpeg_compress_struct));
        byte* output = null;
        nuint size = 0;
        try
        {
            LibJpeg.MemDest(&cinfo, &output, &size);
            cinfo.image_width = (uint)width;
            cinfo.image_height = (uint)height;
            cinfo.input_components = components;
            cinfo.in_color_space = colorSpace;
            LibJpeg.SetDefaults(&cinfo); // YCbCr 4:2:0 (or grayscale), standard tables, JFIF, accurate DCT
            LibJpeg.SetQuality(&cinfo, quality, forceBaseline: 1);
            var gray = colorSpace == LibJpeg.JCS_GRAYSCALE;
            if (!gray && layout.FullChroma)
            {
                cinfo.comp_info[0].h_samp_factor = 1;
                cinfo.comp_info[0].v_samp_factor = 1;
            }

            cinfo.optimize_coding = layout.OptimizeHuffman ? 1 : 0;
            cinfo.dct_method = layout.FastDct ? LibJpeg.JDCT_IFAST : LibJpeg.JDCT_ISLOW;
            var scans = gray ? GrayScript : ColorScript;
            fixed (LibJpeg.jpeg_scan_info* script = scans)
            {
                if (layout.Progressive)
                {
                    // libjpeg switches to progressive mode (and optimised Huffman tables) when given a script.
                    cinfo.scan_info = script;
                    cinfo.num_scans = scans.Length;
                }

                LibJpeg.StartCompress(&cinfo, writeAllTables: 1);
                const int Batch = 16;
                var rows = stackalloc byte*[Batch];
                while (cinfo.next_scanline < cinfo.image_height)
                {
                    var first = (int)cinfo.next_scanline;
                    var count = Math.Min(Batch, height - first);
                    for (var i = 0; i < count; i++)
                    {
                        rows[i] = pixels + ((long)(first + i) * pitch);
                    }

                    LibJpeg.WriteScanlines(&cinfo, rows, (uint)count);
                }

                LibJpeg.FinishCompress(&cinfo);
            }
        }
        finally
        {
            LibJpeg.DestroyCompress(&cinfo);
        }

        return new LibJpegBuffer(output, size);
    }

    private static LibJpeg.jpeg_scan_info Scan(ReadOnlySpan<int> components, int spectralStart, int spectralEnd)
    {
        var scan = new LibJpeg.jpeg_scan_info { comps_in_scan = components.Length, Ss = spectralStart, Se = spectralEnd };
        for (var i = 0; i < components.Length; i++)
        {
            scan.component_index[i] = components[i];
        }

        return scan;
    }

    /// <summary>
    /// libjpeg's fatal-error hook. It must not return, and managed code cannot longjmp out of native frames, so the
    /// process stops with libjpeg's message. For a compressor whose parameters we set ourselves (sizes checked
    /// above, fixed valid scripts) the only error libjpeg can still raise is running out of memory; the import is
    /// crash-safe and resumes on the next run.
    /// </summary>
    [UnmanagedCallersOnly]
    private static void ErrorExit(LibJpeg.jpeg_compress_struct* cinfo)
    {
        var message = stackalloc byte[LibJpeg.MessageLengthMax];
        cinfo->err->format_message(cinfo, message);
        Environment.FailFast("libjpeg could not encode a JPEG: " + Marshal.PtrToStringUTF8((IntPtr)message));
    }
}
