using System.Text.Json.Serialization;

namespace GhostRoll.Gallery.Manifest;

/// <summary>
/// <c>manifest.json</c>: the contract between a session and its gallery page. The local gallery embeds it in
/// index.html (relative URLs; opens from disk); the S3 gallery polls a presigned <c>manifest.json</c> whose items
/// carry presigned URLs. The page appends items as they appear and stops polling once <see cref="Complete"/>.
/// Never contains GPS or other location data.
/// </summary>
public sealed record GalleryManifest
{
    public int Version { get; init; } = 1;

    public required string SessionId { get; init; }

    public required string Title { get; init; }

    /// <summary>"Photos by …" under the title (PHOTOGRAPHER); null = none.</summary>
    public string? Photographer { get; init; }

    /// <summary>True once the session is done: no more items will come.</summary>
    public bool Complete { get; init; }

    /// <summary>Items the session will have when complete ("42 of <b>310</b> photos").</summary>
    public int Expected { get; init; }

    public long UpdatedUnix { get; init; }

    /// <summary>When the presigned URLs stop working (S3 only), ISO 8601 UTC.</summary>
    public string? ExpiresUtc { get; init; }

    /// <summary>"Download all" (share.zip), once it exists.</summary>
    public ManifestFile? DownloadAll { get; init; }

    /// <summary>Items in gallery order (capture time, then name).</summary>
    public IReadOnlyList<ManifestItem> Items { get; init; } = [];
}

public sealed record ManifestItem
{
    /// <summary>Stable id (the group key, e.g. <c>100CANON/IMG_0001</c>).</summary>
    public required string Id { get; init; }

    /// <summary>File name as on the card; display text only (the page escapes it).</summary>
    public required string Name { get; init; }

    /// <summary>photo | video.</summary>
    public required string Kind { get; init; }

    /// <summary>Capture time as the camera recorded it: <c>2020-02-18T08:55:53</c>, with <c>+01:00</c> when known.</summary>
    public string? Taken { get; init; }

    /// <summary>"Canon EOS RP".</summary>
    public string? Camera { get; init; }

    /// <summary>Pixel size of the share image (aspect ratio known before anything loads).</summary>
    public int Width { get; init; }

    public int Height { get; init; }

    public ManifestImage? Thumb { get; init; }

    public ManifestImage? Share { get; init; }

    public ManifestImage? ThumbWebp { get; init; }

    public ManifestImage? ShareWebp { get; init; }

    /// <summary>Where an enhanced share image will be if the enhancer makes one (it may not exist yet).</summary>
    public string? Enhanced { get; init; }

    /// <summary>The clip, for video items (<see cref="ManifestFile.Type"/> tells the page whether a browser can play it).</summary>
    public ManifestFile? Video { get; init; }

    /// <summary>Length of the clip or of a Live Photo's motion part, in seconds.</summary>
    public double? DurationSeconds { get; init; }

    /// <summary>A Live Photo's motion part, for photo items.</summary>
    public ManifestFile? Motion { get; init; }

    /// <summary>The original file, offered when there is no picture (<see cref="Error"/>), so the item is no dead end.</summary>
    public ManifestFile? Original { get; init; }

    /// <summary>Why there is no picture (the original is still kept).</summary>
    public string? Error { get; init; }
}

public sealed record ManifestImage(string Url, int Width, int Height, long Bytes);

/// <param name="Type">
/// MIME type (<c>video/mp4</c>) when known, for clips with an RFC 6381 codecs parameter
/// (<c>video/quicktime; codecs="hvc1.1.6.L120.B0"</c>); the page asks the browser whether it can play it.
/// </param>
/// <param name="Name">File name to save it as (download_all: the gallery's title, <c>21-23 Jun 2026.zip</c>).</param>
/// <param name="PhotosOnly">download_all: the zip holds the share images only, no clips (the button says so).</param>
public sealed record ManifestFile(string Url, long Bytes, string? Type = null, string? Name = null, bool? PhotosOnly = null);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(GalleryManifest))]
public sealed partial class ManifestJsonContext : JsonSerializerContext;
