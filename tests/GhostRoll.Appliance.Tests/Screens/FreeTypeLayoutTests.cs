using System.Runtime.InteropServices;
using GhostRoll.Screens.Interop;
using GhostRoll.TestSupport;
using Xunit;

namespace GhostRoll.Appliance.Tests.Screens;

/// <summary>
/// Proves the FreeType struct mirrors and constants against the real C headers (libfreetype-dev): a C file of
/// _Static_assert lines, generated from what the C# side believes, must compile. A wrong offset would read
/// garbage glyph bitmaps, or crash, on some other FreeType build.
/// </summary>
public sealed class FreeTypeLayoutTests
{
    [Fact]
    public void Struct_offsets_and_constants_match_the_freetype_headers()
    {
        var checks = new List<string>
        {
            Offset<FreeType.FaceRec>("FT_FaceRec", "face_flags"),
            Offset<FreeType.FaceRec>("FT_FaceRec", "glyph"),
            Offset<FreeType.FaceRec>("FT_FaceRec", "size"),
            Offset<FreeType.FaceRec>("FT_FaceRec", "charmap"),
            Offset<FreeType.SizeRec>("FT_SizeRec", "metrics"),
            Offset<FreeType.SizeMetrics>("FT_Size_Metrics", "ascender"),
            Offset<FreeType.SizeMetrics>("FT_Size_Metrics", "descender"),
            Offset<FreeType.GlyphSlotRec>("FT_GlyphSlotRec", "advance"),
            Offset<FreeType.GlyphSlotRec>("FT_GlyphSlotRec", "bitmap"),
            Offset<FreeType.GlyphSlotRec>("FT_GlyphSlotRec", "bitmap_left"),
            Offset<FreeType.GlyphSlotRec>("FT_GlyphSlotRec", "bitmap_top"),
            Offset<FreeType.Bitmap>("FT_Bitmap", "rows"),
            Offset<FreeType.Bitmap>("FT_Bitmap", "width"),
            Offset<FreeType.Bitmap>("FT_Bitmap", "pitch"),
            Offset<FreeType.Bitmap>("FT_Bitmap", "buffer"),
            Offset<FreeType.Bitmap>("FT_Bitmap", "num_grays"),
            Offset<FreeType.Bitmap>("FT_Bitmap", "pixel_mode"),
            $"_Static_assert(sizeof(FT_Vector) == {Marshal.SizeOf<FreeType.Vector>()}, \"FT_Vector\");",
            $"_Static_assert(FT_LOAD_RENDER == {FreeType.LoadRender}, \"FT_LOAD_RENDER\");",
            $"_Static_assert(FT_LOAD_TARGET_MONO == {FreeType.LoadTargetMono}, \"FT_LOAD_TARGET_MONO\");",
            $"_Static_assert(FT_LOAD_TARGET_NORMAL == {FreeType.LoadTargetNormal}, \"FT_LOAD_TARGET_NORMAL\");",
            $"_Static_assert(FT_PIXEL_MODE_MONO == {FreeType.PixelModeMono}, \"FT_PIXEL_MODE_MONO\");",
            $"_Static_assert(FT_PIXEL_MODE_GRAY == {FreeType.PixelModeGray}, \"FT_PIXEL_MODE_GRAY\");",
            $"_Static_assert(FT_FACE_FLAG_KERNING == {FreeType.FaceFlagKerning}, \"FT_FACE_FLAG_KERNING\");",
            $"_Static_assert(FT_KERNING_DEFAULT == {FreeType.KerningDefault}, \"FT_KERNING_DEFAULT\");",
        };
        var errors = CHeaders.Disagreements(["<stddef.h>", "<ft2build.h>", "FT_FREETYPE_H"], checks, "-I/usr/include/freetype2");
        Assert.True(errors is null, "the C# mirrors disagree with the FreeType headers:\n" + errors);
    }

    private static string Offset<T>(string cType, string field) =>
        $"_Static_assert(offsetof({cType}, {field}) == {Marshal.OffsetOf<T>(field)}, \"{cType}.{field}\");";
}
