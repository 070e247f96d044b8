using System.Runtime.InteropServices;

namespace GhostRoll.Imaging.Interop;

/// <summary>
/// The few parts of libjpeg-turbo's own libjpeg API (jpeglib.h, ABI 6.2: Debian libjpeg62-turbo 2.1.5) that the
/// encoder needs and TurboJPEG 2.1.5 does not offer: a custom progressive scan script. Structs are mirrored only as
/// far as the fields we touch, at the offsets of the real header (explicit layout, full size so libjpeg's own size
/// check in <c>jpeg_CreateCompress</c> passes). jpeglib.h's layout depends on the per-architecture jconfig.h; the
/// Linux ABI check (docs/linux-abi.md) proves every size and offset against the x86-64 and the arm64 headers.
/// </summary>
internal static unsafe partial class LibJpeg
{
    /// <summary>JPEG_LIB_VERSION of the ABI we bind (libjpeg.so.62).</summary>
    internal const int Version = 62;

    /// <summary>JMSG_LENGTH_MAX: buffer size for <c>format_message</c>.</summary>
    internal const int MessageLengthMax = 200;

    // J_COLOR_SPACE (jpeglib.h); JCS_EXT_RGBX is libjpeg-turbo's extension for 4-byte pixels.
    internal const int JCS_GRAYSCALE = 1;
    internal const int JCS_RGB = 2;
    internal const int JCS_EXT_RGBX = 7;

    // J_DCT_METHOD (jpeglib.h).
    internal const int JDCT_ISLOW = 0;
    internal const int JDCT_IFAST = 1;

    /// <summary>struct jpeg_compress_struct (520 bytes in ABI 6.2 on LP64).</summary>
    [StructLayout(LayoutKind.Explicit, Size = 520)]
    internal struct jpeg_compress_struct
    {
        [FieldOffset(0)] public jpeg_error_mgr* err;
        [FieldOffset(48)] public uint image_width;
        [FieldOffset(52)] public uint image_height;
        [FieldOffset(56)] public int input_components;
        [FieldOffset(60)] public int in_color_space;
        [FieldOffset(76)] public int num_components;
        [FieldOffset(88)] public jpeg_component_info* comp_info;
        [FieldOffset(240)] public int num_scans;
        [FieldOffset(248)] public jpeg_scan_info* scan_info;
        [FieldOffset(264)] public int optimize_coding;
        [FieldOffset(276)] public int dct_method;
        [FieldOffset(304)] public uint next_scanline;
    }

    /// <summary>struct jpeg_error_mgr: the method pointers we replace or call, then counters we never read.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 168)]
    internal struct jpeg_error_mgr
    {
        [FieldOffset(0)] public delegate* unmanaged<jpeg_compress_struct*, void> error_exit;
        [FieldOffset(24)] public delegate* unmanaged<jpeg_compress_struct*, byte*, void> format_message;
    }

    /// <summary>jpeg_component_info: only the sampling factors (chroma subsampling) are set.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 96)]
    internal struct jpeg_component_info
    {
        [FieldOffset(8)] public int h_samp_factor;
        [FieldOffset(12)] public int v_samp_factor;
    }

    /// <summary>jpeg_scan_info: one scan of a progressive script (ITU T.81 G.1.1: spectral selection Ss..Se, successive approximation Ah/Al).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct jpeg_scan_info
    {
        public int comps_in_scan;
        public fixed int component_index[4];
        public int Ss;
        public int Se;
        public int Ah;
        public int Al;
    }

    [LibraryImport(Libraries.Jpeg, EntryPoint = "jpeg_std_error")]
    internal static partial jpeg_error_mgr* StdError(jpeg_error_mgr* err);

    [LibraryImport(Libraries.Jpeg, EntryPoint = "jpeg_CreateCompress")]
    internal static partial void CreateCompress(jpeg_compress_struct* cinfo, int version, nuint structSize);

    [LibraryImport(Libraries.Jpeg, EntryPoint = "jpeg_set_defaults")]
    internal static partial void SetDefaults(jpeg_compress_struct* cinfo);

    [LibraryImport(Libraries.Jpeg, EntryPoint = "jpeg_set_quality")]
    internal static partial void SetQuality(jpeg_compress_struct* cinfo, int quality, int forceBaseline);

    /// <summary>Output to a buffer libjpeg mallocs and grows (<c>unsigned long</c> size = <see cref="nuint"/> on LP64).</summary>
    [LibraryImport(Libraries.Jpeg, EntryPoint = "jpeg_mem_dest")]
    internal static partial void MemDest(jpeg_compress_struct* cinfo, byte** outBuffer, nuint* outSize);

    [LibraryImport(Libraries.Jpeg, EntryPoint = "jpeg_start_compress")]
    internal static partial void StartCompress(jpeg_compress_struct* cinfo, int writeAllTables);

    [LibraryImport(Libraries.Jpeg, EntryPoint = "jpeg_write_scanlines")]
    internal static partial uint WriteScanlines(jpeg_compress_struct* cinfo, byte** scanlines, uint numLines);

    [LibraryImport(Libraries.Jpeg, EntryPoint = "jpeg_finish_compress")]
    internal static partial void FinishCompress(jpeg_compress_struct* cinfo);

    [LibraryImport(Libraries.Jpeg, EntryPoint = "jpeg_destroy_compress")]
    internal static partial void DestroyCompress(jpeg_compress_struct* cinfo);
}

/// <summary>A JPEG that libjpeg's memory destination malloc'd (<c>jpeg_mem_dest</c>), released with libc free.</summary>
internal sealed unsafe class LibJpegBuffer(byte* pointer, nuint length) : CountedBuffer(pointer, length)
{
    protected override void Free(IntPtr pointer) => Libc.Free((void*)pointer);
}
