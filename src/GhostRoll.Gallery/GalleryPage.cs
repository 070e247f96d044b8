using GhostRoll.Gallery.Manifest;

namespace GhostRoll.Gallery;

/// <summary>How an index.html gets its items: inline (local gallery, opens from disk) or by polling a URL (S3).</summary>
public sealed record GalleryPageModel
{
    public required string Title { get; init; }

    /// <summary>Embedded manifest for the local gallery (file:// cannot fetch).</summary>
    public GalleryManifest? InlineManifest { get; init; }

    /// <summary>Presigned URL of manifest.json for the S3 gallery; the page polls it.</summary>
    public string? ManifestUrl { get; init; }

    public double PollSeconds { get; init; } = 2;
}

/// <summary>Renders the single self-contained gallery page (inline CSS and JS, strict CSP, no outside requests).</summary>
public static class GalleryPage
{
    public static string Render(GalleryPageModel model)
    {
        // Placeholder until the gallery work lands: a valid page that lists nothing.
        ArgumentNullException.ThrowIfNull(model);
        return $"<!doctype html><html><head><meta charset=\"utf-8\"><title>{System.Net.WebUtility.HtmlEncode(model.Title)}</title></head><body></body></html>";
    }
}
