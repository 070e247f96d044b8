using System.Globalization;
using System.Text.Json;
using GhostRoll.Media;
using GhostRoll.Pipeline;
using GhostRoll.Sessions;
using GhostRoll.TestSupport;

namespace GhostRoll.Gallery.Tests.Support;

/// <summary>
/// Real derivatives of the shared camera fixtures, made once per machine by independent tools: vipsthumbnail
/// (libvips, auto-rotates, strips metadata) for share/thumb JPEG and WebP, exiftool for capture time and camera and
/// for the RAW preview. The imaging library is written in parallel, so the gallery tests do not depend on it.
/// Cached under /tmp keyed by the fixture checksums, so a second test run costs nothing.
/// </summary>
public sealed class SampleMedia
{
    private const int ShareEdge = 2048;
    private const int ThumbEdge = 512;
    private const string CacheVersion = "v3";

    private static readonly Lazy<SampleMedia> Shared = new(() => new SampleMedia());

    private SampleMedia()
    {
        var sums = File.ReadAllText(Path.Combine(Fixtures.Root, "SHA256SUMS"));
        var key = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(sums + CacheVersion)))[..16];
        CacheDir = Path.Combine(Path.GetTempPath(), $"ghostroll-gallery-media-{key}");
        var done = Path.Combine(CacheDir, ".complete");
        if (!File.Exists(done))
        {
            Build();
            File.WriteAllText(done, DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        }

        Entries = Describe();
    }

    public static SampleMedia Instance => Shared.Value;

    /// <summary>Folder laid out like a session: derived/share, derived/thumbs, originals/DCIM (clips only).</summary>
    public string CacheDir { get; }

    /// <summary>Every sample as the derive stage would report it (paths session-relative).</summary>
    public IReadOnlyList<GalleryEntry> Entries { get; }

    public GalleryEntry Get(string key) => Entries.Single(e => e.Key == key);

    /// <summary>Group keys whose share/thumb also exist as WebP.</summary>
    public static IReadOnlyList<string> WebpKeys { get; } = ["100CANON/_MG_0633", "100NCD90/DSC_0003", "Camera/aarhus", "100TEST/Portrait_6"];

    // (card, card path, has webp): photos rendered from their camera JPEG, HEIC, or RAW preview.
    private static readonly (string Card, string CardPath)[] Photos =
    [
        ("basic", "DCIM/100CANON/_MG_0633.JPG"), ("basic", "DCIM/100CANON/_K6A7943.JPG"), ("basic", "DCIM/100CANON/IMG_0102.JPG"),
        ("basic", "DCIM/100NCD90/DSC_0003.JPG"), ("basic", "DCIM/100NIKON/DSCN0870.JPG"), ("basic", "DCIM/100MSDCF/_DSC8830.JPG"),
        ("basic", "DCIM/100MSDCF/DSC00004.JPG"), ("basic", "DCIM/100OLYMP/PB180005.JPG"), ("basic", "DCIM/100OLYMP/Olympus_FE230-X790.jpg"),
        ("basic", "DCIM/100PENTX/IMGP6671.JPG"), ("basic", "DCIM/100_PANA/Panasonic_DMC-LX3.jpg"), ("basic", "DCIM/100_FUJI/FujiFilm_FinePix_F40fd.jpg"),
        ("basic", "DCIM/100APPLE/Apple_iPhone_6.jpg"), ("basic", "DCIM/Camera/Nokia_Lumia_800.jpg"), ("basic", "DCIM/Camera/aarhus.jpg"),
        ("basic", "DCIM/100EPSON/Epson_PhotoPC_3000Z.jpg"), ("orientation", "DCIM/100TEST/Portrait_6.jpg"), ("orientation", "DCIM/100TEST/Landscape_3.jpg"),
        ("odd", "DCIM/100APPLE/IMG_3589.HEIC"), ("odd", "DCIM/100EOSR5/Canon.HIF"), ("raw", "DCIM/100RAW/CRW_1446.CRW"), ("raw", "DCIM/100RAW/Canon-R6-pruned.CR3"),
    ];

    private void Build()
    {
        if (Directory.Exists(CacheDir))
        {
            Directory.Delete(CacheDir, recursive: true);
        }

        var work = Path.Combine(CacheDir, ".work");
        Directory.CreateDirectory(work);
        foreach (var (card, cardPath) in Photos)
        {
            var source = Fixtures.File(card, cardPath);
            var key = SessionLayout.GroupKeyOf(cardPath);
            if (MediaClassifier.Classify(cardPath) == MediaKind.Raw)
            {
                // The largest embedded preview, as the derive stage uses for RAW-only shots.
                var tag = cardPath.EndsWith(".CR3", StringComparison.OrdinalIgnoreCase) ? "-PreviewImage" : "-JpgFromRaw";
                var preview = Path.Combine(work, Path.GetFileName(cardPath) + ".jpg");
                File.WriteAllBytes(preview, ExternalTool.RunBytes("exiftool", "-b", tag, source).Bytes);
                source = preview;
            }

            Render(source, key, WebpKeys.Contains(key));
        }

        // A clip with its camera-written THM as poster, and a clip with no poster at all.
        Render(Fixtures.File("odd", "DCIM/100CANON/MVI_0121.THM"), "100CANON/MVI_0121", webp: false);
        foreach (var clip in new[] { "DCIM/100CANON/MVI_0121.AVI", "DCIM/101APPLE/with-gps.mov" })
        {
            var target = Path.Combine(CacheDir, "originals", clip);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Fixtures.File("odd", clip), target, overwrite: true);
        }

        // exiftool names each file as given (absolute); the cache outlives the checkout, so store fixture-relative
        // names: a clone at another path (CI) must find the same entries.
        var exif = ExternalTool.Run("exiftool",
            ["-j", "-DateTimeOriginal", "-OffsetTimeOriginal", "-Make", "-Model", .. Photos.Select(p => Fixtures.File(p.Card, p.CardPath)), Fixtures.File("odd", "DCIM/100CANON/MVI_0121.THM")]);
        File.WriteAllText(Path.Combine(CacheDir, "metadata.json"), exif.Replace(Fixtures.Root.TrimEnd('/') + "/", "", StringComparison.Ordinal));
        Directory.Delete(work, recursive: true);
        MeasureAll();
    }

    private void Render(string source, string key, bool webp)
    {
        foreach (var (folder, edge, quality) in new[] { ("share", ShareEdge, 90), ("thumbs", ThumbEdge, 85) })
        {
            var target = Path.Combine(CacheDir, "derived", folder, key);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            ExternalTool.Run("vipsthumbnail", source, "--size", $"{edge}x{edge}>", "-o", $"{target}.jpg[Q={quality},strip]");
            if (webp)
            {
                ExternalTool.Run("vipsthumbnail", source, "--size", $"{edge}x{edge}>", "-o", $"{target}.webp[Q=80,strip]");
            }
        }
    }

    private List<GalleryEntry> Describe()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(CacheDir, "metadata.json")));
        var metadata = json.RootElement.EnumerateArray().ToDictionary(e => e.GetProperty("SourceFile").GetString()!, e => e, StringComparer.Ordinal);
        string? Field(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.ToString() : null;

        GalleryEntry Entry(string card, string cardPath, GalleryEntryKind kind, string metadataFile)
        {
            var key = SessionLayout.GroupKeyOf(cardPath);
            var m = metadata[Path.GetRelativePath(Fixtures.Root, metadataFile)];
            var taken = Field(m, "DateTimeOriginal") is { } t
                && DateTime.TryParseExact(t, "yyyy:MM:dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local) ? local : (DateTime?)null;
            var offset = Field(m, "OffsetTimeOriginal") is { } o && TimeSpan.TryParse(o.TrimStart('+'), CultureInfo.InvariantCulture, out var span)
                ? (o.StartsWith('-') ? -span.Duration() : span) : (TimeSpan?)null;
            return new GalleryEntry
            {
                Key = key,
                Name = Path.GetFileName(cardPath),
                Kind = kind,
                CapturedLocal = taken,
                CapturedOffset = offset,
                Camera = CameraName.Of(Field(m, "Make"), Field(m, "Model")),
                Variants = Variants(key),
                Members = [Path.GetFileName(cardPath)],
            };
        }

        var entries = Photos.Select(p => Entry(p.Card, p.CardPath, GalleryEntryKind.Photo, Fixtures.File(p.Card, p.CardPath))).ToList();
        entries.Add(Entry("odd", "DCIM/100CANON/MVI_0121.AVI", GalleryEntryKind.Video, Fixtures.File("odd", "DCIM/100CANON/MVI_0121.THM")) with
        {
            VideoPath = "originals/DCIM/100CANON/MVI_0121.AVI",
            VideoBytes = new FileInfo(Path.Combine(CacheDir, "originals/DCIM/100CANON/MVI_0121.AVI")).Length,
            Members = ["MVI_0121.AVI", "MVI_0121.THM"],
        });
        entries.Add(new GalleryEntry
        {
            Key = "101APPLE/with-gps",
            Name = "with-gps.mov",
            Kind = GalleryEntryKind.Video,
            CapturedLocal = new DateTime(2019, 7, 24, 8, 25, 57),
            VideoPath = "originals/DCIM/101APPLE/with-gps.mov",
            VideoBytes = new FileInfo(Path.Combine(CacheDir, "originals/DCIM/101APPLE/with-gps.mov")).Length,
        });
        return entries;
    }

    /// <summary>The variants that exist on disk for a key, with their real pixel sizes (read back by vipsheader).</summary>
    public IReadOnlyList<ImageVariant> Variants(string key)
    {
        var list = new List<ImageVariant>();
        foreach (var (variant, folder, ext, type) in new[]
        {
            (VariantNames.Share, "share", ".jpg", "image/jpeg"), (VariantNames.Thumb, "thumbs", ".jpg", "image/jpeg"),
            (VariantNames.ShareWebp, "share", ".webp", "image/webp"), (VariantNames.ThumbWebp, "thumbs", ".webp", "image/webp"),
        })
        {
            var relative = SessionLayout.DerivativeRelativePath(folder, key, ext);
            var file = Path.Combine(CacheDir, relative);
            if (File.Exists(file))
            {
                var (width, height) = PixelSize(file);
                list.Add(new ImageVariant(variant, relative, width, height, new FileInfo(file).Length, type));
            }
        }

        return list;
    }

    private Dictionary<string, (int Width, int Height)>? _sizes;

    private (int Width, int Height) PixelSize(string file)
    {
        _sizes ??= File.ReadAllLines(Path.Combine(CacheDir, "sizes.tsv")).Select(l => l.Split('\t'))
            .ToDictionary(p => p[0], p => (int.Parse(p[1], CultureInfo.InvariantCulture), int.Parse(p[2], CultureInfo.InvariantCulture)), StringComparer.Ordinal);
        return _sizes[Path.GetRelativePath(CacheDir, file)];
    }

    /// <summary>Pixel sizes of every derivative, read back with vipsheader (one call for all files).</summary>
    private void MeasureAll()
    {
        var files = Directory.EnumerateFiles(Path.Combine(CacheDir, "derived"), "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var widths = ExternalTool.Run("vipsheader", ["-f", "width", .. files]).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var heights = ExternalTool.Run("vipsheader", ["-f", "height", .. files]).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        File.WriteAllLines(Path.Combine(CacheDir, "sizes.tsv"),
            files.Select((f, i) => $"{Path.GetRelativePath(CacheDir, f)}\t{widths[i].Trim()}\t{heights[i].Trim()}"));
    }
}
