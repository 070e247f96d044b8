using System.Globalization;
using GhostRoll.Media;
using GhostRoll.Pipeline;

namespace GhostRoll.Gallery.Manifest;

/// <summary>
/// Turns gallery entries into manifest items. Shared by both galleries: the caller decides how a
/// session-relative file becomes a URL (a relative link for the local gallery, a presigned URL on S3).
/// </summary>
public static class ManifestBuilder
{
    /// <param name="urlFor">URL of a session-relative file, or null when that file is not published (e.g. a clip over the upload limit).</param>
    /// <param name="enhancedUrl">Where the enhanced share image will be, if an enhancer may make one.</param>
    public static ManifestItem ToItem(GalleryEntry entry, Func<string, string?> urlFor, string? enhancedUrl = null)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(urlFor);
        ManifestImage? Image(string variant) =>
            entry.Find(variant) is { } v && urlFor(v.Path) is { } url ? new ManifestImage(url, v.Width, v.Height, v.Bytes) : null;

        var share = entry.Share;
        return new ManifestItem
        {
            Id = entry.Key,
            Name = entry.Name,
            Kind = entry.Kind == GalleryEntryKind.Video ? "video" : "photo",
            Taken = Taken(entry),
            Camera = entry.Camera,
            Width = share?.Width ?? 0,
            Height = share?.Height ?? 0,
            Thumb = Image(VariantNames.Thumb),
            Share = Image(VariantNames.Share),
            ThumbWebp = Image(VariantNames.ThumbWebp),
            ShareWebp = Image(VariantNames.ShareWebp),
            Enhanced = share is null ? null : enhancedUrl,
            Video = entry.VideoPath is { } clip && urlFor(clip) is { } clipUrl ? new ManifestFile(clipUrl, entry.VideoBytes ?? 0) : null,
            Error = entry.Error,
        };
    }

    /// <summary>Capture time as the camera recorded it (<c>2020-02-18T08:55:53</c>), with its UTC offset when known.</summary>
    public static string? Taken(GalleryEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.CapturedLocal is not { } local)
        {
            return null;
        }

        var text = local.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        if (entry.CapturedOffset is { } offset)
        {
            text += (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);
        }

        return text;
    }
}
