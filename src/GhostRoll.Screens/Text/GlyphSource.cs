using System.Text;

namespace GhostRoll.Screens.Text;

public enum FontWeight
{
    Regular,
    Bold,
}

/// <summary>What text to rasterise: pixel size (the em height, as FT_Set_Pixel_Sizes), weight and smoothing.</summary>
/// <param name="Smooth">false = 1-bit glyphs hinted for crisp e-ink; true = anti-aliased 8-bit coverage.</param>
public readonly record struct FontSpec(int PixelSize, FontWeight Weight = FontWeight.Regular, bool Smooth = false)
{
    public FontSpec WithSize(int pixelSize) => this with { PixelSize = pixelSize };
}

/// <summary>Vertical metrics of a font at one size, in whole pixels.</summary>
/// <param name="Ascent">Pixels above the baseline.</param>
/// <param name="Descent">Pixels below the baseline (positive).</param>
/// <param name="CapHeight">Height of capital letters above the baseline, for optical centring.</param>
public readonly record struct FontMetrics(int Ascent, int Descent, int CapHeight)
{
    public int LineHeight => Ascent + Descent;
}

/// <summary>
/// One rasterised glyph: a coverage mask (0 = paper, 255 = ink) placed relative to the pen position on the
/// baseline, and the pen advance.
/// </summary>
public sealed record GlyphImage(int Width, int Height, int Left, int Top, int Advance, byte[] Coverage)
{
    public static GlyphImage Empty(int advance) => new(0, 0, 0, 0, advance, []);
}

/// <summary>A source of glyphs: FreeType with DejaVu, or the built-in bitmap font when FreeType is unavailable.</summary>
public interface IGlyphSource : IDisposable
{
    /// <summary>What renders text, for logs and <c>doctor</c> ("FreeType 2.12.1, DejaVu Sans").</summary>
    string Description { get; }

    FontMetrics Metrics(FontSpec spec);

    GlyphImage Glyph(FontSpec spec, Rune rune);

    /// <summary>Pen adjustment between two glyphs in pixels (usually 0 or negative).</summary>
    int Kerning(FontSpec spec, Rune left, Rune right);
}
