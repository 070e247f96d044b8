namespace GhostRoll.Media;

/// <summary>Names of the derivative variants of a gallery item.</summary>
public static class VariantNames
{
    public const string Share = "share";
    public const string Thumb = "thumb";
    public const string ShareWebp = "share_webp";
    public const string ThumbWebp = "thumb_webp";

    /// <summary>The automatically enhanced share image (<c>derived/enhanced/...jpg</c>), when ENHANCE=local made one.</summary>
    public const string Enhanced = "enhanced";
}

/// <summary>
/// One derivative file of a gallery item: <see cref="Path"/> is relative to the session folder and
/// '/'-separated (<c>derived/share/100CANON/IMG_0001.jpg</c>), which is also its key under the session's S3 prefix
/// once the <c>derived/</c> part is mapped (see <c>SessionLayout.ObjectKeyFor</c>).
/// </summary>
public sealed record ImageVariant(string Variant, string Path, int Width, int Height, long Bytes, string ContentType);
