using System.IO.Compression;
using GhostRoll.Pipeline;
using GhostRoll.Storage;
using Microsoft.Extensions.Logging;

namespace GhostRoll.Gallery.Local;

/// <summary>
/// "Download all": <c>share.zip</c> with the share JPEGs of a session as <c>share/&lt;relpath&gt;</c>
/// (<c>share/100CANON/IMG_0001.jpg</c>), the original tool's layout. Stored, not deflated: JPEG does not compress
/// further, and storing keeps the Pi's CPU for imaging. Written atomically; left alone when it already holds
/// exactly these files (a resumed run that added nothing does not rewrite a gigabyte).
/// </summary>
public static class ShareZip
{
    public const string SharePrefix = "derived/share/";

    /// <summary>The zip's entries for these gallery entries: (entry name, session-relative source path).</summary>
    public static IReadOnlyList<(string EntryName, string SourcePath)> Plan(IEnumerable<GalleryEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return [.. entries
            .Where(e => e.Kind == GalleryEntryKind.Photo && e.Share is not null && e.Share.Path.StartsWith(SharePrefix, StringComparison.Ordinal))
            .Select(e => ("share/" + e.Share!.Path[SharePrefix.Length..], e.Share.Path))
            .DistinctBy(p => p.Item1, StringComparer.Ordinal)];
    }

    /// <summary>Writes (or keeps) <paramref name="zipPath"/>; returns its size, or null when there is nothing to zip.</summary>
    public static long? Write(string zipPath, string sessionRoot, IEnumerable<GalleryEntry> entries, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(logger);
        var plan = new List<(string EntryName, FileInfo Source)>();
        foreach (var (name, relative) in Plan(entries))
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

            plan.Add((name, info));
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
            foreach (var (name, source) in plan)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var entry = zip.CreateEntry(name, CompressionLevel.NoCompression);
                entry.LastWriteTime = source.LastWriteTime;
                using var input = new FileStream(source.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
                using var output = entry.Open();
                input.CopyTo(output, 1 << 16);
            }
        });
        var size = new FileInfo(zipPath).Length;
        logger.ShareZipWritten(plan.Count, size / 1e6);
        return size;
    }

    private static bool AlreadyHolds(string zipPath, List<(string EntryName, FileInfo Source)> plan)
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

            // Same names, sizes and modification times (zip keeps 2-second DOS precision): a re-derived image
            // gets a new mtime, so a changed picture is never missed.
            var have = zip.Entries.ToDictionary(e => e.FullName, StringComparer.Ordinal);
            return plan.All(p => have.TryGetValue(p.EntryName, out var entry) && entry.Length == p.Source.Length
                && (entry.LastWriteTime.DateTime - p.Source.LastWriteTime).Duration() <= TimeSpan.FromSeconds(2));
        }
        catch (InvalidDataException)
        {
            return false; // a damaged zip is simply rewritten
        }
    }
}
