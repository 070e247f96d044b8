using GhostRoll.Configuration;
using GhostRoll.Gallery.Local;
using GhostRoll.Media;
using GhostRoll.Pipeline;
using GhostRoll.Sessions;
using GhostRoll.Status;
using GhostRoll.Storage;
using GhostRoll.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace GhostRoll.Gallery.Tests.Support;

/// <summary>
/// A real session folder (derivatives symlinked from <see cref="SampleMedia"/>), a real SQLite journal and the
/// real <see cref="LocalGalleryPublisher"/>, so browser tests open exactly what the appliance writes.
/// </summary>
public sealed class TestSession : IAsyncDisposable
{
    public const string DefaultSessionId = "shoot-2026-03-14_101500_000000";

    private readonly TempDirectory _temp;

    private TestSession(string sessionId, TimeProvider? time)
    {
        _temp = new TempDirectory("gallery");
        Layout = new SessionLayout(_temp.Combine("sessions"), sessionId);
        Directory.CreateDirectory(Layout.Root);
        Database = GhostRollDatabase.Open(_temp.Combine("db", "ghostroll.db"));
        Status = new StatusReporter([]);
        Context = new PublishContext
        {
            Layout = Layout,
            Settings = new GhostRollSettings { BaseDir = _temp.Combine("sessions"), PollSeconds = 1 },
            Journal = Database,
            Links = Database,
            Progress = new StatusPublishProgress(Status),
            Logger = NullLogger.Instance,
        };
        Publisher = new LocalGalleryPublisher(time);
    }

    public SessionLayout Layout { get; }

    public GhostRollDatabase Database { get; }

    public StatusReporter Status { get; }

    public PublishContext Context { get; }

    public LocalGalleryPublisher Publisher { get; }

    public string Root => Layout.Root;

    /// <summary>file:// URL of the local gallery, as a person would open it from disk.</summary>
    public string IndexUrl => new Uri(Layout.IndexHtml).AbsoluteUri;

    public static TestSession Create(string sessionId = DefaultSessionId, TimeProvider? time = null) => new(sessionId, time);

    /// <summary>Links a sample's files into this session, optionally under another key and card file name.</summary>
    public GalleryEntry Add(GalleryEntry sample, string? key = null, string? name = null, DateTime? captured = null, string? camera = null)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var media = SampleMedia.Instance;
        key ??= sample.Key;
        string Link(string relative, string newRelative)
        {
            var target = Layout.FullPath(newRelative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            if (!File.Exists(target))
            {
                File.CreateSymbolicLink(target, Path.Combine(media.CacheDir, relative));
            }

            return newRelative;
        }

        var variants = sample.Variants.Select(v =>
        {
            var folder = v.Path.Split('/')[1];
            var extension = Path.GetExtension(v.Path);
            return v with { Path = Link(v.Path, SessionLayout.DerivativeRelativePath(folder, key, extension)) };
        }).ToList();
        var videoPath = sample.VideoPath is { } clip
            ? Link(clip, $"originals/DCIM/{key}{Path.GetExtension(clip)}")
            : null;
        return sample with
        {
            Key = key,
            Name = name ?? sample.Name,
            Variants = variants,
            VideoPath = videoPath,
            CapturedLocal = captured ?? sample.CapturedLocal,
            Camera = camera ?? sample.Camera,
        };
    }

    /// <summary>Card files named to break a page that builds HTML from strings.</summary>
    public static IReadOnlyList<string> HostileNames { get; } =
    [
        "<img src=x onerror=alert(1)>.jpg",
        "</script><script>alert(2)</script>.JPG",
        "\"q\" & 'a' #1 ?x=%41.jpg",
    ];

    public const string HostileCamera = "<b onmouseover=alert(3)>Evil</b> Cam";

    public IReadOnlyList<GalleryEntry> AddHostile()
    {
        var sample = SampleMedia.Instance.Get("100CANON/IMG_0102");
        return [.. HostileNames.Select((n, i) => Add(sample, $"100HACK/{Path.GetFileNameWithoutExtension(n)}", n, new DateTime(2030, 1, 1, 12, 0, i), HostileCamera))];
    }

    /// <summary>Publishes entries the way the pipeline does: Begin, Publish each, Complete.</summary>
    public async Task PublishAsync(IReadOnlyList<GalleryEntry> entries, bool complete = true, int? expected = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        Context.ExpectedEntries = expected ?? entries.Count;
        await Publisher.BeginAsync(Context, CancellationToken.None);
        foreach (var entry in entries)
        {
            await Publisher.PublishAsync(Context, entry, CancellationToken.None);
        }

        var ordered = entries.ToList();
        ordered.Sort(GalleryEntry.Compare);
        await Publisher.CompleteAsync(Context, new PublishCompletion(complete, ordered), CancellationToken.None);
    }

    /// <summary>Writes an "enhanced" version of a share image (inverted by vips, so it is visibly different).</summary>
    public string AddEnhanced(GalleryEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var target = Layout.FullPath(GhostRoll.Gallery.Manifest.ManifestBuilder.EnhancedPath(entry.Key));
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        ExternalTool.Run("vips", "invert", Layout.FullPath(entry.Share!.Path), target + "[Q=85]");
        return target;
    }

    public async ValueTask DisposeAsync()
    {
        Publisher.Dispose();
        await Status.DisposeAsync();
        Database.Dispose();
        _temp.Dispose();
    }
}
