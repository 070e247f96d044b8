using System.Globalization;
using System.Text;

namespace GhostRoll.Ingest;

/// <summary>
/// Where a card (or any import folder) lives: the mount that holds it, its filesystem, label and a stable
/// identity for the fingerprint fast path. Read from <c>/proc/self/mountinfo</c> and udev's
/// <c>/dev/disk/by-uuid</c>, <c>/dev/disk/by-label</c> links, never from the card itself.
/// </summary>
public sealed record VolumeInfo(string Id, string? Label, string MountPoint, string Source, string FileSystem, bool ReadOnly)
{
    /// <summary>
    /// Identifies the volume that contains <paramref name="root"/>. The id is <c>uuid:&lt;fs uuid&gt;</c> (FAT/exFAT volume
    /// serial, written by the camera when it formats the card), else <c>dev:&lt;source&gt;</c>, followed by the path of
    /// <paramref name="root"/> inside that filesystem when it is not the filesystem's root (import folders in tests).
    /// </summary>
    public static VolumeInfo Identify(string root, string mountInfoPath = "/proc/self/mountinfo", string diskDir = "/dev/disk")
    {
        var full = Path.GetFullPath(root).TrimEnd('/');
        if (full.Length == 0)
        {
            full = "/";
        }

        var status = FileStatus.Of(full);
        var mounts = ReadMountInfo(mountInfoPath);
        // The mount that holds the folder: same device, longest mount point that is a prefix of the path.
        var mount = mounts
            .Where(m => m.Major == status.DeviceMajor && m.Minor == status.DeviceMinor && IsUnder(full, m.MountPoint))
            .MaxBy(m => m.MountPoint.Length)
            ?? mounts.Where(m => IsUnder(full, m.MountPoint)).MaxBy(m => m.MountPoint.Length)
            ?? new MountEntry(status.DeviceMajor, status.DeviceMinor, "/", "/", "unknown", "unknown", "");

        var uuid = FindLink(Path.Combine(diskDir, "by-uuid"), mount.Source);
        var label = FindLink(Path.Combine(diskDir, "by-label"), mount.Source) is { } escaped ? UnescapeUdev(escaped) : null;
        var relative = full == mount.MountPoint ? "" : full[(mount.MountPoint == "/" ? 0 : mount.MountPoint.Length)..];
        var id = (uuid is not null ? "uuid:" + uuid : $"dev:{mount.Source}") + relative;
        var readOnly = mount.Options.Split(',').Contains("ro");
        return new VolumeInfo(id, label, mount.MountPoint, mount.Source, mount.FileSystem, readOnly);
    }

    internal sealed record MountEntry(uint Major, uint Minor, string MountPoint, string Source, string FileSystem, string Options, string Root = "/");

    internal static List<MountEntry> ReadMountInfo(string path)
    {
        var result = new List<MountEntry>();
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (IOException)
        {
            return result;
        }

        foreach (var line in lines)
        {
            // 36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue   (proc(5))
            var fields = line.Split(' ');
            var dash = Array.IndexOf(fields, "-");
            if (fields.Length < 10 || dash < 6 || dash + 2 >= fields.Length)
            {
                continue;
            }

            var devParts = fields[2].Split(':');
            if (devParts.Length != 2
                || !uint.TryParse(devParts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major)
                || !uint.TryParse(devParts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minor))
            {
                continue;
            }

            result.Add(new MountEntry(major, minor, UnescapeOctal(fields[4]), UnescapeOctal(fields[dash + 2]), fields[dash + 1], fields[5], UnescapeOctal(fields[3])));
        }

        return result;
    }

    /// <summary>Mount points are written with \040-style octal escapes for space, tab, newline and backslash.</summary>
    internal static string UnescapeOctal(string text)
    {
        if (!text.Contains('\\', StringComparison.Ordinal))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && IsOctal(text, i + 1, 3))
            {
                sb.Append((char)Convert.ToInt32(text.Substring(i + 1, 3), 8));
                i += 3;
            }
            else
            {
                sb.Append(text[i]);
            }
        }

        return sb.ToString();
    }

    /// <summary>udev escapes unsafe label characters as \xHH (e.g. "auto-import\x201" for "auto-import 1").</summary>
    internal static string UnescapeUdev(string text)
    {
        var bytes = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 3 < text.Length && text[i + 1] == 'x'
                && byte.TryParse(text.AsSpan(i + 2, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var b))
            {
                bytes.Add(b);
                i += 3;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(text[i].ToString()));
            }
        }

        return Encoding.UTF8.GetString([.. bytes]);
    }

    private static bool IsOctal(string text, int start, int count)
    {
        if (start + count > text.Length)
        {
            return false;
        }

        for (var i = start; i < start + count; i++)
        {
            if (text[i] is < '0' or > '7')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsUnder(string path, string mountPoint) =>
        mountPoint == "/" || path == mountPoint || path.StartsWith(mountPoint + "/", StringComparison.Ordinal);

    /// <summary>The name of the link in <paramref name="dir"/> that points at <paramref name="device"/>, if any.</summary>
    private static string? FindLink(string dir, string device)
    {
        if (!device.StartsWith("/dev/", StringComparison.Ordinal) || !Directory.Exists(dir))
        {
            return null;
        }

        try
        {
            var target = Path.GetFullPath(device);
            foreach (var link in new DirectoryInfo(dir).EnumerateFileSystemInfos())
            {
                if (link.LinkTarget is { } t && Path.GetFullPath(Path.Combine(dir, t)) == target)
                {
                    return link.Name;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }

        return null;
    }
}
