namespace GhostRoll.TestSupport.LinuxAbi.Manifests;

/// <summary>GhostRoll.Screens: the FreeType records and flags used to rasterise panel text.</summary>
public static class ScreensAbi
{
    public static AbiManifest Manifest { get; } = new()
    {
        Assembly = "GhostRoll.Screens",
        Includes = ["<ft2build.h>", "FT_FREETYPE_H"],
        IncludeDirs = ["freetype2"],
        // FreeType's headers are not in the aarch64 cross sysroot: the arm64 ones come from the arm64 root.
        NeedsArm64Root = true,
        Packages = "libfreetype-dev (.ci/deps/apt-screens.txt; arm64: .ci/arm64-root)",
        Entries = new Dictionary<string, AbiEntry>
        {
            ["FreeType.LoadRender"] = new CConstant("FT_LOAD_RENDER"),
            ["FreeType.LoadTargetMono"] = new CConstant("FT_LOAD_TARGET_MONO"),
            ["FreeType.LoadTargetNormal"] = new CConstant("FT_LOAD_TARGET_NORMAL"),
            ["FreeType.PixelModeMono"] = new CConstant("FT_PIXEL_MODE_MONO"),
            ["FreeType.PixelModeGray"] = new CConstant("FT_PIXEL_MODE_GRAY"),
            ["FreeType.FaceFlagKerning"] = new CConstant("FT_FACE_FLAG_KERNING"),
            ["FreeType.KerningDefault"] = new CConstant("FT_KERNING_DEFAULT"),
            ["FreeType.Generic"] = new CStruct("FT_Generic"),
            ["FreeType.BBox"] = new CStruct("FT_BBox"),
            ["FreeType.Vector"] = new CStruct("FT_Vector"),
            // Mirrors of the public leading part of records FreeType allocates itself (the rest is private).
            ["FreeType.FaceRec"] = new CStruct("FT_FaceRec", Prefix: true),
            ["FreeType.SizeRec"] = new CStruct("FT_SizeRec", Prefix: true),
            ["FreeType.GlyphSlotRec"] = new CStruct("FT_GlyphSlotRec", Prefix: true),
            ["FreeType.SizeMetrics"] = new CStruct("FT_Size_Metrics"),
            ["FreeType.GlyphMetrics"] = new CStruct("FT_Glyph_Metrics"),
            ["FreeType.Bitmap"] = new CStruct("FT_Bitmap"),
        },
    };
}
