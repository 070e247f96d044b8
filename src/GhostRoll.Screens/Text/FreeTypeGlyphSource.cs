using System.Text;
using GhostRoll.Screens.Interop;

namespace GhostRoll.Screens.Text;

/// <summary>
/// Text through FreeType with DejaVu Sans and Sans Bold (fonts-dejavu-core). Panel text is hinted and rendered
/// straight to 1 bit (FT_LOAD_TARGET_MONO) rather than thresholded from grey, which keeps stems a whole pixel wide
/// on e-ink. Glyphs are cached per size, so a status frame after the first costs only blits.
/// Not thread-safe (neither is an FT_Face): callers serialise rendering.
/// </summary>
public sealed unsafe class FreeTypeGlyphSource : IGlyphSource
{
    public const string DefaultFontDirectory = "/usr/share/fonts/truetype/dejavu";

    private readonly FreeTypeLibraryHandle _library;
    private readonly FreeTypeFaceHandle _regular;
    private readonly FreeTypeFaceHandle _bold;
    private readonly Dictionary<(FontSpec, int), GlyphImage> _glyphs = [];
    private readonly Dictionary<FontSpec, FontMetrics> _metrics = [];
    private readonly Dictionary<(FontSpec, int, int), int> _kerning = [];
    private int _regularPixels;
    private int _boldPixels;

    private FreeTypeGlyphSource(FreeTypeLibraryHandle library, FreeTypeFaceHandle regular, FreeTypeFaceHandle bold, string description)
    {
        _library = library;
        _regular = regular;
        _bold = bold;
        Description = description;
    }

    public string Description { get; }

    /// <summary>
    /// Opens FreeType and the two DejaVu faces. Throws <see cref="FreeTypeException"/> for unreadable fonts and
    /// <see cref="DllNotFoundException"/> when libfreetype.so.6 is absent; <see cref="Fonts.Open"/> turns both into
    /// the built-in font.
    /// </summary>
    public static FreeTypeGlyphSource Open(string fontDirectory = DefaultFontDirectory)
    {
        var regularPath = Path.Combine(fontDirectory, "DejaVuSans.ttf");
        var boldPath = Path.Combine(fontDirectory, "DejaVuSans-Bold.ttf");
        foreach (var path in new[] { regularPath, boldPath })
        {
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"font '{path}' is missing; install fonts-dejavu-core", path);
            }
        }

        FreeTypeErrors.Check(FreeType.InitFreeType(out var libraryPointer), "FT_Init_FreeType");
        var library = new FreeTypeLibraryHandle(libraryPointer);
        FreeTypeFaceHandle? regular = null;
        try
        {
            regular = OpenFace(library, regularPath);
            var bold = OpenFace(library, boldPath);
            FreeType.LibraryVersion(library, out var major, out var minor, out var patch);
            return new FreeTypeGlyphSource(library, regular, bold, $"FreeType {major}.{minor}.{patch}, DejaVu Sans");
        }
        catch
        {
            regular?.Dispose();
            library.Dispose();
            throw;
        }
    }

    private static FreeTypeFaceHandle OpenFace(FreeTypeLibraryHandle library, string path)
    {
        FreeTypeErrors.Check(FreeType.NewFace(library, path, 0, out var face), $"FT_New_Face('{path}')");
        return new FreeTypeFaceHandle(face, library);
    }

    public FontMetrics Metrics(FontSpec spec)
    {
        if (_metrics.TryGetValue(spec, out var cached))
        {
            return cached;
        }

        var face = Sized(spec);
        var size = face.Record->size->metrics;
        var capHeight = Glyph(spec, new Rune('H')).Top;

        // 26.6 fixed point; FreeType rounds these to whole pixels for hinted faces (ceil ascent, floor descent).
        var metrics = new FontMetrics((int)((size.ascender + 63) >> 6), (int)((-size.descender + 63) >> 6), capHeight);
        _metrics[spec] = metrics;
        return metrics;
    }

    public GlyphImage Glyph(FontSpec spec, Rune rune)
    {
        if (_glyphs.TryGetValue((spec, rune.Value), out var cached))
        {
            return cached;
        }

        var face = Sized(spec);
        var index = FreeType.GetCharIndex(face, (nuint)rune.Value);
        if (index == 0 && rune.Value != '?')
        {
            // Not in DejaVu (rare: emoji, CJK): show '?' rather than the empty .notdef box.
            var fallback = Glyph(spec, new Rune('?'));
            _glyphs[(spec, rune.Value)] = fallback;
            return fallback;
        }

        var flags = FreeType.LoadRender | (spec.Smooth ? FreeType.LoadTargetNormal : FreeType.LoadTargetMono);
        FreeTypeErrors.Check(FreeType.LoadGlyph(face, index, flags), "FT_Load_Glyph");
        var slot = face.Record->glyph;
        var image = Copy(slot);
        _glyphs[(spec, rune.Value)] = image;
        return image;
    }

    public int Kerning(FontSpec spec, Rune left, Rune right)
    {
        var key = (spec, left.Value, right.Value);
        if (_kerning.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var face = Sized(spec);
        var value = 0;
        if ((face.Record->face_flags & FreeType.FaceFlagKerning) != 0)
        {
            var l = FreeType.GetCharIndex(face, (nuint)left.Value);
            var r = FreeType.GetCharIndex(face, (nuint)right.Value);
            if (l != 0 && r != 0 && FreeType.GetKerning(face, l, r, FreeType.KerningDefault, out var vector) == 0)
            {
                value = (int)((vector.x + 32) >> 6); // FT_KERNING_DEFAULT: grid-fitted 26.6
            }
        }

        _kerning[key] = value;
        return value;
    }

    private static GlyphImage Copy(FreeType.GlyphSlotRec* slot)
    {
        var bitmap = slot->bitmap;
        var width = (int)bitmap.width;
        var height = (int)bitmap.rows;
        var advance = (int)((slot->advance.x + 32) >> 6);
        if (width == 0 || height == 0)
        {
            return GlyphImage.Empty(advance);
        }

        var coverage = new byte[width * height];
        for (var y = 0; y < height; y++)
        {
            var source = bitmap.buffer + (y * bitmap.pitch);
            var target = coverage.AsSpan(y * width, width);
            if (bitmap.pixel_mode == FreeType.PixelModeMono)
            {
                for (var x = 0; x < width; x++)
                {
                    target[x] = (source[x >> 3] & (0x80 >> (x & 7))) != 0 ? (byte)255 : (byte)0;
                }
            }
            else if (bitmap.pixel_mode == FreeType.PixelModeGray)
            {
                var grays = Math.Max(2, (int)bitmap.num_grays);
                for (var x = 0; x < width; x++)
                {
                    target[x] = grays == 256 ? source[x] : (byte)(source[x] * 255 / (grays - 1));
                }
            }
        }

        return new GlyphImage(width, height, slot->bitmap_left, slot->bitmap_top, advance, coverage);
    }

    private FreeTypeFaceHandle Sized(FontSpec spec)
    {
        // Each face keeps one current size; set it only when it changes (it rescales the face's metrics).
        var bold = spec.Weight == FontWeight.Bold;
        ref var current = ref bold ? ref _boldPixels : ref _regularPixels;
        var face = bold ? _bold : _regular;
        if (current != spec.PixelSize)
        {
            FreeTypeErrors.Check(FreeType.SetPixelSizes(face, 0, (uint)spec.PixelSize), "FT_Set_Pixel_Sizes");
            current = spec.PixelSize;
        }

        return face;
    }

    public void Dispose()
    {
        _regular.Dispose();
        _bold.Dispose();
        _library.Dispose();
    }
}
