using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using GhostRoll.Gallery.Manifest;
using GhostRoll.Gallery.Page;

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

    /// <summary>
    /// When the link itself stops working, for the footer, if that is not the manifest's <c>expires_utc</c>: the
    /// short-link service re-signs the manifest's URLs every few hours, while the link lives for weeks.
    /// <see cref="DateTimeOffset.MaxValue"/> = never (no footer note); null = use the manifest's expiry.
    /// </summary>
    public DateTimeOffset? LinkExpiresUtc { get; init; }

    /// <summary>
    /// Origins (scheme://host[:port]) the page may load images and the manifest from besides its own. Defaults to
    /// the origin of <see cref="ManifestUrl"/>, which is where a bucket's presigned URLs point.
    /// </summary>
    public IReadOnlyList<string>? AllowedOrigins { get; init; }

    /// <summary>
    /// The manifest the link preview (Open Graph tags) describes when the page polls rather than embeds it: the
    /// S3 page is uploaded with the manifest of the moment. Null = <see cref="InlineManifest"/>, if any.
    /// </summary>
    public GalleryManifest? PreviewManifest { get; init; }
}

/// <summary>Renders the single self-contained gallery page (inline CSS and JS, strict CSP, no outside requests).</summary>
public static class GalleryPage
{
    public static string Render(GalleryPageModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.ManifestUrl is { } url && !IsHttpUrl(url))
        {
            throw new ArgumentException($"manifest URL must be an absolute http(s) URL, got '{url}'", nameof(model));
        }

        var manifest = model.InlineManifest ?? model.PreviewManifest;
        var title = manifest?.Title ?? model.Title;
        var tabTitle = manifest?.Photographer is { } by ? $"{title} \u00b7 {by}" : title;
        return PageAssets.Shell.Fill(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["CSP"] = WebUtility.HtmlEncode(ContentSecurityPolicy(model)),
            ["TITLE"] = WebUtility.HtmlEncode(title),
            ["TAB_TITLE"] = WebUtility.HtmlEncode(tabTitle),
            ["PREVIEW"] = PreviewTags(tabTitle, manifest),
            ["STYLE"] = PageAssets.Style,
            ["SCRIPT"] = PageAssets.Script,
            ["CONFIG"] = ConfigJson(model),
            ["MANIFEST"] = model.InlineManifest is { } inline
                ? $"<script type=\"application/json\" id=\"gr-manifest\">{ScriptSafe(JsonSerializer.Serialize(inline, ManifestJsonContext.Default.GalleryManifest))}</script>\n"
                : "",
        });
    }

    /// <summary>
    /// Link preview (Open Graph and Twitter card tags) in the served HTML itself: messaging apps read the page's
    /// markup and never run its script. The picture is the first photo's share image, only when its URL is absolute
    /// (the bucket's presigned one); a page opened from disk has none. Nothing here carries a location.
    /// </summary>
    internal static string PreviewTags(string title, GalleryManifest? manifest)
    {
        var description = manifest is null ? null : PreviewDescription(manifest);
        var picture = manifest?.Items.Select(i => i.Share ?? i.Thumb).FirstOrDefault(p => p is not null && IsHttpUrl(p.Url));
        var tags = new StringBuilder();
        void Meta(string attribute, string name, string value) =>
            tags.Append(CultureInfo.InvariantCulture, $"<meta {attribute}=\"{name}\" content=\"{WebUtility.HtmlEncode(value)}\">\n");
        Meta("property", "og:type", "website");
        Meta("property", "og:title", title);
        Meta("name", "twitter:title", title);
        if (!string.IsNullOrEmpty(description))
        {
            Meta("name", "description", description);
            Meta("property", "og:description", description);
            Meta("name", "twitter:description", description);
        }

        Meta("name", "twitter:card", picture is null ? "summary" : "summary_large_image");
        if (picture is not null)
        {
            Meta("property", "og:image", picture.Url);
            Meta("property", "og:image:width", picture.Width.ToString(CultureInfo.InvariantCulture));
            Meta("property", "og:image:height", picture.Height.ToString(CultureInfo.InvariantCulture));
            Meta("name", "twitter:image", picture.Url);
        }

        return tags.ToString();
    }

    /// <summary>"42 photos · 21–23 Jun 2026 · Photos by Ana": the dates only when the title is not already them.</summary>
    internal static string PreviewDescription(GalleryManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var clips = manifest.Items.Count(i => i.Kind == "video");
        var photos = manifest.Items.Count - clips;
        var count = manifest.Items.Count == 0 ? "Photos on the way"
            : clips == 0 ? Plural(photos, "photo")
            : photos == 0 ? Plural(clips, "clip")
            : $"{Plural(photos, "photo")} and {Plural(clips, "clip")}";
        var days = manifest.Items
            .Select(i => i.Taken is { Length: >= 10 } t && DateTime.TryParseExact(t[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : (DateTime?)null)
            .OfType<DateTime>().ToList();
        var range = days.Count == 0 ? null : ManifestBuilder.DateRange(days.Min(), days.Max());
        string?[] parts = [count, range == manifest.Title ? null : range, manifest.Photographer is { } by ? $"Photos by {by}" : null];
        return string.Join(" \u00b7 ", parts.Where(p => p is not null));
    }

    private static string Plural(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n.ToString(CultureInfo.InvariantCulture)} {noun}s";

    /// <summary>
    /// Nothing may load from anywhere but the page's own origin (file: for the local gallery) and the bucket:
    /// no CDN, no fonts, no analytics. Inline code runs only if it is byte-for-byte ours (hashes, no
    /// 'unsafe-inline'), so an injected &lt;script&gt; or onerror attribute would be refused even if escaping failed.
    /// </summary>
    public static string ContentSecurityPolicy(GalleryPageModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var origins = new List<string> { "'self'" };
        if (model.InlineManifest is not null && model.ManifestUrl is null)
        {
            // Chromium does not let 'self' match file: URLs for a page opened from disk (its origin is opaque).
            origins.Add("file:");
        }

        var extra = model.AllowedOrigins ?? (model.ManifestUrl is { } url ? [url] : []);
        origins.AddRange(extra.Select(OriginOf).Distinct(StringComparer.Ordinal));
        var sources = string.Join(' ', origins.Distinct(StringComparer.Ordinal));
        return string.Join("; ",
            "default-src 'none'",
            $"script-src {PageAssets.ScriptHash}",
            $"style-src {PageAssets.StyleHash}",
            $"img-src {sources} blob:",
            $"media-src {sources}",
            $"connect-src {sources}",
            "base-uri 'none'",
            "form-action 'none'");
    }

    private static string ConfigJson(GalleryPageModel model)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (model.ManifestUrl is { } url)
            {
                json.WriteString("manifest_url", url);
            }

            json.WriteNumber("poll_seconds", Math.Clamp(model.PollSeconds, 0.2, 3600));
            if (model.LinkExpiresUtc is { } linkExpires)
            {
                // "" = the link never expires.
                json.WriteString("link_expires_utc", linkExpires == DateTimeOffset.MaxValue
                    ? ""
                    : linkExpires.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
            }
            json.WriteEndObject();
        }

        return ScriptSafe(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    /// <summary>
    /// JSON inside a &lt;script&gt; block must never contain "&lt;" (no "&lt;/script&gt;" or "&lt;!--" breakout).
    /// System.Text.Json's default encoder already writes \u003C; this keeps the guarantee if that ever changes.
    /// "&lt;" can only occur inside JSON strings, where \u003c means the same character.
    /// </summary>
    internal static string ScriptSafe(string json) => json.Replace("<", "\\u003c", StringComparison.Ordinal);

    private static bool IsHttpUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private static string OriginOf(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri.GetLeftPart(UriPartial.Authority)
            : throw new ArgumentException($"'{url}' is not an http(s) origin the gallery can allow", nameof(url));
}
