namespace GhostRoll.Imaging.Enhancing;

/// <summary>
/// Chooses a recipe from a picture's <see cref="ToneStatistics"/>. Conservative by design: each correction starts
/// only past a threshold that a well-exposed photo does not reach, is capped, and anything below a visible amount is
/// dropped, so a good photo gets the neutral recipe and comes back untouched (the thresholds and what they do to
/// the fixtures are in docs/enhancement.md). Every value is a whole number of hundredths (exposure: of 0.05 EV),
/// so the JSON recipe reads back as exactly the same doubles.
/// </summary>
internal static class AutoRecipe
{
    /// <summary>Median luma (after black and white points) below which a photo counts as dark.</summary>
    internal const double DarkMedian = 0.33;

    /// <summary>Where exposure brings a dark photo's median luma: a little below sRGB mid-grey, for a natural night look.</summary>
    internal const double TargetMedian = 0.42;

    internal const double MaxExposure = 1.5;

    /// <summary>Median luma above which a photo counts as too bright.</summary>
    internal const double BrightMedian = 0.75;

    internal const double MinExposure = -0.3;

    /// <summary>Exposure never lifts the brightest 2 % of a picture above this (of white).</summary>
    internal const double HighlightCeiling = 0.9;

    /// <summary>Darkest half per cent at or above this code: the picture has haze, not black.</summary>
    internal const int HazeCode = 16;

    /// <summary>Brightest half per cent at or below this code: the picture never reaches white.</summary>
    internal const int DullCode = 215;

    public static EnhanceRecipe Choose(ToneStatistics stats)
    {
        int p005 = stats.Percentile(0.005), p05 = stats.Percentile(0.05), p25 = stats.Percentile(0.25);
        int p50 = stats.Percentile(0.5), p95 = stats.Percentile(0.95), p98 = stats.Percentile(0.98), p995 = stats.Percentile(0.995);

        // Black point: only clear haze (the darkest half per cent well above black), a third of it: more would
        // darken the mid-tones of a merely soft photo.
        var black = p005 >= HazeCode ? Math.Min(p005 / 3, 24) : 0;

        // White point: only unused headroom (the brightest half per cent stops well short of white), a third of
        // it kept; tones above it roll off through the shoulder rather than clip.
        var white = p995 <= DullCode ? Math.Max(p995 + ((255 - p995) / 3), 192) : 255;
        double Levels(int code) => Math.Max(0, (double)(code - black) / (white - black));

        // Exposure in steps of 0.05 EV towards the target median, capped, and never so far that the brightest
        // 2 % (the lit subject of a dark scene) passes 0.9 of white.
        var median = Levels(p50);
        var highlight = Levels(p98);
        var steps = 0;
        if (median < DarkMedian)
        {
            while (steps < MaxExposure * 20
                && median * ToneCurve.Exp2((steps + 1) * 0.05 / 2.2) <= TargetMedian
                && highlight * ToneCurve.Exp2((steps + 1) * 0.05 / 2.2) <= HighlightCeiling)
            {
                steps++;
            }
        }
        else if (median > BrightMedian && white == 255)
        {
            while (steps > MinExposure * 20 && median * ToneCurve.Exp2((steps - 1) * 0.05 / 2.2) >= BrightMedian)
            {
                steps--;
            }
        }

        var exposure = steps is < 2 and > -2 ? 0 : steps * 5 / 100.0;
        var gain = exposure == 0 ? 1 : ToneCurve.Exp2(steps * 0.05 / 2.2);
        double Mapped(int code) => Levels(code) * gain;

        // Shadow lift when a quarter of the picture is still deep in the shadows after exposure.
        var shadows = Hundredths(Math.Clamp((0.15 - Mapped(p25)) * 2.5, 0, 0.4));

        // Highlight recovery when much of a photo that is not brightened sits just below white.
        var bright = stats.FractionBetween(204, 249);
        var highlights = exposure <= 0 && white == 255 ? Hundredths(Math.Clamp((bright - 0.25) * 1.0, 0, 0.3)) : 0;

        // Contrast for a flat picture: the middle 90 % of tones spans less than 60 % of the range.
        var spread = Mapped(p95) - Mapped(p05);
        var contrast = Hundredths(Math.Clamp(0.6 - spread, 0, 0.35));

        var toneChanged = exposure != 0 || black != 0 || white != 255 || shadows != 0 || highlights != 0 || contrast != 0;
        if (!toneChanged)
        {
            return EnhanceRecipe.Neutral;
        }

        // Mild vibrance, less for an already colourful picture, none for a (nearly) black-and-white one.
        var vibrance = stats.MeanSaturation < 0.02 ? 0 : Hundredths(Math.Clamp((0.25 - stats.MeanSaturation) * 0.5, 0, 0.1));
        return new EnhanceRecipe(exposure, black, white, shadows, highlights, contrast, vibrance);
    }

    /// <summary>Rounds down to hundredths and drops anything under 0.05, which would not be visible.</summary>
    private static double Hundredths(double value)
    {
        var hundredths = (int)Math.Floor(value * 100);
        return hundredths < 5 ? 0 : hundredths / 100.0;
    }
}
