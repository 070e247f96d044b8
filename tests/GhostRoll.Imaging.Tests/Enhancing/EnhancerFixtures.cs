using System.Collections.Concurrent;
using GhostRoll.Imaging.Codecs;
using GhostRoll.Imaging.Deriving;
using GhostRoll.Imaging.Tests.Support;
using GhostRoll.Media;
using GhostRoll.Pipeline;
using GhostRoll.TestSupport;

namespace GhostRoll.Imaging.Tests.Enhancing;

/// <summary>
/// The enhancer's inputs: share images made by the deriver from the real camera fixtures (what the appliance and the
/// Lambda function enhance), and badly exposed versions of them made by a documented pixel operation.
/// </summary>
internal static class EnhancerFixtures
{
    private static readonly ConcurrentDictionary<string, byte[]> s_shares = new(StringComparer.Ordinal);

    /// <summary>Camera JPEGs of cards/basic (real scenes from many cameras) used for the property tests.</summary>
    public static readonly string[] Photos =
    [
        "DCIM/100CANON/_MG_0633.JPG",
        "DCIM/100NCD90/DSC_0003.JPG",
        "DCIM/100MSDCF/_DSC8830.JPG",
        "DCIM/100PENTX/IMGP6671.JPG",
        "DCIM/Camera/aarhus.jpg",
        "DCIM/100APPLE/Apple_iPhone_6.jpg",
        "DCIM/100OLYMP/PB180005.JPG",
        "DCIM/100_FUJI/FujiFilm_FinePix_F40fd.jpg",
    ];

    /// <summary>The 2048 px share JPEG (quality 90, with its capture-date EXIF) of a basic-card photo.</summary>
    public static byte[] Share(string cardPath) => s_shares.GetOrAdd(cardPath, static path =>
    {
        using var dir = new TempDirectory("enhance-share");
        var outcome = new ImageDeriver().DeriveAsync(new DeriveRequest(FixtureGroups.Single("basic", path), dir.Path, FixtureGroups.DefaultOptions(webp: false)), CancellationToken.None)
            .AsTask().GetAwaiter().GetResult();
        Assert.Null(outcome.Error);
        return File.ReadAllBytes(Path.Combine(dir.Path, outcome.Variants.Single(v => v.Variant == VariantNames.Share).Path));
    });

    /// <summary>
    /// The share image as if exposed about 2 EV too dark: every sRGB code times 0.5 (2^(-2/2.2) ≈ 0.53 in the
    /// gamma-2.2 model), re-encoded at quality 92.
    /// </summary>
    public static byte[] Underexposed(string cardPath) => Transform(Share(cardPath), c => c / 2);

    /// <summary>The share image as if shot through haze: codes squeezed from 0-255 into 70-197, re-encoded.</summary>
    public static byte[] Flat(string cardPath) => Transform(Share(cardPath), c => 70 + (c / 2));

    private static byte[] Transform(byte[] jpeg, Func<int, int> code)
    {
        var picture = Picture.Decode(jpeg);
        var rgb = picture.Rgb.Select(b => (byte)code(b)).ToArray();
        return JpegEncoder.Encode(rgb, picture.Width, picture.Height, JpegPixelFormat.Rgb, quality: 92);
    }
}

/// <summary>What the property tests measure on a decoded picture.</summary>
internal static class PictureMeasures
{
    /// <summary>Mean Rec. 709 luma in codes.</summary>
    public static double MeanLuma(this Picture p)
    {
        long sum = 0;
        for (var i = 0; i < p.Rgb.Length; i += 3)
        {
            sum += Luma(p.Rgb, i);
        }

        return (double)sum / (p.Width * p.Height);
    }

    /// <summary>Share of pixels with a channel at 254 or 255 (blown).</summary>
    public static double ClippedFraction(this Picture p)
    {
        long clipped = 0;
        for (var i = 0; i < p.Rgb.Length; i += 3)
        {
            clipped += Math.Max(p.Rgb[i], Math.Max(p.Rgb[i + 1], p.Rgb[i + 2])) >= 254 ? 1 : 0;
        }

        return (double)clipped / (p.Width * p.Height);
    }

    /// <summary>Luma code below which <paramref name="fraction"/> of the pixels lie.</summary>
    public static int LumaPercentile(this Picture p, double fraction)
    {
        var histogram = new long[256];
        for (var i = 0; i < p.Rgb.Length; i += 3)
        {
            histogram[Luma(p.Rgb, i)]++;
        }

        var target = fraction * p.Width * p.Height;
        long running = 0;
        for (var c = 0; c < 256; c++)
        {
            running += histogram[c];
            if (running >= target)
            {
                return c;
            }
        }

        return 255;
    }

    /// <summary>Mean absolute difference per channel, in codes.</summary>
    public static double MeanAbsoluteDifference(this Picture a, Picture b)
    {
        Assert.Equal((a.Width, a.Height), (b.Width, b.Height));
        long sum = 0;
        for (var i = 0; i < a.Rgb.Length; i++)
        {
            sum += Math.Abs(a.Rgb[i] - b.Rgb[i]);
        }

        return (double)sum / a.Rgb.Length;
    }

    private static int Luma(byte[] rgb, int i) => ((54 * rgb[i]) + (183 * rgb[i + 1]) + (19 * rgb[i + 2]) + 128) >> 8;
}
