using System.IO.Compression;
using GhostRoll.Pipeline;
using GhostRoll.Storage;
using Microsoft.Extensions.Logging;

namespace GhostRoll.Gallery.Local;

/// <summary>
/// "Download all": <c>share.zip</c> with the share JPEGs of a session, flat and in gallery order (capture time), each
/// entry dated when the photo was taken (the zip's DOS time is local wall-clock time, exactly what the camera
/// recorded), so unzipped photos sort and file by their day, as the EXIF inside them says too. Photos only
/// (<see cref="IncludesClips"/>): clips are downloaded one by one, and the manifest's download_all says
/// <c>photos_only</c> so the page's button says "Download all photos". Stored, not deflated: JPEG does not
/// compress further, and storing keeps the Pi's CPU for imaging. Written atomically; left alone when it already
/// holds exactly these files (a resumed run that added nothing does not rewrite a gigabyte).
/// </summary>
public static class ShareZip
{
    public const string SharePrefix = "derived/share/";

    /// <summary>
    /// Clips stay out of the zip: a phone card's clips are gigabytes (4K at ~45 MB a minute) against a few MB of
    /// share images, the zip would hold every clip twice on the appliance's disk, upload it again in full, and one
    /// wanted photo would cost a download of every video. Each clip keeps its own download button.
    /// </summary>
    public const bool IncludesClips = false;

    /// <summary>
    /// The file name "Download all" saves as: the gallery's title (<c>21–23 Jun 2026</c> → <c>21-23 Jun 2026.zip</c>),
    /// reduced to characters every file system and a Content-Disposition header accept (ASCII, none of
    /// <c>&lt;&gt;:"/\|?*</c>), at most 80 characters; <c>photos.zip</c> when nothing is left.
    /// </summary>
    public static string FileNameFor(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        var text = new System.Text.StringBuilder(title.Length);
        foreach (var c in title)
        {
            var mapped = c switch
            {
                '\u2013' or '\u2014' or '\u00b7' or '/' or '\\' or ':' or '|' => '-',
                _ when char.IsAsciiLetterOrDigit(c) || c is ' ' or '-' or '_' or '.' or ',' or '(' or ')' or '\'' or '+' or '&' => c,
                _ when char.IsWhiteSpace(c) => ' ',
                _ => '_',
            };
            if (!(mapped == ' ' && (text.Length == 0 || text[^1] == ' ')))
            {
                text.Append(mapped);
            }
        }

        var name = text.ToString().Trim(' ', '.', '-');
        name = name.Replace(" - ", "-", StringComparison.Ordinal); // "30 Jun - 2 Jul" as "30 Jun-2 Jul", like "21-23 Jun"
        if (name.Length > 80)
        {
            name = name[..80].TrimEnd(' ', '.');
        }

        return name.Length == 0 ? "photos.zip" : name + ".zip";
    }

    /// <summary>Zip's DOS timestamps cover 1980-2107; a capture time outside (a camera with an unset clock) is not used.</summary>
    private static readonly DateTime DosEpoch = new(1980, 1, 1, 0, 0, 2), DosEnd = new(2107, 12, 31, 23, 59, 58);

    /// <summary>
    /// The zip's entries for these gallery entries, in gallery order: (entry name, session-relative source path,
    /// capture time). Names are the share files' own (<c>IMG_0001.jpg</c>); two cameras' folders with the same name
    /// (100CANON/IMG_0001, 101CANON/IMG_0001) get the folder appended to the later one (<c>IMG_0001 (101CANON).jpg</c>).
    /// </summary>
    public static IReadOnlyList<(string EntryName, string SourcePath, DateTime? Taken)> Plan(IEnumerable<GalleryEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var photos = entries
            .Where(e => e.Kind == GalleryEntryKind.Photo && e.Share is not null && e.Share.Path.StartsWith(SharePrefix, StringComparison.Ordinal))
            .DistinctBy(e => e.Share!.Path, StringComparer.Ordinal)
            .ToList();
        photos.Sort(GalleryEntry.Compare);
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase); // unzipped on FAT/exFAT/NTFS/APFS: case-blind
        var plan = new List<(string, string, DateTime?)>(photos.Count);
        foreach (var e in photos)
        {
            var path = e.Share!.Path;
            var name = path[(path.LastIndexOf('/') + 1)..];
            if (!used.Add(name))
            {
                var folder = path[SharePrefix.Length..path.LastIndexOf('/')].Replace('/', ' ');
                var stem = Path.GetFileNameWithoutExtension(name);
                name = $"{stem} ({folder}){Path.GetExtension(name)}";
                for (var n = 2; !used.Add(name); n++)
                {
                    name = $"{stem} ({folder} {n}){Path.GetExtension(path)}";
                }
            }

            var taken = e.CapturedLocal is { } t && t >= DosEpoch && t <= DosEnd ? t : (DateTime?)null;
            plan.Add((name, path, taken));
        }

        return plan;
    }

    /// <summary>Writes (or keeps) <paramref name="zipPath"/>; returns its size, or null when there is nothing to zip.</summary>
    public static long? Write(string zipPath, string sessionRoot, IEnumerable<GalleryEntry> entries, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(logger);
        var plan = new List<(string EntryName, FileInfo Source, DateTime Time)>();
        foreach (var (name, relative, taken) in Plan(entries))
        {
            var info = new FileInfo(Path.Combine(sessionRoot, relative.Replace('/', Path.DirectorySeparatorChar)));
            // A linked file (a session moved with symlinks, or tests) counts by its target's size and time.
            if (info.LinkTarget is not null)
            {
                info = info.ResolveLinkTarget(returnFinalTarget: true) as FileInfo ?? info;
            }

            if (!info.Exists)
            {
                logger.ShareImageMissing(relative);
                continue;
            }

            plan.Add((name, info, taken ?? info.LastWriteTime));
        }

        if (plan.Count == 0)
        {
            return null;
        }

        if (AlreadyHolds(zipPath, plan))
        {
            logger.ShareZipCurrent(plan.Count);
            return new FileInfo(zipPath).Length;
        }

        AtomicFile.Write(zipPath, stream =>
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
            foreach (var (name, source, time) in plan)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var entry = zip.CreateEntry(name, CompressionLevel.NoCompression);
                entry.LastWriteTime = new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Unspecified), TimeZoneInfo.Local.GetUtcOffset(time));
                entry.Comment = SourceStamp(source);
                using var input = new FileStream(source.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
                using var output = entry.Open();
                input.CopyTo(output, 1 << 16);
            }
        });
        var size = new FileInfo(zipPath).Length;
        logger.ShareZipWritten(plan.Count, size / 1e6);
        return size;
    }

    private static bool AlreadyHolds(string zipPath, List<(string EntryName, FileInfo Source, DateTime Time)> plan)
    {
        if (!File.Exists(zipPath))
        {
            return false;
        }

        try
        {
            using var zip = ZipFile.OpenRead(zipPath);
            if (zip.Entries.Count != plan.Count)
            {
                return false;
            }

            // Same names, order, sizes, times (zip keeps 2-second DOS precision) and the source's exact modification
            // time, kept in each entry's comment: a re-derived image gets a new mtime, so a changed picture is never missed.
            return plan.Select(p => p.EntryName).SequenceEqual(zip.Entries.Select(e => e.FullName), StringComparer.Ordinal)
                && plan.Zip(zip.Entries).All(p => p.Second.Length == p.First.Source.Length
                    && (p.Second.LastWriteTime.DateTime - p.First.Time).Duration() <= TimeSpan.FromSeconds(2)
                    && p.Second.Comment == SourceStamp(p.First.Source));
        }
        catch (InvalidDataException)
        {
            return false; // a damaged zip is simply rewritten
        }
    }

    /// <summary>The share file's modification time, to the tick (what <see cref="AlreadyHolds"/> compares).</summary>
    private static string SourceStamp(FileInfo source) =>
        source.LastWriteTimeUtc.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
