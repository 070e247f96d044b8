using GhostRoll.Media;
using GhostRoll.Sessions;

namespace GhostRoll.Ingest;

/// <summary>A camera file found on the card.</summary>
/// <param name="CardPath">Card-relative, '/'-separated, as on the card: <c>DCIM/100CANON/IMG_0001.JPG</c>.</param>
public sealed record CardFile(string CardPath, string FullPath, long SizeBytes, long MtimeNs, MediaKind Kind)
{
    public string GroupKey => SessionLayout.GroupKeyOf(CardPath);
}

/// <summary>Something the scanner left alone, and why (reported, never copied, never touched).</summary>
public sealed record IgnoredEntry(string CardPath, string Reason);

/// <summary>Result of scanning a card.</summary>
public sealed record CardScan(IReadOnlyList<CardFile> Files, IReadOnlyList<IgnoredEntry> Ignored)
{
    /// <summary>Ignored entries counted by reason, for the log: "3 hidden, 1 symlink, 12 not camera media (.CTG, .XML)".</summary>
    public string IgnoredSummary()
    {
        if (Ignored.Count == 0)
        {
            return "nothing";
        }

        return string.Join(", ", Ignored.GroupBy(i => i.Reason).OrderByDescending(g => g.Count()).Select(g => $"{g.Count()} {g.Key}"));
    }
}

/// <summary>
/// Finds camera files on a mounted card: everything under <c>DCIM/</c> (DCF folders such as <c>100CANON</c>,
/// <c>100_PANA</c>, phone-style <c>DCIM/Camera</c>), and clips cameras keep outside DCIM (Sony/Panasonic
/// <c>PRIVATE/</c> trees, <c>AVCHD/</c>, <c>MP_ROOT/</c>, <c>M4ROOT/</c>). Skips hidden entries (including
/// AppleDouble <c>._*</c> files and <c>.Trashes</c>), symlinks, anything that is not a regular file, and files
/// that are not camera media. Only reads directory entries and metadata: never opens a file, never writes.
/// </summary>
public static class CardScanner
{
    /// <summary>Top-level folders that hold camera media, matched case-insensitively (FAT is case-insensitive).</summary>
    public static readonly IReadOnlyList<string> MediaRoots = ["DCIM", "PRIVATE", "AVCHD", "MP_ROOT", "M4ROOT"];

    // Windows and macOS system folders that appear on cards used with computers.
    private static readonly HashSet<string> SystemFolders = new(StringComparer.OrdinalIgnoreCase) { "System Volume Information", "$RECYCLE.BIN", "RECYCLER", "LOST.DIR" };

    public const string ReasonHidden = "hidden";
    public const string ReasonSymlink = "symlinks";
    public const string ReasonSpecial = "not regular files";
    public const string ReasonNotMedia = "not camera media";
    public const string ReasonUnreadable = "unreadable";

    /// <summary>Scans a card. Throws <see cref="DirectoryNotFoundException"/> when no media folder exists at all.</summary>
    public static CardScan Scan(string volumeRoot)
    {
        var root = Path.GetFullPath(volumeRoot);
        var files = new List<CardFile>();
        var ignored = new List<IgnoredEntry>();
        var roots = new DirectoryInfo(root).EnumerateDirectories()
            .Where(d => MediaRoots.Contains(d.Name, StringComparer.OrdinalIgnoreCase))
            .OrderBy(d => d.Name, StringComparer.Ordinal)
            .ToList();
        if (roots.Count == 0)
        {
            throw new DirectoryNotFoundException($"{root} has no DCIM folder");
        }

        foreach (var dir in roots)
        {
            var isDcim = dir.Name.Equals("DCIM", StringComparison.OrdinalIgnoreCase);
            Walk(dir.FullName, dir.Name, isDcim, files, ignored);
        }

        files.Sort((a, b) => string.CompareOrdinal(a.CardPath, b.CardPath));
        return new CardScan(files, ignored);
    }

    private static void Walk(string directory, string cardPath, bool inDcim, List<CardFile> files, List<IgnoredEntry> ignored)
    {
        IEnumerable<FileSystemInfo> entries;
        try
        {
            entries = new DirectoryInfo(directory).EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            ignored.Add(new IgnoredEntry(cardPath, ReasonUnreadable));
            return;
        }

        foreach (var entry in entries)
        {
            var path = $"{cardPath}/{entry.Name}";
            if (entry.Name.StartsWith('.') || SystemFolders.Contains(entry.Name))
            {
                ignored.Add(new IgnoredEntry(path, ReasonHidden));
                continue;
            }

            FileStatus status;
            try
            {
                status = FileStatus.Of(entry.FullName);
            }
            catch (IOException)
            {
                ignored.Add(new IgnoredEntry(path, ReasonUnreadable));
                continue;
            }

            switch (status.Type)
            {
                case FileType.Directory:
                    Walk(entry.FullName, path, inDcim, files, ignored);
                    break;
                case FileType.Symlink:
                    ignored.Add(new IgnoredEntry(path, ReasonSymlink));
                    break;
                case FileType.Other:
                    ignored.Add(new IgnoredEntry(path, ReasonSpecial));
                    break;
                default:
                    var kind = MediaClassifier.Classify(entry.Name);
                    // Outside DCIM only clips and photos count: PRIVATE/ and AVCHD/ also hold clip metadata
                    // (XML, CPI, BDM) that belongs to the camera, not to the photographer.
                    if (kind == MediaKind.Unknown || (!inDcim && kind == MediaKind.Sidecar))
                    {
                        ignored.Add(new IgnoredEntry(path, ReasonNotMedia));
                    }
                    else
                    {
                        files.Add(new CardFile(path, entry.FullName, status.SizeBytes, status.MtimeNs, kind));
                    }

                    break;
            }
        }
    }
}
