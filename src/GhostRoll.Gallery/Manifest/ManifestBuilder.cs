using System.Globalization;
using GhostRoll.Media;
using GhostRoll.Pipeline;
using GhostRoll.Sessions;

namespace GhostRoll.Gallery.Manifest;

/// <summary>
/// Turns a session's gallery entries into <see cref="GalleryManifest"/>. The same mapping serves the local gallery
/// (<see cref="RelativeUrl"/>) and the S3 gallery (a function returning presigned URLs): only <c>urlFor</c> differs.
/// </summary>
public static class ManifestBuilder
{
    /// <param name="sessionId">The session (<c>shoot-2020-02-18_085553_000000</c>).</param>
    /// <param name="title">Heading of the page; <see cref="DefaultTitle"/> makes one from the session id.</param>
    /// <param name="entries">Ready entries, in any order: the manifest sorts them (capture time, then key).</param>
    /// <param name="expected">Items the session will have when complete (never shown below the ready count).</param>
    /// <param name="complete">No more items will come: the page stops polling and says so.</param>
    /// <param name="urlFor">
    /// Maps a session-relative path (<c>derived/thumbs/100CANON/IMG_0001.jpg</c>) to its URL, or null when that file is
    /// not published (e.g. a clip over the upload limit, or not uploaded yet): the item then goes without it.
    /// </param>
    /// <param name="downloadAll">share.zip, once it exists.</param>
    /// <param name="expiresUtc">When presigned URLs stop working (S3 only).</param>
    /// <param name="updatedUnix">Timestamp written into the manifest; now when omitted.</param>
    /// <param name="photographer">"Photos by …" under the title (PHOTOGRAPHER), or null.</param>
    /// <param name="parallelism">
    /// Items mapped at once (S3: PRESIGN_WORKERS, since each item's links are signed inside <paramref name="urlFor"/>,
    /// which must then be thread-safe). The order of the items does not depend on it.
    /// </param>
    public static GalleryManifest Build(
        string sessionId,
        string title,
        IEnumerable<GalleryEntry> entries,
        int expected,
        bool complete,
        Func<string, string?> urlFor,
        ManifestFile? downloadAll = null,
        DateTimeOffset? expiresUtc = null,
        long? updatedUnix = null,
        int parallelism = 1,
        string? photographer = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(urlFor);
        var ordered = entries.ToList();
        ordered.Sort(GalleryEntry.Compare); // List.Sort is unstable, but Compare ends on the unique key.
        var items = ItemsFor(ordered, urlFor, parallelism);
        return new GalleryManifest
        {
            SessionId = sessionId,
            Title = title,
            Photographer = string.IsNullOrWhiteSpace(photographer) ? null : photographer.Trim(),
            Complete = complete,
            Expected = Math.Max(expected, items.Count),
            UpdatedUnix = updatedUnix ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ExpiresUtc = expiresUtc?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            // The zip is named after the gallery and says what it holds, whichever publisher made the link.
            DownloadAll = downloadAll is null ? null : downloadAll with
            {
                Type = downloadAll.Type ?? "application/zip",
                Name = downloadAll.Name ?? Local.ShareZip.FileNameFor(title),
                PhotosOnly = !Local.ShareZip.IncludesClips,
            },
            Items = items,
        };
    }

    /// <summary>
    /// <see cref="ItemFor"/> of each entry, in order, <paramref name="parallelism"/> entries at once. Dedicated threads
    /// rather than the thread pool: a busy pool (uploads, hashing) would otherwise decide how many run at once. The
    /// calling thread is one of the workers.
    /// </summary>
    private static List<ManifestItem> ItemsFor(List<GalleryEntry> ordered, Func<string, string?> urlFor, int parallelism)
    {
        var items = new ManifestItem[ordered.Count];
        var next = -1;
        void Drain()
        {
            for (var i = Interlocked.Increment(ref next); i < items.Length; i = Interlocked.Increment(ref next))
            {
                items[i] = ItemFor(ordered[i], urlFor);
            }
        }

        var helpers = new Task[Math.Clamp(parallelism, 1, Math.Max(1, items.Length)) - 1];
        for (var i = 0; i < helpers.Length; i++)
        {
            helpers[i] = Task.Factory.StartNew(Drain, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }

        try
        {
            Drain();
        }
        finally
        {
            try
            {
                Task.WaitAll(helpers);
            }
            catch (AggregateException e) when (e.InnerExceptions.Count > 0)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
            }
        }

        return [.. items];
    }

    /// <summary>One tile. Carries names, capture time and camera only: never GPS or other metadata.</summary>
    public static ManifestItem ItemFor(GalleryEntry entry, Func<string, string?> urlFor)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(urlFor);
        ManifestImage? Image(string variant) =>
            entry.Find(variant) is { } v && urlFor(v.Path) is { } url ? new ManifestImage(url, v.Width, v.Height, v.Bytes) : null;

        var share = Image(VariantNames.Share);
        var thumb = Image(VariantNames.Thumb);
        var size = share ?? thumb;
        var isVideo = entry.Kind == GalleryEntryKind.Video;
        return new ManifestItem
        {
            Id = entry.Key,
            Name = entry.Name,
            Kind = isVideo ? "video" : "photo",
            Taken = Taken(entry.CapturedLocal, entry.CapturedOffset),
            Camera = entry.Camera,
            Width = size?.Width ?? 0,
            Height = size?.Height ?? 0,
            Thumb = thumb,
            Share = share,
            ThumbWebp = Image(VariantNames.ThumbWebp),
            ShareWebp = Image(VariantNames.ShareWebp),
            // Where the enhancer would put its version of the share image. It usually does not exist yet: the
            // page probes it and offers the Original/Enhanced toggle only once one does (reference defect 5).
            Enhanced = !isVideo && share is not null ? urlFor(EnhancedPath(entry.Key)) : null,
            Video = isVideo && entry.VideoPath is { } clip && urlFor(clip) is { } clipUrl ? new ManifestFile(clipUrl, entry.VideoBytes ?? 0, entry.VideoType) : null,
            DurationSeconds = entry.Duration is { } d ? Math.Round(d.TotalSeconds, 2) : null,
            Motion = !isVideo && entry.MotionPath is { } motion && urlFor(motion) is { } motionUrl ? new ManifestFile(motionUrl, entry.MotionBytes ?? 0, entry.MotionType) : null,
            Original = share is null && thumb is null && entry.OriginalPath is { } original && urlFor(original) is { } originalUrl ? new ManifestFile(originalUrl, entry.OriginalBytes ?? 0) : null,
            Error = entry.Error,
        };
    }

    /// <summary>Session-relative path of an entry's enhanced image: <c>derived/enhanced/100CANON/IMG_0001.jpg</c>.</summary>
    public static string EnhancedPath(string groupKey) => SessionLayout.DerivativeRelativePath("enhanced", groupKey, ".jpg");

    /// <summary>
    /// The local gallery's link to a session-relative file: each segment percent-encoded, so a card file called
    /// <c>#1 ?.jpg</c> or <c>a%20b.jpg</c> links to itself and not to a fragment, a query or another file.
    /// </summary>
    public static string RelativeUrl(string sessionRelativePath)
    {
        ArgumentNullException.ThrowIfNull(sessionRelativePath);
        return string.Join('/', sessionRelativePath.Split('/').Select(Uri.EscapeDataString));
    }

    /// <summary>
    /// The heading of a gallery: GALLERY_TITLE when set, else when the photos were taken ("21 Jun 2026",
    /// "21–23 Jun 2026", "30 Jun – 2 Jul 2026", "30 Dec 2025 – 2 Jan 2026"), else (no capture times yet) the
    /// session's start (<see cref="DefaultTitle"/>). What people recognise a shoot by is its day, not its import.
    /// </summary>
    public static string TitleFor(string? configured, string sessionId, IEnumerable<GalleryEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured.Trim();
        }

        DateTime? first = null, last = null;
        foreach (var e in entries)
        {
            if (e.CapturedLocal is { } t)
            {
                first = first is null || t < first ? t : first;
                last = last is null || t > last ? t : last;
            }
        }

        return first is { } a && last is { } b ? DateRange(a.Date, b.Date) : DefaultTitle(sessionId);
    }

    /// <summary>A day or a span of days, written the short way: shared month and year appear once.</summary>
    public static string DateRange(DateTime first, DateTime last)
    {
        static string F(DateTime d, string format) => d.ToString(format, CultureInfo.InvariantCulture);
        return (first, last) switch
        {
            _ when first == last => F(first, "d MMM yyyy"),
            _ when first.Year == last.Year && first.Month == last.Month => $"{F(first, "%d")}\u2013{F(last, "d MMM yyyy")}",
            _ when first.Year == last.Year => $"{F(first, "d MMM")} \u2013 {F(last, "d MMM yyyy")}",
            _ => $"{F(first, "d MMM yyyy")} \u2013 {F(last, "d MMM yyyy")}",
        };
    }

    /// <summary>"Photos · 18 Feb 2020 08:55" from <c>shoot-2020-02-18_085553_…</c>; other ids are shown as they are.</summary>
    public static string DefaultTitle(string sessionId)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        return SessionId.IsValid(sessionId)
            && DateTime.TryParseExact(sessionId[6..23], "yyyy-MM-dd_HHmmss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var started)
            ? $"Photos \u00b7 {started.ToString("d MMM yyyy HH:mm", CultureInfo.InvariantCulture)}"
            : sessionId;
    }

    /// <summary>ISO 8601 local time as the camera recorded it, with its UTC offset when the camera wrote one.</summary>
    public static string? Taken(DateTime? local, TimeSpan? offset)
    {
        if (local is not { } time)
        {
            return null;
        }

        var text = time.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        if (offset is { } o)
        {
            text += (o < TimeSpan.Zero ? "-" : "+") + o.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);
        }

        return text;
    }
}
