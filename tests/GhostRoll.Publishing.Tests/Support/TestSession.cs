using System.IO.Compression;
using Amazon.Runtime;
using GhostRoll.Configuration;
using GhostRoll.Logging;
using GhostRoll.Media;
using GhostRoll.Pipeline;
using GhostRoll.Sessions;
using GhostRoll.Status;
using GhostRoll.Storage;
using GhostRoll.TestSupport;
using GhostRoll.TestSupport.S3;
using Microsoft.Extensions.Logging;

namespace GhostRoll.Publishing.Tests.Support;

/// <summary>
/// A real session for the publisher: a temp folder, a real SQLite journal with the session and its derived
/// items, derivative files made from real camera JPEGs, a status reporter that records what it was told, and a
/// log captured as text (to check redaction).
/// </summary>
public sealed class TestSession : IAsyncDisposable
{
    private static readonly string[] Sources =
    [
        "DCIM/100TEST/Landscape_1.jpg", "DCIM/100TEST/Portrait_6.jpg", "DCIM/100TEST/Landscape_3.jpg",
        "DCIM/100TEST/Portrait_2.jpg", "DCIM/100TEST/Landscape_5.jpg", "DCIM/100TEST/Portrait_8.jpg",
    ];

    private readonly TempDirectory _temp = new("publish");
    private readonly GhostRollLoggerProvider _logging;
    private readonly List<S3Publisher> _publishers = [];
    private int _entries;

    public TestSession(LoopbackS3Server server, string bucket, string? sessionId = null, Action<GhostRollSettings>? tweak = null)
    {
        Server = server;
        Bucket = bucket;
        Settings = new GhostRollSettings
        {
            BaseDir = _temp.Combine("sessions"),
            DbPath = _temp.Combine("db", "ghostroll.db"),
            StatusPath = _temp.Combine("status.json"),
            S3Bucket = bucket,
            S3Endpoint = server.Endpoint,
            S3ForcePathStyle = true,
            S3Region = server.Region,
        };
        tweak?.Invoke(Settings);
        Database = GhostRollDatabase.Open(Settings.DbPath);
        var id = sessionId ?? Sessions.SessionId.New();
        Layout = new SessionLayout(Settings.SessionsDir, id);
        Directory.CreateDirectory(Layout.Root);
        Database.CreateSession(new SessionRecord(id, SessionState.Active, "vol", "auto-import", "/media/card", Layout.Root,
            DateTime.UtcNow, DateTime.UtcNow, null, null, null));
        _logging = new GhostRollLoggerProvider(LogLevel.Debug, LogText, journald: false);
        Status = new StatusReporter([StatusSink]);
    }

    public LoopbackS3Server Server { get; }

    public string Bucket { get; }

    public GhostRollSettings Settings { get; }

    public GhostRollDatabase Database { get; }

    public SessionLayout Layout { get; }

    public string SessionId => Layout.SessionId;

    public string Prefix => $"{Settings.S3PrefixRoot}{SessionId}/";

    public StringWriter LogText { get; } = new();

    public StringWriter Terminal { get; } = new();

    public RecordingStatusSink StatusSink { get; } = new();

    public StatusReporter Status { get; }

    /// <summary>The upload ledger in <see cref="Database"/>: what the publishers recorded as in the bucket.</summary>
    public S3.UploadLedger Uploads => new(Database);

    public PublishContext Context(int expected = 0) => new()
    {
        Layout = Layout,
        Settings = Settings,
        Journal = Database,
        Links = Database,
        Progress = new StatusPublishProgress(Status),
        Logger = _logging.CreateLogger("GhostRoll.Publishing"),
        ExpectedEntries = expected,
    };

    /// <summary>Options for a publisher run against the test server: its credentials, retries that never sleep.</summary>
    public S3PublisherOptions Options(Func<TimeSpan, CancellationToken, Task>? delay = null, int attempts = 4) => new()
    {
        Credentials = new BasicAWSCredentials(Server.AccessKey, Server.SecretKey),
        Retry = new S3.S3RetryPolicy { MaxAttempts = attempts, Delay = delay ?? ((_, _) => Task.CompletedTask) },
        EarlyLinkRetry = new S3.S3RetryPolicy { MaxAttempts = 2, Delay = (_, _) => Task.CompletedTask },
        ManifestInterval = TimeSpan.Zero,
        Terminal = Terminal,
    };

    public S3Publisher Publisher(S3PublisherOptions? options = null)
    {
        var publisher = new S3Publisher(Settings, Uploads, options ?? Options());
        _publishers.Add(publisher);
        return publisher;
    }

    /// <summary>A publisher (disposed with the session) that has published its early link, and its context.</summary>
    public async Task<(S3Publisher Publisher, PublishContext Context)> BeginAsync(S3PublisherOptions? options = null, int expected = 0)
    {
        var publisher = Publisher(options);
        var context = Context(expected);
        await publisher.BeginAsync(context, TestContext.Current.CancellationToken);
        return (publisher, context);
    }

    /// <summary>The end of a run as the pipeline reports it: every ready entry, session complete or not.</summary>
    public static PublishCompletion Final(PublishContext context, bool complete = true) => new(complete, context.ReadyEntries());

    /// <summary>Every file of the entries is in the bucket at its layout key, byte for byte.</summary>
    public async Task AssertInBucketAsync(params GalleryEntry[] entries)
    {
        foreach (var path in entries.SelectMany(e => e.Variants.Select(v => v.Path)))
        {
            var stored = await Server.GetBytesAsync(Bucket, Prefix + SessionLayout.ObjectKeyFor(path));
            Assert.True(stored is not null, $"{path} is not in the bucket");
            Assert.Equal(LocalBytes(path), stored);
        }
    }

    /// <summary>manifest.json as it is in the bucket now.</summary>
    public async Task<GhostRoll.Gallery.Manifest.GalleryManifest> BucketManifestAsync() =>
        Browserless.ParseManifest(await Server.GetBytesAsync(Bucket, Prefix + "manifest.json") ?? throw new InvalidOperationException("no manifest.json in the bucket"));

    /// <summary>
    /// A derived photo entry: share and thumb files (real camera JPEG bytes, different per entry) recorded in the
    /// journal as the derive stage would, read back as the pipeline reads them.
    /// </summary>
    public GalleryEntry AddPhoto(string? key = null)
    {
        var n = Interlocked.Increment(ref _entries);
        key ??= $"100TEST/IMG_{n:0000}";
        var source = Fixtures.File("orientation", Sources[(n - 1) % Sources.Length]);
        var sharePath = SessionLayout.DerivativeRelativePath("share", key, ".jpg");
        var thumbPath = SessionLayout.DerivativeRelativePath("thumbs", key, ".jpg");
        var bytes = File.ReadAllBytes(source);
        WriteFile(sharePath, [.. bytes, .. BitConverter.GetBytes(n)]); // unique content per entry
        WriteFile(thumbPath, bytes[..(bytes.Length / 3)]);
        var cardPath = $"DCIM/{key}.JPG";
        Database.AddSessionFiles(SessionId, [new SessionFileRecord(cardPath, key, MediaKind.Jpeg, bytes.Length, 0, $"{n:x64}", FileState.Copied)]);
        Database.RecordDerived(SessionId, key, GalleryEntryKind.Photo, new DeriveOutcome
        {
            SourceCardPath = cardPath,
            SourceSha256 = $"{n:x64}",
            Variants =
            [
                new ImageVariant(VariantNames.Share, sharePath, 2048, 1365, new FileInfo(Layout.FullPath(sharePath)).Length, "image/jpeg"),
                new ImageVariant(VariantNames.Thumb, thumbPath, 512, 341, new FileInfo(Layout.FullPath(thumbPath)).Length, "image/jpeg"),
            ],
            Metadata = new PhotoMetadata { CapturedLocal = new DateTime(2020, 2, 18, 8, 55, n % 60), Make = "Canon", Model = "Canon EOS RP" },
        });
        return Database.GalleryEntries(SessionId, key).Single();
    }

    /// <summary>
    /// A clip entry from the odd card (default: the real Canon AVI with its THM-derived thumbnail), copied into the
    /// session's originals as the import does. Clips without a THM sidecar get a small JPEG as their thumbnail.
    /// </summary>
    public GalleryEntry AddClip(string cardPath = "DCIM/100CANON/MVI_0121.AVI")
    {
        var key = Path.ChangeExtension(cardPath["DCIM/".Length..], null);
        var extension = Path.GetExtension(cardPath);
        var clip = Fixtures.File("odd", cardPath);
        var original = $"originals/DCIM/{key}{extension}";
        var clipBytes = File.ReadAllBytes(clip);
        WriteFile(original, clipBytes);
        var thumbPath = SessionLayout.DerivativeRelativePath("thumbs", key, ".jpg");
        var thm = Path.ChangeExtension(clip, ".THM");
        WriteFile(thumbPath, File.ReadAllBytes(File.Exists(thm) ? thm : Fixtures.File("orientation", Sources[0])));
        var size = new FileInfo(clip).Length;
        Database.AddSessionFiles(SessionId, [new SessionFileRecord(cardPath, key, MediaKind.Video, size, 0, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(clipBytes)), FileState.Copied)]);
        Database.RecordDerived(SessionId, key, GalleryEntryKind.Video, new DeriveOutcome
        {
            SourceCardPath = cardPath,
            Variants = [new ImageVariant(VariantNames.Thumb, thumbPath, 160, 120, new FileInfo(Layout.FullPath(thumbPath)).Length, "image/jpeg")],
        });
        return Database.GalleryEntries(SessionId, key).Single();
    }

    /// <summary>
    /// The odd card's Live Photo (IMG_3589.HEIC + IMG_3589.mov) as one photo entry whose motion part is the MOV,
    /// copied into the session's originals as the import does; a camera JPEG stands in for its share image.
    /// </summary>
    public GalleryEntry AddLivePhoto()
    {
        const string key = "100APPLE/IMG_3589";
        var photo = AddPhoto(key);
        var mov = Fixtures.File("odd", "DCIM/100APPLE/IMG_3589.mov");
        var movBytes = File.ReadAllBytes(mov);
        WriteFile("originals/DCIM/100APPLE/IMG_3589.mov", movBytes);
        Database.AddSessionFiles(SessionId, [new SessionFileRecord("DCIM/100APPLE/IMG_3589.mov", key, MediaKind.Video, movBytes.Length, 0, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(movBytes)), FileState.Copied)]);
        Database.RecordDerived(SessionId, key, GalleryEntryKind.Photo, new DeriveOutcome
        {
            SourceCardPath = $"DCIM/{key}.JPG",
            Variants = photo.Variants,
            Clip = new ClipFacts("DCIM/100APPLE/IMG_3589.mov", "video/quicktime; codecs=\"hvc1.1.6.L120.B0\"", TimeSpan.FromSeconds(2.936667)),
        });
        return Database.GalleryEntries(SessionId, key).Single();
    }

    /// <summary>A RAW without preview (the GoPro GPR): an entry with no picture whose original is kept locally.</summary>
    public GalleryEntry AddRawWithoutPicture()
    {
        const string key = "100RAW/GOPR8508";
        const string cardPath = "DCIM/100RAW/GOPR8508.GPR";
        var bytes = File.ReadAllBytes(Fixtures.File("raw", cardPath));
        WriteFile("originals/" + cardPath, bytes);
        Database.AddSessionFiles(SessionId, [new SessionFileRecord(cardPath, key, MediaKind.Raw, bytes.Length, 0, new string('7', 64), FileState.Copied)]);
        Database.RecordDerived(SessionId, key, GalleryEntryKind.Photo, new DeriveOutcome { SourceCardPath = cardPath });
        return Database.GalleryEntries(SessionId, key).Single();
    }

    /// <summary>share.zip as the local gallery writes it (entries share/&lt;relpath&gt;), padded with incompressible data to <paramref name="minimumBytes"/>.</summary>
    public byte[] WriteShareZip(long minimumBytes = 0)
    {
        using (var zip = ZipFile.Open(Layout.ShareZip, ZipArchiveMode.Create))
        {
            foreach (var file in Directory.EnumerateFiles(Layout.ShareDir, "*", SearchOption.AllDirectories))
            {
                zip.CreateEntryFromFile(file, "share/" + Path.GetRelativePath(Layout.ShareDir, file).Replace('\\', '/'), CompressionLevel.NoCompression);
            }

            if (minimumBytes > 0)
            {
                var filler = new byte[minimumBytes];
                new Random(42).NextBytes(filler);
                using var stream = zip.CreateEntry("share/zz-filler.bin", CompressionLevel.NoCompression).Open();
                stream.Write(filler);
            }
        }

        return File.ReadAllBytes(Layout.ShareZip);
    }

    public byte[] LocalBytes(string sessionRelativePath) => File.ReadAllBytes(Layout.FullPath(sessionRelativePath));

    private void WriteFile(string sessionRelativePath, byte[] bytes)
    {
        var path = Layout.FullPath(sessionRelativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var publisher in _publishers)
        {
            publisher.Dispose();
        }

        await Status.DisposeAsync();
        Database.Dispose();
        _logging.Dispose();
        _temp.Dispose();
    }
}

/// <summary>Remembers every status document written (the display would draw each).</summary>
public sealed class RecordingStatusSink : IStatusSink
{
    private readonly List<StatusDocument> _written = [];

    public IReadOnlyList<StatusDocument> Written
    {
        get
        {
            lock (_written)
            {
                return [.. _written];
            }
        }
    }

    public void Write(StatusDocument status)
    {
        lock (_written)
        {
            _written.Add(status);
        }
    }
}
