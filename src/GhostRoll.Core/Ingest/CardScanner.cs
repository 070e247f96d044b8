using System.Text;
using System.Text.Unicode;
using GhostRoll.Media;
using GhostRoll.Sessions;

namespace GhostRoll.Ingest;

/// <summary>A camera file found on the card.</summary>
/// <param name="CardPath">
/// Card-relative, '/'-separated, as on the card: <c>DCIM/100CANON/IMG_0001.JPG</c>; a name that is not UTF-8 is in
/// the reversible text of <see cref="CardNames"/> (<c>DCIM/100HOST/caf%E9.JPG</c>).
/// </param>
/// <param name="FullPath">The absolute path; it names the file only when <see cref="NativePath"/> is null.</param>
public sealed record CardFile(string CardPath, string FullPath, long SizeBytes, long MtimeNs, MediaKind Kind)
{
    public string GroupKey => SessionLayout.GroupKeyOf(CardPath);

    /// <summary>
    /// The absolute path as the card's bytes when some part of it is not UTF-8 (or is text that looks escaped), so
    /// <see cref="FullPath"/> cannot name it; null otherwise. <see cref="ICardFileSource.OpenRead(CardFile)"/> opens it.
    /// </summary>
    public byte[]? NativePath { get; init; }
}

/// <summary>Something the scanner left alone, and why (reported, never copied, never touched).</summary>
internal sealed record IgnoredEntry(string CardPath, string Reason);

/// <summary>Result of scanning a card.</summary>
internal sealed record CardScan(IReadOnlyList<CardFile> Files, IReadOnlyList<IgnoredEntry> Ignored)
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
/// that are not camera media. Reads folders as bytes (<see cref="CardDirectory"/>), so a name that is not UTF-8 is
/// found and keyed by its <see cref="CardNames"/> text. Only reads directory entries and metadata: never opens a
/// file, never writes.
/// </summary>
internal static class CardScanner
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
            Walk(() => CardDirectory.Open(dir.FullName), dir.FullName, Encoding.UTF8.GetBytes(dir.FullName), plain: true, dir.Name, isDcim, files, ignored);
        }

        files.Sort((a, b) => string.CompareOrdinal(a.CardPath, b.CardPath));
        return new CardScan(files, ignored);
    }

    /// <param name="open">Opens the folder (relative to its open parent, so a name that is not UTF-8 works).</param>
    /// <param name="plain">True when <paramref name="directory"/> names the folder (every part of it is UTF-8).</param>
    private static void Walk(Func<CardDirectory> open, string directory, byte[] nativeDirectory, bool plain, string cardPath, bool inDcim, List<CardFile> files, List<IgnoredEntry> ignored)
    {
        CardDirectory folder;
        List<(byte[] Name, string Text)> entries;
        try
        {
            folder = open();
        }
        catch (IOException)
        {
            ignored.Add(new IgnoredEntry(cardPath, ReasonUnreadable));
            return;
        }

        using (folder)
        {
            try
            {
                entries = [.. folder.ReadNames().Select(n => (n, CardNames.ToText(n))).OrderBy(e => e.Item2, StringComparer.Ordinal)];
            }
            catch (IOException)
            {
                ignored.Add(new IgnoredEntry(cardPath, ReasonUnreadable));
                return;
            }

            foreach (var (name, text) in entries)
            {
                Visit(folder, name, text);
            }
        }

        void Visit(CardDirectory parent, byte[] name, string text)
        {
            var path = $"{cardPath}/{text}";
            if (text.StartsWith('.') || SystemFolders.Contains(text))
            {
                ignored.Add(new IgnoredEntry(path, ReasonHidden));
                return;
            }

            FileStatus status;
            try
            {
                status = FileStatus.At(parent.Fd, name, path);
            }
            catch (IOException)
            {
                ignored.Add(new IgnoredEntry(path, ReasonUnreadable));
                return;
            }

            // The text names the entry only when it is the name's UTF-8; otherwise the bytes are carried along.
            var entryPlain = plain && !CardNames.IsEscaped(text) && Utf8.IsValid(name);
            var fullPath = $"{directory}/{text}";
            byte[] nativePath = [.. nativeDirectory, (byte)'/', .. name];
            switch (status.Type)
            {
                case FileType.Directory:
                    Walk(() => parent.OpenChild(name, path), fullPath, nativePath, entryPlain, path, inDcim, files, ignored);
                    break;
                case FileType.Symlink:
                    ignored.Add(new IgnoredEntry(path, ReasonSymlink));
                    break;
                case FileType.Other:
                    ignored.Add(new IgnoredEntry(path, ReasonSpecial));
                    break;
                default:
                    var kind = MediaClassifier.Classify(text);
                    // Outside DCIM only clips and photos count: PRIVATE/ and AVCHD/ also hold clip metadata
                    // (XML, CPI, BDM) that belongs to the camera, not to the photographer.
                    if (kind == MediaKind.Unknown || (!inDcim && kind == MediaKind.Sidecar))
                    {
                        ignored.Add(new IgnoredEntry(path, ReasonNotMedia));
                    }
                    else
                    {
                        files.Add(new CardFile(path, fullPath, status.SizeBytes, status.MtimeNs, kind) { NativePath = entryPlain ? null : nativePath });
                    }

                    break;
            }
        }
    }
}
