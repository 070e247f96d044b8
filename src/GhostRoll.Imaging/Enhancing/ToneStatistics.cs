using GhostRoll.Imaging.Pixels;

namespace GhostRoll.Imaging.Enhancing;

/// <summary>
/// What the enhancer measures of a picture, in one pass over its pixels: the histogram of luma (Rec. 709 weights
/// on sRGB codes, in 1/256: 54 R + 183 G + 19 B), how many pixels are blown (a channel at 254 or 255) and the mean
/// colourfulness (max - min channel). Integer arithmetic only.
/// </summary>
internal sealed class ToneStatistics
{
    private readonly long[] _cumulative = new long[256];

    private ToneStatistics(long[] histogram, long pixels, long clipped, long saturationSum, long lumaSum)
    {
        Histogram = histogram;
        Pixels = pixels;
        Clipped = clipped;
        long running = 0;
        for (var i = 0; i < 256; i++)
        {
            running += histogram[i];
            _cumulative[i] = running;
        }

        MeanSaturation = (double)saturationSum / pixels / 255;
        MeanLuma = (double)lumaSum / pixels / 255;
    }

    public long[] Histogram { get; }

    public long Pixels { get; }

    /// <summary>Pixels with a channel at 254 or 255.</summary>
    public long Clipped { get; }

    public double ClippedFraction => (double)Clipped / Pixels;

    /// <summary>Mean (max - min channel) / 255: 0 for a grey picture.</summary>
    public double MeanSaturation { get; }

    /// <summary>Mean luma / 255.</summary>
    public double MeanLuma { get; }

    /// <summary>Rec. 709 luma of an sRGB pixel in codes (0-255), rounded.</summary>
    public static int Luma(int r, int g, int b) => ((54 * r) + (183 * g) + (19 * b) + 128) >> 8;

    /// <summary>The smallest code at or below which at least <paramref name="fraction"/> of the pixels lie.</summary>
    public int Percentile(double fraction)
    {
        var target = (long)Math.Ceiling(fraction * Pixels);
        for (var i = 0; i < 256; i++)
        {
            if (_cumulative[i] >= target)
            {
                return i;
            }
        }

        return 255;
    }

    /// <summary>Share of pixels whose luma lies in [from, to].</summary>
    public double FractionBetween(int from, int to) =>
        (double)(_cumulative[to] - (from == 0 ? 0 : _cumulative[from - 1])) / Pixels;

    public static unsafe ToneStatistics Measure(RgbxImage image)
    {
        var histogram = new long[256];
        long clipped = 0, saturation = 0, luma = 0;
        var rowHistogram = stackalloc int[256];
        for (var y = 0; y < image.Height; y++)
        {
            var p = image.Pointer + ((long)y * image.Stride);
            var end = p + (image.Width * RgbxImage.BytesPerPixel);
            new Span<int>(rowHistogram, 256).Clear();
            int rowClipped = 0, rowSaturation = 0;
            for (; p < end; p += RgbxImage.BytesPerPixel)
            {
                int r = p[0], g = p[1], b = p[2];
                var max = Math.Max(r, Math.Max(g, b));
                var min = Math.Min(r, Math.Min(g, b));
                rowHistogram[Luma(r, g, b)]++;
                rowSaturation += max - min;
                rowClipped += max >= 254 ? 1 : 0;
            }

            for (var i = 0; i < 256; i++)
            {
                histogram[i] += rowHistogram[i];
                luma += (long)rowHistogram[i] * i;
            }

            clipped += rowClipped;
            saturation += rowSaturation;
        }

        return new ToneStatistics(histogram, (long)image.Width * image.Height, clipped, saturation, luma);
    }
}
