namespace GhostRoll.Imaging.Enhancing;

/// <summary>
/// A recipe's tone curve as a 256-entry table from input to output sRGB code, the same for R, G and B. Built with
/// IEEE-754 +, -, *, / only (no Math.Pow, Exp or Log, whose last bit may differ between the x86-64 and arm64 C
/// libraries, and .NET never fuses a*b+c on its own), so the table, and therefore every output byte, is identical
/// on the build machine, the Pi and in Lambda. Every step is monotone, so tones never swap order.
/// </summary>
internal static class ToneCurve
{
    /// <summary>
    /// The highest output for inputs below 254: the curve never blows out a tone that was not already blown
    /// (the "clipped highlights do not grow" property; 254-255 count as clipped).
    /// </summary>
    public const int HighestUnclipped = 253;

    /// <summary>Gamma of the sRGB-like model an exposure change is made in: linear x 2^EV is codes x 2^(EV/2.2).</summary>
    private const double Gamma = 2.2;

    public static byte[] Build(EnhanceRecipe recipe)
    {
        var lut = new byte[256];
        var black = recipe.BlackPoint / 255.0;
        var white = recipe.WhitePoint / 255.0;
        var gain = Exp2(recipe.Exposure / Gamma) / (white - black);
        var top = (1 - black) * gain; // where input 255 lands before the shoulder
        for (var c = 0; c < 256; c++)
        {
            var u = Math.Max(0, ((c / 255.0) - black) * gain);
            u = Shoulder(u, top);
            u = Shadows(u, recipe.Shadows);
            u = Highlights(u, recipe.Highlights);
            u = Contrast(u, recipe.Contrast);
            var code = (int)Math.Floor((Math.Clamp(u, 0, 1) * 255) + 0.5);
            lut[c] = (byte)(c <= HighestUnclipped ? Math.Min(code, HighestUnclipped) : code);
        }

        return lut;
    }

    /// <summary>
    /// Highlight recovery for tones pushed past white by exposure or the white point: instead of clipping at 1, the
    /// range [knee, top] is rolled off into [knee, 1] by h(v) = s v / (1 + (s - 1) v), which meets the straight
    /// part with slope 1 (no kink) and reaches 1 exactly at <paramref name="top"/>. The further past white the
    /// brightest tone lands, the lower the knee (never below mid-grey), so the roll-off stays gentle.
    /// </summary>
    internal static double Shoulder(double u, double top)
    {
        if (top <= 1)
        {
            return u;
        }

        var knee = Math.Clamp(0.9 - (2 * (top - 1)), 0.5, 0.9);
        if (u <= knee)
        {
            return u;
        }

        var s = (top - knee) / (1 - knee);
        var v = Math.Min(1, (u - knee) / (top - knee));
        return knee + ((1 - knee) * (s * v / (1 + ((s - 1) * v))));
    }

    /// <summary>u + 2S·u(1-u)³: most lift around a quarter of white, none at black or white; monotone for S &lt; 2.</summary>
    internal static double Shadows(double u, double amount)
    {
        var d = 1 - u;
        return u + (2 * amount * u * d * d * d);
    }

    /// <summary>u - 2H·u³(1-u): most darkening around three quarters of white, none at black or white; monotone for H &lt; 2.</summary>
    internal static double Highlights(double u, double amount) => u - (2 * amount * u * u * u * (1 - u));

    /// <summary>u + 2C·u(1-u)(2u-1): an S-curve through mid-grey (0, ½ and 1 stay put); monotone for |C| ≤ ½.</summary>
    internal static double Contrast(double u, double amount) => u + (2 * amount * u * (1 - u) * ((2 * u) - 1));

    /// <summary>
    /// 2^x from its Taylor series (basic arithmetic only, hence bit-identical on every CPU): the integer part is an
    /// exact power of two, the fraction f in [0, 1) gives e^(f ln 2) with r &lt; 0.7, whose series is converged to
    /// double precision after 25 terms.
    /// </summary>
    internal static double Exp2(double x)
    {
        var whole = Math.Floor(x);
        var r = (x - whole) * 0.69314718055994530942;
        double sum = 1, term = 1;
        for (var n = 1; n <= 25; n++)
        {
            term = term * r / n;
            sum += term;
        }

        return Math.ScaleB(sum, (int)whole);
    }
}
