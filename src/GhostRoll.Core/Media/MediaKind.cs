namespace GhostRoll.Media;

/// <summary>What a file on the card is, decided by its extension (<see cref="MediaClassifier"/>).</summary>
public enum MediaKind
{
    /// <summary>Not a camera file GhostRoll copies (catalogues, XML, unknown extensions).</summary>
    Unknown = 0,
    Jpeg,
    Heif,
    Raw,
    Video,

    /// <summary>A file that belongs to a photo or clip with the same stem: THM, XMP, WAV voice notes.</summary>
    Sidecar,
}

internal static class MediaKindNames
{
    public static string ToName(this MediaKind kind) => kind switch
    {
        MediaKind.Jpeg => "jpeg",
        MediaKind.Heif => "heif",
        MediaKind.Raw => "raw",
        MediaKind.Video => "video",
        MediaKind.Sidecar => "sidecar",
        _ => "unknown",
    };

    public static MediaKind Parse(string name) => name switch
    {
        "jpeg" => MediaKind.Jpeg,
        "heif" => MediaKind.Heif,
        "raw" => MediaKind.Raw,
        "video" => MediaKind.Video,
        "sidecar" => MediaKind.Sidecar,
        _ => MediaKind.Unknown,
    };

    /// <summary>True for kinds that can become a picture in the gallery on their own.</summary>
    public static bool IsPhoto(this MediaKind kind) => kind is MediaKind.Jpeg or MediaKind.Heif or MediaKind.Raw;
}
