using System.Globalization;

namespace GhostRoll.Ingest;

/// <summary>One line of <c>/proc/self/mountinfo</c>.</summary>
/// <param name="Major">Major number of the mounted file system's device (sysfs <c>dev</c>, stat's st_dev).</param>
/// <param name="Minor">Minor number of the mounted file system's device.</param>
/// <param name="Root">The folder of the file system that is mounted (<c>/</c> unless a bind mount of a subfolder).</param>
/// <param name="MountPoint">Where it is mounted, unescaped.</param>
/// <param name="Options">Per-mount options (<c>ro,nosuid,...</c>).</param>
/// <param name="FileSystemType">File system type (<c>vfat</c>, <c>exfat</c>, <c>ext4</c>).</param>
/// <param name="Source">Mount source, unescaped (<c>/dev/sdb1</c>).</param>
public sealed record MountEntry(uint Major, uint Minor, string Root, string MountPoint, string Options, string FileSystemType, string Source)
{
    /// <summary>Device number as sysfs <c>dev</c> and mountinfo write it (<c>8:17</c>).</summary>
    public string MajorMinor => string.Create(CultureInfo.InvariantCulture, $"{Major}:{Minor}");

    public bool ReadOnly => Options.Split(',').Contains("ro", StringComparer.Ordinal);
}

/// <summary>
/// Parses <c>/proc/self/mountinfo</c> (proc(5), "/proc/pid/mountinfo"): mount id, parent id, major:minor,
/// root, mount point, options, optional fields up to a lone <c>-</c>, then type, source and super options.
/// Paths escape space, tab, newline and backslash as octal (<c>\040</c>). The one reader of the mount table,
/// for the pipeline's <see cref="VolumeInfo"/> and the appliance's card handling.
/// </summary>
public static class MountTable
{
    public const string SelfPath = "/proc/self/mountinfo";

    /// <summary>The entries of a mount table file; empty when it cannot be read.</summary>
    public static List<MountEntry> Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }

        return Parse(text);
    }

    public static List<MountEntry> Parse(string text)
    {
        var entries = new List<MountEntry>();
        // Lines end in '\n' only: a '\r' is not escaped by the kernel and may be part of a path.
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            // 36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue   (proc(5))
            var fields = line.Split(' ');
            var separator = fields.Length < 10 ? -1 : Array.IndexOf(fields, "-", 6);
            if (separator < 0 || separator + 2 >= fields.Length || !TryParseDevice(fields[2], out var major, out var minor))
            {
                continue; // not a line we understand; never fail the caller over it
            }

            entries.Add(new MountEntry(
                major,
                minor,
                Root: EscapedText.DecodeOctal(fields[3]),
                MountPoint: EscapedText.DecodeOctal(fields[4]),
                Options: fields[5],
                FileSystemType: fields[separator + 1],
                Source: EscapedText.DecodeOctal(fields[separator + 2])));
        }

        return entries;
    }

    /// <summary>The mount of a device (by major:minor), the most recent one if it is mounted more than once.</summary>
    public static MountEntry? FindDevice(IEnumerable<MountEntry> entries, string majorMinor) =>
        entries.LastOrDefault(e => e.MajorMinor == majorMinor);

    /// <summary>True when <paramref name="path"/> is itself a mount point.</summary>
    public static bool IsMountPoint(IEnumerable<MountEntry> entries, string path)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        return entries.Any(e => e.MountPoint == full);
    }

    private static bool TryParseDevice(string field, out uint major, out uint minor)
    {
        major = minor = 0;
        var parts = field.Split(':');
        return parts.Length == 2
            && uint.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out major)
            && uint.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out minor);
    }
}
