using System.Text;
using GhostRoll.Screens.Drawing;

namespace GhostRoll.Screens.Text;

/// <summary>
/// Lays out single lines of text on a <see cref="Canvas"/>: measuring, drawing at a baseline, shrinking a word
/// until it fits, word wrapping with an ellipsis. Left-to-right, no shaping: the appliance prints English UI
/// words, counts, host names and file names.
/// </summary>
internal sealed class TextRenderer(IGlyphSource glyphs)
{
    public const string Ellipsis = "\u2026";

    public IGlyphSource Glyphs { get; } = glyphs;

    public FontMetrics Metrics(FontSpec spec) => Glyphs.Metrics(spec);

    /// <summary>Advance width of the text in pixels (pen start to pen end, kerning included).</summary>
    public int Measure(string text, FontSpec spec)
    {
        var width = 0;
        Rune? previous = null;
        foreach (var rune in text.EnumerateRunes())
        {
            if (previous is { } p)
            {
                width += Glyphs.Kerning(spec, p, rune);
            }

            width += Glyphs.Glyph(spec, rune).Advance;
            previous = rune;
        }

        return width;
    }

    /// <summary>Rows of ink the text puts below its baseline (descenders, a comma): 0 for "GhostRoll".</summary>
    public int InkBelowBaseline(string text, FontSpec spec)
    {
        var below = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            var glyph = Glyphs.Glyph(spec, rune);
            if (glyph.Width > 0)
            {
                below = Math.Max(below, glyph.Height - glyph.Top);
            }
        }

        return below;
    }

    /// <summary>Draws text with its pen starting at <paramref name="x"/> on the baseline <paramref name="baseline"/>.</summary>
    public void Draw(Canvas canvas, int x, int baseline, string text, FontSpec spec, byte ink = Canvas.Black)
    {
        var pen = x;
        Rune? previous = null;
        foreach (var rune in text.EnumerateRunes())
        {
            if (previous is { } p)
            {
                pen += Glyphs.Kerning(spec, p, rune);
            }

            var glyph = Glyphs.Glyph(spec, rune);
            if (glyph.Width > 0)
            {
                canvas.Blend(pen + glyph.Left, baseline - glyph.Top, glyph.Width, glyph.Height, glyph.Coverage, ink);
            }

            pen += glyph.Advance;
            previous = rune;
        }
    }

    /// <summary>The largest size from <paramref name="spec"/>'s size down to <paramref name="minimumSize"/> at which the text fits.</summary>
    public FontSpec Fit(string text, FontSpec spec, int maxWidth, int minimumSize)
    {
        var size = spec.PixelSize;
        while (size > minimumSize && Measure(text, spec.WithSize(size)) > maxWidth)
        {
            size--;
        }

        return spec.WithSize(size);
    }

    /// <summary>The text, cut with an ellipsis so it fits <paramref name="maxWidth"/>.</summary>
    public string Ellipsize(string text, FontSpec spec, int maxWidth)
    {
        if (Measure(text, spec) <= maxWidth)
        {
            return text;
        }

        var runes = text.EnumerateRunes().ToList();
        var count = runes.Count;
        while (count > 0)
        {
            var candidate = string.Concat(runes.Take(count).Select(r => r.ToString())).TrimEnd() + Ellipsis;
            if (Measure(candidate, spec) <= maxWidth)
            {
                return candidate;
            }

            count--;
        }

        return Ellipsis;
    }

    /// <summary>
    /// Word-wraps into at most <paramref name="maxLines"/> lines; words longer than a line (paths, URLs) break
    /// anywhere; the last line gets an ellipsis when text remains.
    /// </summary>
    public IReadOnlyList<string> Wrap(string text, FontSpec spec, int maxWidth, int maxLines)
    {
        var lines = new List<string>();
        var words = new Queue<string>(text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var line = "";
        while (words.Count > 0)
        {
            var word = words.Peek();
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (Measure(candidate, spec) <= maxWidth)
            {
                line = candidate;
                words.Dequeue();
                continue;
            }

            if (line.Length == 0)
            {
                // A single word wider than the line: take as many characters as fit.
                var take = word.Length - 1;
                while (take > 1 && Measure(word[..take], spec) > maxWidth)
                {
                    take--;
                }

                line = word[..take];
                words.Dequeue();
                words = new Queue<string>(words.Prepend(word[take..]));
            }

            lines.Add(line);
            line = "";
            if (lines.Count == maxLines)
            {
                break;
            }
        }

        if (line.Length > 0 && lines.Count < maxLines)
        {
            lines.Add(line);
        }

        if (words.Count > 0 && lines.Count > 0)
        {
            lines[^1] = Ellipsize(lines[^1] + " " + string.Join(' ', words), spec, maxWidth);
        }

        return lines;
    }
}
