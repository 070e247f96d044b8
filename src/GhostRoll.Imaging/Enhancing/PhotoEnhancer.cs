using GhostRoll.Imaging.Codecs;
using GhostRoll.Imaging.Interop;
using GhostRoll.Imaging.Metadata;
using GhostRoll.Imaging.Pixels;

namespace GhostRoll.Imaging.Enhancing;

/// <summary>What <see cref="PhotoEnhancer.Enhance(ReadOnlySpan{byte}, EnhanceRecipe)"/> made.</summary>
/// <param name="Jpeg">The enhanced JPEG: quality 92, 4:4:4, baseline, no metadata at all.</param>
/// <param name="Recipe">The parameters used: chosen by the analysis, or the one given.</param>
/// <param name="Changed">False when the recipe is neutral and the picture's pixels were passed through untouched.</param>
public sealed record EnhanceResult(byte[] Jpeg, EnhanceRecipe Recipe, bool Changed);

/// <summary>
/// The automatic photo enhancer shared by the appliance (local mode), the <c>ghostroll enhance</c> command and the
/// Lambda function: decodes an 8-bit sRGB JPEG (a share image), measures it, chooses a conservative
/// <see cref="EnhanceRecipe"/> (or takes the one given, to replay or tune a result), applies one tone curve
/// (black and white points, exposure, highlight shoulder and recovery, shadow lift, contrast) and a mild vibrance,
/// and encodes a JPEG at quality 92 without metadata. Deterministic: the same bytes and recipe give the same
/// output bytes on x86-64 and arm64 (integer pixel arithmetic; see <see cref="ToneCurve"/>). Thread-safe.
/// </summary>
public static class PhotoEnhancer
{
    /// <summary>JPEG quality of enhanced images (a notch above share images, which are the enhancer's input).</summary>
    public const int Quality = 92;

    /// <summary>
    /// How enhanced images are written: one baseline scan with libjpeg's standard Huffman tables, 4:4:4, accurate
    /// DCT. The same quantised coefficients as the progressive share layout (so the same pixels), written in one
    /// pass instead of four scans with fitted tables: the encode costs about a seventh for a file about 4 % larger,
    /// and 4:4:4 because the gallery shows it in place of the 4:4:4 share image (tests/benchmarks/enhancement,
    /// docs/enhancement.md).
    /// </summary>
    internal static readonly JpegLayout Layout = new(Progressive: false, FullChroma: true);

    /// <summary>Largest picture the enhancer decodes (a share image is 2048 px, ~3 MP): guards memory against bad headers.</summary>
    public const long MaxPixels = 64_000_000;

    /// <summary>Extension of the recipe written beside an enhanced image (<c>IMG_0001.jpg</c> → <c>IMG_0001.recipe.json</c>).</summary>
    public const string RecipeExtension = ".recipe.json";

    /// <summary>Where the recipe of the enhanced image at <paramref name="jpegPath"/> goes: beside it, same stem (a path or an object key).</summary>
    public static string RecipePathFor(string jpegPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(jpegPath);
        var slash = jpegPath.LastIndexOf('/');
        var dot = jpegPath.LastIndexOf('.');
        return (dot > slash + 1 ? jpegPath[..dot] : jpegPath) + RecipeExtension;
    }

    /// <summary>
    /// Enhances <paramref name="jpeg"/>. With <paramref name="recipe"/> null the picture is analysed and the chosen
    /// recipe is returned; with a recipe (from <see cref="EnhanceResult.Recipe"/> or a file) it is applied as is.
    /// A neutral recipe returns the picture's own compressed data without its metadata (no re-encoding loss).
    /// Throws <see cref="ImagingException"/> for input that is not a decodable JPEG and
    /// <see cref="ArgumentException"/> for a recipe out of range.
    /// </summary>
    public static unsafe EnhanceResult Enhance(ReadOnlySpan<byte> jpeg, EnhanceRecipe? recipe = null)
    {
        if (recipe?.Problem() is { } problem)
        {
            throw new ArgumentException($"the enhancement recipe cannot be applied: {problem}", nameof(recipe));
        }

        if (!JpegSegments.LooksLikeJpeg(jpeg))
        {
            ImagingErrors.ThrowCorrupt("the picture to enhance is not a JPEG (it does not start with a JPEG marker)");
        }

        var segments = JpegSegments.Read(jpeg);
        var orientation = segments.Exif is { } exif ? Orientation.Normalize(ExifReader.Read(jpeg.Slice(exif.Offset, exif.Length)).Orientation) : 1;
        RgbxImage image;
        fixed (byte* data = jpeg)
        {
            // Decoding first, also for a given recipe: corrupt input fails the same way in both modes.
            image = JpegDecoder.Decode(data, jpeg.Length, int.MaxValue, MaxPixels);
        }

        try
        {
            var upright = Orientation.Apply(image, orientation);
            if (!ReferenceEquals(upright, image))
            {
                image.Dispose();
                image = upright;
            }

            recipe ??= AutoRecipe.Choose(ToneStatistics.Measure(image));
            if (recipe.IsNeutral && orientation == 1)
            {
                return new EnhanceResult(JpegMetadata.Strip(jpeg), recipe, Changed: false);
            }

            return new EnhanceResult(ApplyAndEncode(image, recipe), recipe, Changed: !recipe.IsNeutral);
        }
        finally
        {
            image.Dispose();
        }
    }

    /// <summary>
    /// Local mode: enhances, in place, the share pixels the deriver still holds (upright 8-bit sRGB, just encoded as
    /// the share image), so the appliance never decodes the share JPEG it has just written: that decode was three
    /// quarters of the enhancer's CPU time (docs/enhancement.md "Measured speed"). The same pixels and recipe give
    /// the same bytes; a neutral recipe returns <paramref name="unchanged"/> (the share image without metadata).
    /// </summary>
    internal static EnhanceResult Enhance(RgbxImage upright, Func<byte[]> unchanged, EnhanceRecipe? recipe = null)
    {
        if (recipe?.Problem() is { } problem)
        {
            throw new ArgumentException($"the enhancement recipe cannot be applied: {problem}", nameof(recipe));
        }

        recipe ??= AutoRecipe.Choose(ToneStatistics.Measure(upright));
        return recipe.IsNeutral
            ? new EnhanceResult(unchanged(), recipe, Changed: false)
            : new EnhanceResult(ApplyAndEncode(upright, recipe), recipe, Changed: true);
    }

    /// <summary>One tone curve and the vibrance over <paramref name="image"/> (in place), then the enhanced JPEG.</summary>
    private static byte[] ApplyAndEncode(RgbxImage image, EnhanceRecipe recipe)
    {
        ToneMapper.Apply(image, ToneCurve.Build(recipe), recipe.Vibrance);
        using var encoded = JpegEncoder.Encode(image, Quality, Layout);
        return encoded.Span.ToArray();
    }
}
