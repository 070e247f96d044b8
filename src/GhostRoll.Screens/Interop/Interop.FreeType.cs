using System.Runtime.InteropServices;

namespace GhostRoll.Screens.Interop;

/// <summary>
/// The FreeType 2 calls used to rasterise text (freetype.org/freetype2/docs/reference/ft2-base_interface.html).
/// Structs mirror the public part of the C records field by field (FT_Long/FT_Pos/FT_Fixed are C <c>long</c>,
/// hence <c>nint</c> on LP64 and ILP32 alike); the Linux ABI check (docs/linux-abi.md) compiles the x86-64 and arm64
/// headers and checks every size and offset mirrored here.
/// </summary>
internal static unsafe partial class FreeType
{
    /// <summary>FT_LOAD_RENDER: rasterise right after loading.</summary>
    internal const int LoadRender = 1 << 2;

    /// <summary>FT_LOAD_TARGET_MONO = FT_LOAD_TARGET_(FT_RENDER_MODE_MONO): hinting for and rendering to 1-bit.</summary>
    internal const int LoadTargetMono = 2 << 16;

    /// <summary>FT_LOAD_TARGET_NORMAL: anti-aliased 8-bit coverage.</summary>
    internal const int LoadTargetNormal = 0;

    internal const byte PixelModeMono = 1;
    internal const byte PixelModeGray = 2;

    /// <summary>FT_FACE_FLAG_KERNING: the face has a 'kern' table that FT_Get_Kerning reads.</summary>
    internal const nint FaceFlagKerning = 1 << 6;

    internal const uint KerningDefault = 0;

    [LibraryImport(Libraries.FreeType, EntryPoint = "FT_Init_FreeType")]
    internal static partial int InitFreeType(out IntPtr library);

    [LibraryImport(Libraries.FreeType, EntryPoint = "FT_Done_FreeType")]
    internal static partial int DoneFreeType(IntPtr library);

    [LibraryImport(Libraries.FreeType, EntryPoint = "FT_New_Face", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int NewFace(FreeTypeLibraryHandle library, string path, nint faceIndex, out IntPtr face);

    [LibraryImport(Libraries.FreeType, EntryPoint = "FT_Done_Face")]
    internal static partial int DoneFace(IntPtr face);

    [LibraryImport(Libraries.FreeType, EntryPoint = "FT_Set_Pixel_Sizes")]
    internal static partial int SetPixelSizes(FreeTypeFaceHandle face, uint width, uint height);

    [LibraryImport(Libraries.FreeType, EntryPoint = "FT_Get_Char_Index")]
    internal static partial uint GetCharIndex(FreeTypeFaceHandle face, nuint charCode);

    [LibraryImport(Libraries.FreeType, EntryPoint = "FT_Load_Glyph")]
    internal static partial int LoadGlyph(FreeTypeFaceHandle face, uint glyphIndex, int loadFlags);

    [LibraryImport(Libraries.FreeType, EntryPoint = "FT_Get_Kerning")]
    internal static partial int GetKerning(FreeTypeFaceHandle face, uint left, uint right, uint mode, out Vector kerning);

    [LibraryImport(Libraries.FreeType, EntryPoint = "FT_Library_Version")]
    internal static partial void LibraryVersion(FreeTypeLibraryHandle library, out int major, out int minor, out int patch);

    /// <summary>FT_Generic: client data and its finaliser.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct Generic
    {
        public IntPtr data;
        public IntPtr finalizer;
    }

    /// <summary>FT_BBox.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct BBox
    {
        public nint xMin, yMin, xMax, yMax;
    }

    /// <summary>FT_Vector (26.6 fixed point in glyph metrics).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct Vector
    {
        public nint x;
        public nint y;
    }

    /// <summary>FT_FaceRec, public fields up to <c>charmap</c> (the rest is private to FreeType).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct FaceRec
    {
        public nint num_faces;
        public nint face_index;
        public nint face_flags;
        public nint style_flags;
        public nint num_glyphs;
        public IntPtr family_name;
        public IntPtr style_name;
        public int num_fixed_sizes;
        public IntPtr available_sizes;
        public int num_charmaps;
        public IntPtr charmaps;
        public Generic generic;
        public BBox bbox;
        public ushort units_per_EM;
        public short ascender;
        public short descender;
        public short height;
        public short max_advance_width;
        public short max_advance_height;
        public short underline_position;
        public short underline_thickness;
        public GlyphSlotRec* glyph;
        public SizeRec* size;
        public IntPtr charmap;
    }

    /// <summary>FT_Size_Metrics: the scaled metrics for the current pixel size (26.6 fixed point).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct SizeMetrics
    {
        public ushort x_ppem;
        public ushort y_ppem;
        public nint x_scale;
        public nint y_scale;
        public nint ascender;
        public nint descender;
        public nint height;
        public nint max_advance;
    }

    /// <summary>FT_SizeRec, public fields.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct SizeRec
    {
        public IntPtr face;
        public Generic generic;
        public SizeMetrics metrics;
    }

    /// <summary>FT_Glyph_Metrics.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct GlyphMetrics
    {
        public nint width, height, horiBearingX, horiBearingY, horiAdvance, vertBearingX, vertBearingY, vertAdvance;
    }

    /// <summary>FT_Bitmap: the rendered glyph.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct Bitmap
    {
        public uint rows;
        public uint width;
        public int pitch;
        public byte* buffer;
        public ushort num_grays;
        public byte pixel_mode;
        public byte palette_mode;
        public IntPtr palette;
    }

    /// <summary>FT_GlyphSlotRec, public fields up to <c>bitmap_top</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct GlyphSlotRec
    {
        public IntPtr library;
        public IntPtr face;
        public IntPtr next;
        public uint glyph_index;
        public Generic generic;
        public GlyphMetrics metrics;
        public nint linearHoriAdvance;
        public nint linearVertAdvance;
        public Vector advance;
        public uint format;
        public Bitmap bitmap;
        public int bitmap_left;
        public int bitmap_top;
    }
}

/// <summary>An FT_Library, released with FT_Done_FreeType after every face made from it.</summary>
internal sealed class FreeTypeLibraryHandle : SafeHandle
{
    public FreeTypeLibraryHandle() : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    internal FreeTypeLibraryHandle(IntPtr handle) : this() => SetHandle(handle);

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle() => FreeType.DoneFreeType(handle) == 0;
}

/// <summary>
/// An FT_Face. It keeps its library alive (a reference count on the library handle) because FT_Done_FreeType
/// frees every face still open, and a face used after that is a use-after-free.
/// </summary>
internal sealed class FreeTypeFaceHandle : SafeHandle
{
    private FreeTypeLibraryHandle? _library;

    public FreeTypeFaceHandle() : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    internal FreeTypeFaceHandle(IntPtr handle, FreeTypeLibraryHandle library) : this()
    {
        var added = false;
        library.DangerousAddRef(ref added);
        _library = library;
        SetHandle(handle);
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    internal unsafe FreeType.FaceRec* Record => (FreeType.FaceRec*)handle;

    protected override bool ReleaseHandle()
    {
        var ok = FreeType.DoneFace(handle) == 0;
        _library?.DangerousRelease();
        _library = null;
        return ok;
    }
}
