using System.Globalization;

namespace GhostRoll.Cli.Hosting;

/// <summary>
/// Where a share link may be printed. The link carries the signature that opens the gallery, so it goes to the
/// person at the terminal, never to a log. Under systemd (ghostroll-publish.timer) stdout is the journal: there the
/// line says where the link is instead.
/// </summary>
internal static class ShareLinkOutput
{
    /// <summary>The "link" line for a session: the link itself, or where to find it when stdout is the journal.</summary>
    public static string Line(string url, string? sessionDir) => StdoutIsJournal()
        ? $"link     in {(sessionDir is null ? "the session's share.txt" : Path.Combine(sessionDir, "share.txt"))} (not written to the journal: it opens the gallery)"
        : $"link     {url}";

    /// <summary>
    /// True when stdout is connected to the journal. systemd sets JOURNAL_STREAM to "device:inode" of that stream
    /// (systemd.exec(5)); the variable is inherited by children whose stdout goes elsewhere, so the inode is compared
    /// with the one stdout really has (/proc/self/fd/1 reads "socket:[inode]").
    /// </summary>
    public static bool StdoutIsJournal()
    {
        var stream = Environment.GetEnvironmentVariable("JOURNAL_STREAM");
        var colon = stream?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (colon < 0 || !ulong.TryParse(stream.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var inode))
        {
            return false;
        }

        try
        {
            var target = new FileInfo("/proc/self/fd/1").LinkTarget ?? "";
            var open = target.IndexOf('[', StringComparison.Ordinal);
            return open >= 0 && target.EndsWith(']')
                && ulong.TryParse(target.AsSpan(open + 1, target.Length - open - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var actual)
                && actual == inode;
        }
        catch (IOException)
        {
            return true; // cannot tell: treat stdout as a log
        }
    }
}
