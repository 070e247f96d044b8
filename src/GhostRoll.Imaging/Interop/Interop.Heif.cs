using System.Runtime.InteropServices;

namespace GhostRoll.Imaging.Interop;

/// <summary>
/// The libheif 1.15 C API surface (libheif/heif.h) used to decode HEIC/HEIF/HIF stills. Errors come back as a
/// <c>struct heif_error</c> by value and are checked in <see cref="ImagingErrors.CheckHeif"/>.
/// </summary>
internal static unsafe partial class Heif
{
    // enum heif_colorspace / heif_chroma / heif_channel (heif.h).
    internal const int heif_colorspace_RGB = 1;
    internal const int heif_chroma_interleaved_RGBA = 11;
    internal const int heif_channel_interleaved = 10;

    // enum heif_color_profile_type: fourcc codes of the colr box.
    internal const int heif_color_profile_type_nclx = 0x6e636c78; // 'nclx'
    internal const int heif_color_profile_type_rICC = 0x72494343; // 'rICC'
    internal const int heif_color_profile_type_prof = 0x70726f66; // 'prof'

    [StructLayout(LayoutKind.Sequential)]
    internal struct heif_error
    {
        public int code;
        public int subcode;
        public byte* message;
    }

    /// <summary>struct heif_color_profile_nclx, version 1 fields (heif.h).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct heif_color_profile_nclx
    {
        public byte version;
        public int color_primaries;
        public int transfer_characteristics;
        public int matrix_coefficients;
        public byte full_range_flag;
        public float color_primary_red_x, color_primary_red_y;
        public float color_primary_green_x, color_primary_green_y;
        public float color_primary_blue_x, color_primary_blue_y;
        public float color_primary_white_x, color_primary_white_y;
    }

    [LibraryImport(Libraries.Heif, EntryPoint = "heif_init")]
    internal static partial heif_error Init(IntPtr parameters);

    [LibraryImport(Libraries.Heif, EntryPoint = "heif_context_alloc")]
    internal static partial IntPtr ContextAlloc();

    [LibraryImport(Libraries.Heif, EntryPoint = "heif_context_free")]
    internal static partial void ContextFree(IntPtr context);

    [LibraryImport(Libraries.Heif, EntryPoint = "heif_context_set_maximum_image_size_limit")]
    internal static partial void ContextSetMaximumImageSizeLimit(HeifContextHandle context, int maximumWidth);

    [LibraryImport(Libraries.Heif, EntryPoint = "heif_context_read_from_memory_without_copy")]
    internal static partial heif_error ContextReadFromMemoryWithoutCopy(HeifContextHandle context, byte* memory, nuint size, IntPtr options);

    [LibraryImport(Libraries.Heif, EntryPoint = "heif_context_get_primary_image_handle")]
    internal static partial heif_error ContextGetPrimaryImageHandle(HeifContextHandle context, out IntPtr handle);

    [LibraryImport(Libraries.Heif, EntryPoint = "heif_image_handle_release")]
    internal static partial void ImageHandleRelease(IntPtr handle);

    [LibraryImport(Libraries.Heif, EntryPoint = "heif_image_handle_get_width")]
    internal static partial int ImageHandleGetWidth(HeifImageHandle handle);

    [LibraryImport(Libraries.Heif, EntryPoint = "heif_image_handle_get_height")]
    internal static partial int ImageHandleGetHeight(HeifImageHandle handle);

    [LibraryImport(Libraries.Heif, EntryPoint = "heif_image_handle_get_number_of_metadata_blocks", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int ImageHandleGetNumberOfMetadataBlocks(HeifImageHandle handle, string typeFilter);

    [LibraryImport(Libraries.Heif, EntryPoint = "heif_image_handle_get_list_of_metadata_block_IDs", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int ImageHandleGetListOfMetadataBlockIds(HeifImageHandle handle, string typeFilter, uint* ids, int count);

    [LibraryImport(Libraries.Heif, EntryPoint = "heif_image_handle_get_metadata_size")]
    internal static partial nuint ImageHandleGetMetadataSize(HeifImageHandle handle, uint id);

    [LibraryImport(Libraries.Heif, EntryPoint = "heif_image_handle_get_metadata")]
    internal static partial heif_error ImageHandleGetMetadata(HeifImageHandle handle, uint id, byte* outData);

    [LibraryImport(Libraries.Heif, EntryPoint = "heif_image_handle_get_color_profile_type")]
    internal static partial int ImageHandleGetColorProfileType(HeifImageHandle handle);

    [LibraryImport(Libraries.Heif, EntryPoint = "heif_image_handle_get_raw_color_profile_size")]
    internal static partial nuint ImageHandleGetRawColorProfileSize(HeifImageHandle handle);

    [LibraryImport(Libraries.Heif, EntryPoint = "heif_image_handle_get_raw_color_profile")]
    internal static partial heif_error ImageHandleGetRawColorProfile(HeifImageHandle handle, byte* outData);

    [LibraryImport(Libraries.Heif, EntryPoint = "heif_image_handle_get_nclx_color_profile")]
    internal static partial heif_error ImageHandleGetNclxColorProfile(HeifImageHandle handle, out heif_color_profile_nclx* profile);

    [LibraryImport(Libraries.Heif, EntryPoint = "heif_nclx_color_profile_free")]
    internal static partial void NclxColorProfileFree(heif_color_profile_nclx* profile);

    /// <summary>Decodes with default options: libheif applies the container's irot/imir/clap exactly once.</summary>
    [LibraryImport(Libraries.Heif, EntryPoint = "heif_decode_image")]
    internal static partial heif_error DecodeImage(HeifImageHandle handle, out IntPtr image, int colorspace, int chroma, IntPtr options);

    [LibraryImport(Libraries.Heif, EntryPoint = "heif_image_release")]
    internal static partial void ImageRelease(IntPtr image);

    [LibraryImport(Libraries.Heif, EntryPoint = "heif_image_get_width")]
    internal static partial int ImageGetWidth(HeifImage image, int channel);

    [LibraryImport(Libraries.Heif, EntryPoint = "heif_image_get_height")]
    internal static partial int ImageGetHeight(HeifImage image, int channel);

    [LibraryImport(Libraries.Heif, EntryPoint = "heif_image_get_plane_readonly")]
    internal static partial byte* ImageGetPlaneReadonly(HeifImage image, int channel, out int stride);
}

internal sealed class HeifContextHandle : CountedHandle
{
    private HeifContextHandle()
    {
    }

    public static HeifContextHandle Create()
    {
        var result = new HeifContextHandle();
        result.Adopt(Heif.ContextAlloc());
        return result.IsInvalid ? throw new ImagingException("libheif could not allocate a context", ImagingFailure.OutOfMemory) : result;
    }

    protected override void Free(IntPtr pointer) => Heif.ContextFree(pointer);
}

internal sealed class HeifImageHandle : CountedHandle
{
    public HeifImageHandle(IntPtr pointer) => Adopt(pointer);

    protected override void Free(IntPtr pointer) => Heif.ImageHandleRelease(pointer);
}

internal sealed class HeifImage : CountedHandle
{
    public HeifImage(IntPtr pointer) => Adopt(pointer);

    protected override void Free(IntPtr pointer) => Heif.ImageRelease(pointer);
}
