using System.Text;
using GhostRoll.Imaging.Interop;
using GhostRoll.Imaging.Pixels;

namespace GhostRoll.Imaging.Color;

/// <summary>
/// Converts derivative pixels to sRGB with Little CMS, so every share image and thumbnail is plain sRGB and needs
/// no profile: it shows the same in colour-managed browsers, unmanaged viewers, the WebP variants and the
/// enhancement Lambda. (Decision and trade-off in docs/imaging.md: wide-gamut colours outside sRGB are mapped in.)
/// Runs on the already-downscaled share pixels, so its cost is independent of the camera's resolution.
/// </summary>
internal static unsafe class SrgbConverter
{
    /// <summary>
    /// Converts in place. Returns false (pixels untouched) when the source is sRGB already, or its profile is
    /// unreadable or not RGB: then the pixels are shown as they are, as a browser would without a profile.
    /// </summary>
    public static bool ConvertInPlace(RgbxImage image, SourceColorSpace source)
    {
        if (source.IsSrgb)
        {
            return false;
        }

        using var input = OpenSourceProfile(source);
        if (input is null || input.IsInvalid || Lcms.GetColorSpace(input) != Lcms.cmsSigRgbData || IsSrgbProfile(input))
        {
            return false;
        }

        using var output = new LcmsProfile(Lcms.CreateSrgbProfile());
        using var transform = new LcmsTransform(Lcms.CreateTransform(input, Lcms.TYPE_RGBA_8, output, Lcms.TYPE_RGBA_8, Lcms.INTENT_PERCEPTUAL, Lcms.cmsFLAGS_NOCACHE));
        if (transform.IsInvalid)
        {
            return false;
        }

        for (var y = 0; y < image.Height; y++)
        {
            var row = image.Pointer + ((long)y * image.Stride);
            Lcms.DoTransform(transform, row, row, (uint)image.Width);
        }

        return true;
    }

    private static LcmsProfile? OpenSourceProfile(SourceColorSpace source)
    {
        if (source.IccProfile is { Length: > 128 } icc)
        {
            fixed (byte* p = icc)
            {
                return new LcmsProfile(Lcms.OpenProfileFromMem(p, (uint)icc.Length));
            }
        }

        return source.Known switch
        {
            // Adobe RGB (1998) Color Image Encoding, Adobe 2005: D65 white, gamma 563/256.
            KnownRgbSpace.AdobeRgb => Synthesize((0.64, 0.33), (0.21, 0.71), (0.15, 0.06), [563.0 / 256], 1),
            // Display P3 (Apple): DCI-P3 primaries, D65 white, the sRGB curve (IEC 61966-2-1, parametric type 4).
            KnownRgbSpace.DisplayP3 => Synthesize((0.680, 0.320), (0.265, 0.690), (0.150, 0.060), [2.4, 1 / 1.055, 0.055 / 1.055, 1 / 12.92, 0.04045], 4),
            // ITU-R BT.2020 primaries with the BT.709/2020 SDR transfer curve.
            KnownRgbSpace.Bt2020 => Synthesize((0.708, 0.292), (0.170, 0.797), (0.131, 0.046), [1 / 0.45, 1 / 1.099, 0.099 / 1.099, 1 / 4.5, 0.081], 4),
            _ => null,
        };
    }

    private static LcmsProfile Synthesize((double X, double Y) red, (double X, double Y) green, (double X, double Y) blue, double[] curve, int curveType)
    {
        var white = new Lcms.cmsCIExyY { x = 0.3127, y = 0.3290, Y = 1 }; // D65
        var primaries = new Lcms.cmsCIExyYTRIPLE
        {
            Red = new Lcms.cmsCIExyY { x = red.X, y = red.Y, Y = 1 },
            Green = new Lcms.cmsCIExyY { x = green.X, y = green.Y, Y = 1 },
            Blue = new Lcms.cmsCIExyY { x = blue.X, y = blue.Y, Y = 1 },
        };
        IntPtr tone;
        fixed (double* parameters = curve)
        {
            tone = Lcms.BuildParametricToneCurve(IntPtr.Zero, curveType, parameters);
        }

        try
        {
            var curves = stackalloc IntPtr[3] { tone, tone, tone };
            return new LcmsProfile(Lcms.CreateRgbProfile(&white, &primaries, curves));
        }
        finally
        {
            if (tone != IntPtr.Zero)
            {
                Lcms.FreeToneCurve(tone);
            }
        }
    }

    /// <summary>An embedded sRGB profile (most phones, many editors) needs no conversion.</summary>
    private static bool IsSrgbProfile(LcmsProfile profile)
    {
        var buffer = stackalloc byte[256];
        var language = stackalloc byte[3] { (byte)'e', (byte)'n', 0 };
        var country = stackalloc byte[3] { (byte)'U', (byte)'S', 0 };
        var length = Lcms.GetProfileInfoAscii(profile, Lcms.cmsInfoDescription, language, country, buffer, 256);
        if (length == 0)
        {
            return false;
        }

        var text = Encoding.ASCII.GetString(buffer, (int)Math.Min(length, 256)).TrimEnd('\0');
        return text.StartsWith("sRGB", StringComparison.OrdinalIgnoreCase);
    }
}
