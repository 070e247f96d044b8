namespace GhostRoll.Appliance.Cards;

/// <summary>One line of <c>/proc/self/mountinfo</c>.</summary>
/// <param name="MajorMinor">Device number of the mounted file system (<c>8:17</c>): matches sysfs <c>dev</c>.</param>
public sealed record MountEntry(string MajorMinor, string MountPoint, string Options, string FileSystemType, string Source)
{
    public bool ReadOnly => Options.Split(',').Contains("ro", StringComparer.Ordinal);
}

/// <summary>
/// Parses <c>/proc/self/mountinfo</c> (proc(5), "/proc/pid/mountinfo"): mount id, parent id, major:minor,
/// root, mount point, options, optional fields up to a lone <c>-</c>, then type, source and super options.
/// Paths escape space, tab, newline and backslash as octal (<c>\040</c>).
/// </summary>
public static class MountTable
{
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
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split(' ');
            var separator = fields.Length < 10 ? -1 : Array.IndexOf(fields, "-", 6);
            if (separator < 0 || separator + 2 >= fields.Length)
            {
                continue; // not a line we understand; never fail the caller over it
            }

            entries.Add(new MountEntry(fields[2], Unescape(fields[4]), fields[5], fields[separator + 1], Unescape(fields[separator + 2])));
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

    private static string Unescape(string field) => EscapedText.DecodeOctal(field);
}
