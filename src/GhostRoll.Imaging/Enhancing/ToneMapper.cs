using GhostRoll.Imaging.Pixels;

namespace GhostRoll.Imaging.Enhancing;

/// <summary>
/// Applies a tone curve and vibrance to RGBX pixels in place, in integer arithmetic (bit-identical everywhere).
/// Vibrance moves each channel away from the pixel's luma by a factor that is largest for muted pixels and falls
/// to nothing for fully saturated ones; the factor is cut per pixel so that no channel is pushed into clipping
/// (254-255) or below black that was not already there.
/// </summary>
internal static unsafe class ToneMapper
{
    private const int One = 1 << 12; // vibrance factors are in 1/4096

    public static void Apply(RgbxImage image, byte[] curve, double vibrance)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(curve.Length, 256);
        var factors = VibranceFactors(vibrance);
        fixed (byte* lut = curve)
        fixed (int* factor = factors)
        {
            for (var y = 0; y < image.Height; y++)
            {
                var p = image.Pointer + ((long)y * image.Stride);
                var end = p + (image.Width * RgbxImage.BytesPerPixel);
                if (vibrance == 0)
                {
                    for (; p < end; p += RgbxImage.BytesPerPixel)
                    {
                        p[0] = lut[p[0]];
                        p[1] = lut[p[1]];
                        p[2] = lut[p[2]];
                    }

                    continue;
                }

                for (; p < end; p += RgbxImage.BytesPerPixel)
                {
                    int r = lut[p[0]], g = lut[p[1]], b = lut[p[2]];
                    var max = Math.Max(r, Math.Max(g, b));
                    var min = Math.Min(r, Math.Min(g, b));
                    if (max != min)
                    {
                        var luma = ToneStatistics.Luma(r, g, b);
                        var f = Limit(factor[max - min], luma, max, min);
                        r = Math.Clamp(luma + ((((r - luma) * f) + (One / 2)) >> 12), 0, 255);
                        g = Math.Clamp(luma + ((((g - luma) * f) + (One / 2)) >> 12), 0, 255);
                        b = Math.Clamp(luma + ((((b - luma) * f) + (One / 2)) >> 12), 0, 255);
                    }

                    p[0] = (byte)r;
                    p[1] = (byte)g;
                    p[2] = (byte)b;
                }
            }
        }
    }

    /// <summary>Factor (in 1/4096) per colourfulness max - min: 1 + V (1 - s/255).</summary>
    internal static int[] VibranceFactors(double vibrance)
    {
        var factors = new int[256];
        for (var s = 0; s < 256; s++)
        {
            factors[s] = One + (int)Math.Floor((vibrance * One * (255 - s) / 255) + 0.5);
        }

        return factors;
    }

    /// <summary>Cuts a boosting factor so the largest channel stays at or below 253 and the smallest at or above 0.</summary>
    private static int Limit(int f, int luma, int max, int min)
    {
        if (f <= One)
        {
            return f; // moving towards luma never leaves the range
        }

        if (max <= ToneCurve.HighestUnclipped && max > luma && luma + ((((max - luma) * f) + (One / 2)) >> 12) > ToneCurve.HighestUnclipped)
        {
            f = Math.Max(One, ((ToneCurve.HighestUnclipped - luma) << 12) / (max - luma));
        }

        if (min < luma && luma + ((((min - luma) * f) + (One / 2)) >> 12) < 0)
        {
            f = Math.Max(One, (luma << 12) / (luma - min));
        }

        return f;
    }
}
