using System.Text.Json;
using GhostRoll.Gallery.Manifest;
using GhostRoll.Pipeline;
using GhostRoll.Sessions;

namespace GhostRoll.Gallery.Tests.Support;

/// <summary>
/// Plays the S3 publisher's part against <see cref="PresignedOriginServer"/>: uploads derivatives under the
/// bucket layout (<c>sessions/&lt;id&gt;/share/...</c>), and writes manifest.json and index.html with presigned URLs,
/// using the gallery's own <see cref="ManifestBuilder"/> and <see cref="GalleryPage"/> exactly as that publisher will.
/// </summary>
public sealed class BucketGallery(PresignedOriginServer server, TestSession session)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7) - TimeSpan.FromMinutes(5);

    public string Prefix { get; } = $"sessions/{session.Layout.SessionId}/";

    public string Key(string sessionRelativePath) => Prefix + SessionLayout.ObjectKeyFor(sessionRelativePath);

    public string UrlFor(string sessionRelativePath) => server.Presign(Key(sessionRelativePath), Lifetime);

    public void Upload(GalleryEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        foreach (var variant in entry.Variants)
        {
            server.Put(Key(variant.Path), session.Layout.FullPath(variant.Path));
        }

        if (entry.VideoPath is { } clip)
        {
            server.Put(Key(clip), session.Layout.FullPath(clip));
        }
    }

    public void UploadEnhanced(GalleryEntry entry) =>
        server.Put(Key(ManifestBuilder.EnhancedPath(entry.Key)), session.AddEnhanced(entry));

    public GalleryManifest PublishManifest(IReadOnlyList<GalleryEntry> entries, int expected, bool complete, ManifestFile? downloadAll = null)
    {
        var manifest = ManifestBuilder.Build(session.Layout.SessionId, ManifestBuilder.DefaultTitle(session.Layout.SessionId),
            entries, expected, complete, UrlFor, downloadAll, server.Now + Lifetime);
        server.PutText(Prefix + "manifest.json", JsonSerializer.Serialize(manifest, ManifestJsonContext.Default.GalleryManifest));
        return manifest;
    }

    /// <summary>Uploads the page (polling the presigned manifest) and returns the share link to open.</summary>
    public string PublishPage(double pollSeconds)
    {
        server.PutText(Prefix + "index.html", GalleryPage.Render(new GalleryPageModel
        {
            Title = ManifestBuilder.DefaultTitle(session.Layout.SessionId),
            ManifestUrl = server.Presign(Prefix + "manifest.json", Lifetime),
            PollSeconds = pollSeconds,
        }));
        return server.Presign(Prefix + "index.html", Lifetime);
    }
}
