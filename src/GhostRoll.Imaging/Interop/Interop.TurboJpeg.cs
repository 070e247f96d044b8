using System.Runtime.InteropServices;

namespace GhostRoll.Imaging.Interop;

/// <summary>
/// The TurboJPEG 2.1.5 C API surface (turbojpeg.h). <c>unsigned long</c> is <see cref="nuint"/> on LP64 Linux.
/// Every call that can fail goes through <see cref="ImagingErrors.CheckTurboJpeg"/>.
/// </summary>
internal static unsafe partial class TurboJpeg
{
    // enum TJPF (turbojpeg.h): pixel formats.
    internal const int TJPF_RGB = 0;
    internal const int TJPF_RGBX = 2;
    internal const int TJPF_GRAY = 6;

    // enum TJSAMP: chrominance subsampling.
    internal const int TJSAMP_444 = 0;
    internal const int TJSAMP_422 = 1;
    internal const int TJSAMP_420 = 2;
    internal const int TJSAMP_GRAY = 3;

    // enum TJCS: JPEG colour spaces.
    internal const int TJCS_CMYK = 3;
    internal const int TJCS_YCCK = 4;

    internal const int TJFLAG_FASTDCT = 2048;
    internal const int TJFLAG_NOREALLOC = 1024;
    internal const int TJFLAG_PROGRESSIVE = 16384;

    // enum TJERR.
    internal const int TJERR_WARNING = 0;

    [StructLayout(LayoutKind.Sequential)]
    internal struct TjScalingFactor
    {
        public int num;
        public int denom;
    }

    [LibraryImport(Libraries.TurboJpeg, EntryPoint = "tjInitDecompress")]
    internal static partial IntPtr InitDecompress();

    [LibraryImport(Libraries.TurboJpeg, EntryPoint = "tjDestroy")]
    internal static partial int Destroy(IntPtr handle);

    [LibraryImport(Libraries.TurboJpeg, EntryPoint = "tjDecompressHeader3")]
    internal static partial int DecompressHeader3(TurboJpegHandle handle, byte* jpegBuf, nuint jpegSize, out int width, out int height, out int jpegSubsamp, out int jpegColorspace);

    [LibraryImport(Libraries.TurboJpeg, EntryPoint = "tjGetScalingFactors")]
    internal static partial TjScalingFactor* GetScalingFactors(out int numScalingFactors);

    [LibraryImport(Libraries.TurboJpeg, EntryPoint = "tjDecompress2")]
    internal static partial int Decompress2(TurboJpegHandle handle, byte* jpegBuf, nuint jpegSize, byte* dstBuf, int width, int pitch, int height, int pixelFormat, int flags);

    [LibraryImport(Libraries.TurboJpeg, EntryPoint = "tjGetErrorStr2")]
    internal static partial byte* GetErrorStr2(TurboJpegHandle handle);

    [LibraryImport(Libraries.TurboJpeg, EntryPoint = "tjGetErrorCode")]
    internal static partial int GetErrorCode(TurboJpegHandle handle);
}

/// <summary>A tjhandle (compressor or decompressor), destroyed with tjDestroy.</summary>
internal sealed class TurboJpegHandle : CountedHandle
{
    private TurboJpegHandle()
    {
    }

    public static TurboJpegHandle CreateDecompressor() => Create(TurboJpeg.InitDecompress(), "decompressor");

    private static TurboJpegHandle Create(IntPtr pointer, string what)
    {
        var result = new TurboJpegHandle();
        result.Adopt(pointer);
        if (result.IsInvalid)
        {
            throw new ImagingException($"libjpeg-turbo could not create a {what} (out of memory?)", ImagingFailure.OutOfMemory);
        }

        return result;
    }

    protected override void Free(IntPtr pointer) => _ = TurboJpeg.Destroy(pointer);
}
