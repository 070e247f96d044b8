using System.Diagnostics;
using GhostRoll.Imaging.Codecs;
using GhostRoll.Imaging.Color;
using GhostRoll.Imaging.Metadata;
using GhostRoll.Imaging.Pixels;
using GhostRoll.Media;
using GhostRoll.Pipeline;
using GhostRoll.Sessions;
using GhostRoll.Storage;

namespace GhostRoll.Imaging.Deriving;

public sealed partial class ImageDeriver
{
    private const string ShareFolder = "share";
    private const string ThumbFolder = "thumbs";

    /// <summary>Opens, reserves memory, decodes once, makes both sizes, writes every variant.</summary>
    private async ValueTask<DeriveOutcome?> RenderAsync(DeriveRequest request, Func<PictureSource> open, ExifData? fallbackExif, CancellationToken ct)
    {
        var options = request.Options;
        using var source = open();
        var reserve = EstimatePeakBytes(source, options);
        if (reserve > Budget.Capacity - Budget.InUse)
        {
            Log.WaitingForMemory(_logger, source.Member.CardPath, reserve / (1024 * 1024));
        }

        using var reservation = await Budget.ReserveAsync(reserve, ct).ConfigureAwait(false);
        ct.ThrowIfCancellationRequested();
        var started = Stopwatch.GetTimestamp();
        using var rendered = RenderPixels(source, options, Budget.Pixels);
        var swap = Orientation.SwapsAxes(source.Orientation);
        var exif = Merge(source.Exif, fallbackExif);
        var metadata = exif.ToPhotoMetadata(swap ? source.Height : source.Width, swap ? source.Width : source.Height);
        var variants = WriteVariants(request, rendered, SharedTags(metadata));
        Log.Derived(_logger, source.Member.CardPath, source.Kind, source.Width, source.Height, rendered.Share.Width, rendered.Share.Height,
            rendered.Thumb.Width, rendered.Thumb.Height, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        if (rendered.ColorConverted)
        {
            Log.ColorConverted(_logger, source.Member.CardPath, source.Color.Describe());
        }

        if (request.Options.Enhance && request.Group.HasPhoto)
        {
            // After the share image, never instead of it: an enhancement problem costs only the enhanced version.
            // It works on the share pixels in place (they are written and no longer needed), within this photo's
            // reservation, which covers them and one encode.
            if (WriteEnhanced(request, variants.First(v => v.Variant == VariantNames.Share), rendered.Share) is { } enhanced)
            {
                variants.Add(enhanced);
            }
        }
        else
        {
            RemoveEnhanced(request);
        }

        return new DeriveOutcome
        {
            Variants = variants,
            SourceCardPath = source.Member.CardPath,
            SourceSha256 = source.Member.Sha256,
            Metadata = metadata,
        };
    }

    /// <summary>
    /// The EXIF a share JPEG and thumbnail keep: capture time (with its UTC offset when the camera wrote one) and
    /// camera make and model, so a saved photo files under the day it was taken. Nothing else: no GPS, serial
    /// numbers, maker notes or lens; no orientation either, since the pixels are already upright. Null when the
    /// photo has none of these (then the file carries no EXIF at all).
    /// </summary>
    internal static byte[]? SharedTags(PhotoMetadata metadata) =>
        metadata.CapturedLocal is null && metadata.Make is null && metadata.Model is null
            ? null
            : ExifWriter.BuildApp1(new ExifTags
            {
                DateTimeOriginal = metadata.CapturedLocal,
                OffsetTimeOriginal = metadata.CapturedLocal is null ? null : metadata.CapturedOffset,
                Make = metadata.Make,
                Model = metadata.Model,
                CameraExtras = false,
            });

    /// <summary>
    /// Peak bytes one photo holds at any moment: the compressed stream and decoded pixels while decoding; the
    /// decoded and share pixels while resampling; two share buffers while turning; then the share pixels, the
    /// encoders' working memory (a progressive JPEG keeps every DCT coefficient: 2 bytes x 3 components per pixel at
    /// 4:4:4)
    /// and the thumbnail. Local enhancement works on the share pixels in place and its baseline encode streams,
    /// so it stays within that last figure.
    /// </summary>
    internal static long EstimatePeakBytes(PictureSource source, DeriveOptions options)
    {
        var (compressed, decoded) = source.EstimateDecodeBytes(options.ShareMaxLongEdge);
        var (sw, sh) = Fit(source.Width, source.Height, options.ShareMaxLongEdge);
        var share = RgbxImage.BytesFor(sw, sh);
        var (tw, th) = Fit(sw, sh, options.ThumbMaxLongEdge);
        var encoding = share + ((long)sw * sh * 6) + RgbxImage.BytesFor(tw, th);
        return Math.Max(Math.Max(compressed + decoded, decoded + share), Math.Max(2 * share, encoding));
    }

    /// <summary>Scales (w, h) so the long edge is at most <paramref name="maxLongEdge"/>; never enlarges.</summary>
    public static (int Width, int Height) Fit(int width, int height, int maxLongEdge)
    {
        var longEdge = Math.Max(width, height);
        if (longEdge <= maxLongEdge)
        {
            return (width, height);
        }

        var shortEdge = Math.Min(width, height);
        var scaledShort = (int)Math.Max(1, Math.Round((double)shortEdge * maxLongEdge / longEdge, MidpointRounding.AwayFromZero));
        return width >= height ? (maxLongEdge, scaledShort) : (scaledShort, maxLongEdge);
    }

    /// <summary>
    /// One decode; the share image from the decoded pixels, the thumbnail from the share pixels. Pixel buffers come
    /// from (and go back to) <paramref name="pool"/>, the budget's; none: fresh mappings.
    /// </summary>
    internal static RenderedPixels RenderPixels(PictureSource source, DeriveOptions options, PixelPool? pool = null)
    {
        var decoded = source.Decode(options.ShareMaxLongEdge, options.MaxImagePixels, pool);
        RgbxImage? share = null;
        try
        {
            source.ReleaseCompressed();

            // Aspect from the declared size (DCT scaling rounds each side up); never larger than what was decoded.
            var (sw, sh) = decoded.LongEdge > options.ShareMaxLongEdge
                ? Fit(source.Width, source.Height, options.ShareMaxLongEdge)
                : (decoded.Width, decoded.Height);
            if (sw > decoded.Width || sh > decoded.Height)
            {
                (sw, sh) = Fit(decoded.Width, decoded.Height, options.ShareMaxLongEdge);
            }

            if (sw == decoded.Width && sh == decoded.Height)
            {
                share = Orientation.Apply(decoded, source.Orientation, pool);
                if (!ReferenceEquals(share, decoded))
                {
                    decoded.Dispose();
                }
            }
            else
            {
                // Resampling writes the pixels already turned upright: no separate pass, no extra buffer.
                share = LanczosResampler.Resize(decoded, sw, sh, source.Orientation, pool);
                decoded.Dispose();
            }

            decoded = null!;
            var converted = SrgbConverter.ConvertInPlace(share, source.Color);

            // Thumbnail aspect from the displayed source size too, so both outputs round the same way.
            var swap = Orientation.SwapsAxes(source.Orientation);
            var (tw, th) = share.LongEdge > options.ThumbMaxLongEdge
                ? Fit(swap ? source.Height : source.Width, swap ? source.Width : source.Height, options.ThumbMaxLongEdge)
                : (share.Width, share.Height);
            if (tw > share.Width || th > share.Height)
            {
                (tw, th) = Fit(share.Width, share.Height, options.ThumbMaxLongEdge);
            }

            var thumb = tw == share.Width && th == share.Height ? share : LanczosResampler.Resize(share, tw, th, pool: pool);
            return new RenderedPixels(share, thumb, converted);
        }
        catch
        {
            share?.Dispose();
            decoded?.Dispose();
            throw;
        }
    }

    private static List<ImageVariant> WriteVariants(DeriveRequest request, RenderedPixels rendered, byte[]? exifApp1)
    {
        var options = request.Options;
        var key = request.Group.Key;
        var variants = new List<ImageVariant>(4)
        {
            WriteJpeg(request.SessionRoot, VariantNames.Share, ShareFolder, key, rendered.Share, options.ShareQuality, exifApp1),
            WriteJpeg(request.SessionRoot, VariantNames.Thumb, ThumbFolder, key, rendered.Thumb, options.ThumbQuality, exifApp1),
        };
        if (options.Webp)
        {
            variants.Add(WriteWebp(request.SessionRoot, VariantNames.ShareWebp, ShareFolder, key, rendered.Share, WebpQualityFor(options.ShareQuality)));
            variants.Add(WriteWebp(request.SessionRoot, VariantNames.ThumbWebp, ThumbFolder, key, rendered.Thumb, WebpQualityFor(options.ThumbQuality)));
        }
        else
        {
            // Re-deriving with WEBP off must not leave older WebP siblings that the outcome no longer lists.
            File.Delete(FullPath(request.SessionRoot, SessionLayout.DerivativeRelativePath(ShareFolder, key, ".webp")));
            File.Delete(FullPath(request.SessionRoot, SessionLayout.DerivativeRelativePath(ThumbFolder, key, ".webp")));
        }

        return variants;
    }

    /// <summary>
    /// WebP quality for a JPEG quality setting: the same number. On the fixtures the SSIM-matched WebP qualities
    /// were 94 (for JPEG 90 shares) and 84 (for JPEG 85 thumbnails), so the same number is within a few points
    /// either way (docs/benchmarks/imaging.md).
    /// </summary>
    internal static int WebpQualityFor(int jpegQuality) => jpegQuality;

    private static ImageVariant WriteJpeg(string sessionRoot, string variant, string folder, string key, RgbxImage pixels, int quality, byte[]? exifApp1)
    {
        var relative = SessionLayout.DerivativeRelativePath(folder, key, ".jpg");
        using var jpeg = JpegEncoder.Encode(pixels, quality);
        // The EXIF segment goes right after SOI (where CIPA DC-008 puts APP1), the encoder's JFIF APP0 follows it.
        ReadOnlySpan<byte> soi = [0xFF, 0xD8];
        var file = exifApp1 is null ? jpeg.Span : [.. soi, .. exifApp1, .. jpeg.Span[2..]];
        AtomicFile.WriteAllBytes(FullPath(sessionRoot, relative), file);
        return new ImageVariant(variant, relative, pixels.Width, pixels.Height, file.Length, "image/jpeg");
    }

    private static ImageVariant WriteWebp(string sessionRoot, string variant, string folder, string key, RgbxImage pixels, int quality)
    {
        var relative = SessionLayout.DerivativeRelativePath(folder, key, ".webp");
        using var webp = WebpEncoder.Encode(pixels, quality);
        AtomicFile.WriteAllBytes(FullPath(sessionRoot, relative), webp.Span);
        return new ImageVariant(variant, relative, pixels.Width, pixels.Height, webp.Length, "image/webp");
    }

    /// <summary>Session-relative '/' path to an absolute one, refusing anything that could leave the session.</summary>
    private static string FullPath(string sessionRoot, string relative)
    {
        if (relative.Length == 0 || relative[0] == '/' || relative.Split('/').Any(p => p is "" or "." or ".."))
        {
            throw new ImagingException($"unsafe derivative path '{relative}'", ImagingFailure.Corrupt);
        }

        return Path.Combine(sessionRoot, relative.Replace('/', Path.DirectorySeparatorChar));
    }

    /// <summary>The two output sizes of one photo (the thumbnail may be the share image itself for tiny sources).</summary>
    internal sealed class RenderedPixels(RgbxImage share, RgbxImage thumb, bool colorConverted) : IDisposable
    {
        public RgbxImage Share { get; } = share;

        public RgbxImage Thumb { get; } = thumb;

        public bool ColorConverted { get; } = colorConverted;

        public void Dispose()
        {
            if (!ReferenceEquals(Thumb, Share))
            {
                Thumb.Dispose();
            }

            Share.Dispose();
        }
    }
}
