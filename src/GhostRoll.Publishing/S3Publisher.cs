using System.Collections.Concurrent;
using System.Text.Json;
using GhostRoll.Configuration;
using GhostRoll.Gallery;
using GhostRoll.Gallery.Manifest;
using GhostRoll.Media;
using GhostRoll.Pipeline;
using GhostRoll.Publishing.S3;
using GhostRoll.Sessions;

namespace GhostRoll.Publishing;

/// <summary>
/// Publishes one session to a private S3 bucket as it is produced: an early link (loading page + empty manifest,
/// presigned, QR) within about a second of <see cref="BeginAsync"/>, every entry's images uploaded as soon as
/// they are ready (idempotent through the upload ledger, concurrent), a manifest the page polls that grows as
/// photos land, and at the end share.zip and a final manifest marked complete. Created per session by the
/// composition root; split by concern into partial files (EarlyLink, Entries, Complete).
/// <para>
/// Bucket layout (the original tool's): <c>PREFIX/SESSION/index.html</c>, <c>manifest.json</c>,
/// <c>thumbs/...</c>, <c>share/...</c>, <c>enhanced/...</c> (written by the enhancer, maybe later), <c>share.zip</c>;
/// clips keep their session path (<c>originals/DCIM/...</c>).
/// </para>
/// </summary>
public sealed partial class S3Publisher : ISessionPublisher, IDisposable
{
    internal const string ImageCacheControl = "private, max-age=604800, immutable";
    internal const string MutableCacheControl = "private, no-cache";

    private readonly GhostRollSettings _settings;
    private readonly UploadLedger _uploads;
    private readonly S3PublisherOptions _options;
    private readonly SemaphoreSlim _beginGate = new(1, 1);

    /// <summary>Entries whose files are all in the bucket (this run or earlier), by group key.</summary>
    private readonly ConcurrentDictionary<string, GalleryEntry> _present = new(StringComparer.Ordinal);

    /// <summary>Keys known to be in the bucket (ledger at begin + this run's uploads): only these get URLs.</summary>
    private readonly ConcurrentDictionary<string, byte> _keysInBucket = new(StringComparer.Ordinal);

    private S3Connection? _connection;
    private ObjectUploader? _uploader;
    private LinkSigner? _signer;
    private ManifestUpdater? _manifest;
    private PublishContext? _context;
    private string _prefix = "";
    private bool _begun;

    /// <summary>Set when the early link found the bucket unreachable: entries then fail at once (the pipeline stops offering them).</summary>
    private volatile PublishException? _unreachable;

    /// <param name="uploads">The ledger of what is in the bucket: the publisher's own table, given by the composition root.</param>
    public S3Publisher(GhostRollSettings settings, UploadLedger uploads, S3PublisherOptions? options = null)
    {
        _settings = settings;
        _uploads = uploads;
        _options = options ?? new S3PublisherOptions();
    }

    public string Name => "s3";

    /// <summary>The gallery link people get once the early link is published: the short link with a link service, else the presigned one.</summary>
    public string? ShareUrl { get; private set; }

    /// <summary>The presigned gallery link (share-presigned.txt when a link service gives the short one).</summary>
    public string? PresignedUrl { get; private set; }

    /// <summary>The presigned manifest.json the page polls (embedded in index.html).</summary>
    public string? ManifestUrl { get; private set; }

    /// <summary>What was uploaded in this run (null before <see cref="BeginAsync"/>).</summary>
    public UploadStatistics? Statistics => _uploader?.Statistics;

    /// <summary>Interim manifest uploads so far (rate-limited).</summary>
    public int ManifestUpdates => _manifest?.Updates ?? 0;

    /// <summary>The uploader of this run (tests hook its multipart progress).</summary>
    internal ObjectUploader? Uploader => _uploader;

    private string KeyFor(string sessionRelativePath) => _prefix + SessionLayout.ObjectKeyFor(sessionRelativePath);

    private const string EnhancedPrefix = "derived/enhanced/";

    private string ManifestKey => _prefix + "manifest.json";

    private string IndexKey => _prefix + "index.html";

    private string ShareZipKey => _prefix + "share.zip";

    /// <summary>The manifest as it stands: entries in the bucket, presigned URLs, enhanced URLs signed up front.</summary>
    private byte[] BuildManifest(PublishContext context, bool complete, IReadOnlyList<GalleryEntry>? entries = null, ManifestFile? downloadAll = null) =>
        JsonSerializer.SerializeToUtf8Bytes(ManifestFor(context, complete, entries, downloadAll), ManifestJsonContext.Default.GalleryManifest);

    private GalleryManifest ManifestFor(PublishContext context, bool complete, IReadOnlyList<GalleryEntry>? entries = null, ManifestFile? downloadAll = null)
    {
        var signer = _signer!;
        var list = (entries ?? [.. _present.Values]).Where(e => _present.ContainsKey(e.Key)).ToList();
        list.Sort(GalleryEntry.Compare);
        string? UrlFor(string path)
        {
            var key = KeyFor(path);
            // Enhanced images are signed up front although they do not exist yet (ManifestBuilder asks only for photos
            // with a share image): the enhancer may write them minutes later and the page probes them (reference defect 5).
            if (path.StartsWith(EnhancedPrefix, StringComparison.Ordinal))
            {
                return signer.Sign(key);
            }

            return _keysInBucket.ContainsKey(key) ? signer.Sign(key) : null;
        }

        var manifest = ManifestBuilder.Build(
            context.SessionId,
            ManifestBuilder.TitleFor(SessionGalleryTitle.Read(context.Layout) ?? _settings.GalleryTitle, context.SessionId, list),
            list,
            context.ExpectedEntries,
            complete,
            UrlFor,
            downloadAll,
            signer.ExpiresUtc,
            _options.Time.GetUtcNow().ToUnixTimeSeconds(),
            // Links not signed yet in this run (all of them in the first manifest of a resumed session) are signed
            // inside UrlFor, so items are built PRESIGN_WORKERS at a time.
            _settings.PresignWorkers,
            _settings.Photographer);
        return manifest;
    }

    private Task PutManifestAsync(PublishContext context, bool complete, CancellationToken cancellationToken, IReadOnlyList<GalleryEntry>? entries = null, ManifestFile? downloadAll = null) =>
        _uploader!.PutBytesAsync(ManifestKey, BuildManifest(context, complete, entries, downloadAll), "application/json; charset=utf-8", MutableCacheControl, cancellationToken);

    private void ReportCounts(PublishContext context)
    {
        var done = _present.Count;
        var total = Math.Max(context.ExpectedEntries, done);
        context.Progress.Uploaded(done, total);
    }

    /// <summary>Content type of a clip for the browser's download / inline player.</summary>
    internal static string VideoContentType(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".mp4" or ".m4v" => "video/mp4",
        ".mov" => "video/quicktime",
        ".avi" => "video/x-msvideo",
        ".mts" or ".m2ts" => "video/mp2t",
        ".mkv" => "video/x-matroska",
        ".3gp" => "video/3gpp",
        _ => "application/octet-stream",
    };

    /// <summary>True when every file of the entry that we publish is recorded in the ledger.</summary>
    private bool AllKeysKnown(GalleryEntry entry, IReadOnlyDictionary<string, string> ledger) =>
        entry.Variants.All(v => ledger.ContainsKey(KeyFor(v.Path)));

    public void Dispose()
    {
        _connection?.Dispose();
        _beginGate.Dispose();
    }

    private static string VariantContentType(ImageVariant variant) =>
        string.IsNullOrEmpty(variant.ContentType) ? (variant.Path.EndsWith(".webp", StringComparison.OrdinalIgnoreCase) ? "image/webp" : "image/jpeg") : variant.ContentType;
}
