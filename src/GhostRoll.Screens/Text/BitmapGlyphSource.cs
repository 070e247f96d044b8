using System.Text;

namespace GhostRoll.Screens.Text;

/// <summary>
/// Glyphs from <see cref="BuiltInFont"/>, scaled by a whole number so pixels stay square and crisp. The scale
/// is chosen so capitals are about as tall as DejaVu's at the requested pixel size (DejaVu's cap height is
/// 0.73 em), which keeps layouts that were designed with FreeType readable. Bold overprints one pixel to the right.
/// </summary>
internal sealed class BitmapGlyphSource : IGlyphSource
{
    private const double CapHeightPerEm = 0.73;
    private readonly Dictionary<(FontSpec, int), GlyphImage> _glyphs = [];

    public string Description => "built-in 5x9 bitmap font";

    public static int Scale(int pixelSize) => Math.Max(1, (int)Math.Round(pixelSize * CapHeightPerEm / BuiltInFont.Ascent));

    public FontMetrics Metrics(FontSpec spec)
    {
        var scale = Scale(spec.PixelSize);
        return new FontMetrics((BuiltInFont.Ascent + 1) * scale, (BuiltInFont.GlyphRows - BuiltInFont.Ascent) * scale, BuiltInFont.Ascent * scale);
    }

    public GlyphImage Glyph(FontSpec spec, Rune rune)
    {
        if (_glyphs.TryGetValue((spec, rune.Value), out var cached))
        {
            return cached;
        }

        if (!BuiltInFont.Glyphs.TryGetValue(rune.Value, out var rows))
        {
            rows = BuiltInFont.Glyphs['?'];
        }

        var scale = Scale(spec.PixelSize);
        var extra = spec.Weight == FontWeight.Bold ? 1 : 0;
        var width = (BuiltInFont.GlyphWidth + extra) * scale;
        var height = BuiltInFont.GlyphRows * scale;
        var coverage = new byte[width * height];
        var rowTexts = rows.Split(' ');
        for (var gy = 0; gy < BuiltInFont.GlyphRows; gy++)
        {
            for (var gx = 0; gx < BuiltInFont.GlyphWidth; gx++)
            {
                if (rowTexts[gy][gx] != '#')
                {
                    continue;
                }

                for (var dx = 0; dx <= extra; dx++)
                {
                    for (var sy = 0; sy < scale; sy++)
                    {
                        coverage.AsSpan((((gy * scale) + sy) * width) + ((gx + dx) * scale), scale).Fill(255);
                    }
                }
            }
        }

        // One blank column of spacing after each glyph (two for bold, whose ink is a column wider).
        var image = new GlyphImage(width, height, 0, BuiltInFont.Ascent * scale, (BuiltInFont.GlyphWidth + 1 + extra) * scale, coverage);
        _glyphs[(spec, rune.Value)] = image;
        return image;
    }

    public int Kerning(FontSpec spec, Rune left, Rune right) => 0;

    public void Dispose()
    {
    }
}
