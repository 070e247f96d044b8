using GhostRoll.Media;

namespace GhostRoll.Pipeline;

public enum GalleryEntryKind
{
    Photo,
    Video,
}

/// <summary>
/// One tile of the gallery: a media group (a photo, a RAW+JPEG pair, a clip with its THM, a Live Photo) once its
/// derivatives exist. Paths are session-relative and '/'-separated; publishers map them to URLs (relative links
/// locally, presigned URLs on S3). Never carries GPS.
/// </summary>
public sealed record GalleryEntry
{
    /// <summary>Group key, unique in the session: <c>100CANON/IMG_0001</c>.</summary>
    public required string Key { get; init; }

    /// <summary>File name shown to people: the rendered source (<c>IMG_0001.JPG</c>) or the clip.</summary>
    public required string Name { get; init; }

    public required GalleryEntryKind Kind { get; init; }

    public DateTime? CapturedLocal { get; init; }

    public TimeSpan? CapturedOffset { get; init; }

    public string? Camera { get; init; }

    /// <summary>share, thumb, and (when enabled) share_webp / thumb_webp. Empty when nothing could be rendered.</summary>
    public IReadOnlyList<ImageVariant> Variants { get; init; } = [];

    /// <summary>Session-relative path of the clip (<c>originals/DCIM/100CANON/MVI_0121.AVI</c>) for video entries.</summary>
    public string? VideoPath { get; init; }

    public long? VideoBytes { get; init; }

    /// <summary>MIME type of the clip as a browser would need it (<c>video/mp4</c>, <c>video/quicktime</c>), when known.</summary>
    public string? VideoType { get; init; }

    /// <summary>Length of the clip (video entries) or of a Live Photo's motion part, when known.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>Session-relative path of a Live Photo's motion part (the MOV beside the HEIC/JPEG), for photo entries.</summary>
    public string? MotionPath { get; init; }

    public long? MotionBytes { get; init; }

    /// <summary>MIME type of <see cref="MotionPath"/>.</summary>
    public string? MotionType { get; init; }

    /// <summary>
    /// Session-relative path of the original to offer when nothing could be rendered (a RAW without preview), so
    /// the item is never a dead end.
    /// </summary>
    public string? OriginalPath { get; init; }

    public long? OriginalBytes { get; init; }

    /// <summary>Every card file of the group (<c>IMG_0001.CR2</c>, <c>IMG_0001.JPG</c>), for captions such as "RAW+JPEG".</summary>
    public IReadOnlyList<string> Members { get; init; } = [];

    /// <summary>Why there is no picture (corrupt file, RAW without preview); the original is still kept.</summary>
    public string? Error { get; init; }

    public ImageVariant? Share => Find(VariantNames.Share);

    public ImageVariant? Thumb => Find(VariantNames.Thumb);

    public ImageVariant? Find(string variant) => Variants.FirstOrDefault(v => v.Variant == variant);

    /// <summary>Gallery order: capture time, then key (files without a time go last, by name).</summary>
    public static int Compare(GalleryEntry? a, GalleryEntry? b)
    {
        if (ReferenceEquals(a, b))
        {
            return 0;
        }

        if (a is null || b is null)
        {
            return a is null ? -1 : 1;
        }

        var byTime = (a.CapturedLocal, b.CapturedLocal) switch
        {
            (null, null) => 0,
            (null, _) => 1,
            (_, null) => -1,
            var (x, y) => x.Value.CompareTo(y.Value),
        };
        return byTime != 0 ? byTime : string.CompareOrdinal(a.Key, b.Key);
    }
}
