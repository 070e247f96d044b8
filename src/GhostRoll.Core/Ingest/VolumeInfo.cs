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
    public static VolumeInfo Identify(string root, string mountInfoPath = MountTable.SelfPath, string diskDir = "/dev/disk")
    {
        var full = Path.GetFullPath(root).TrimEnd('/');
        if (full.Length == 0)
        {
            full = "/";
        }

        var status = FileStatus.Of(full);
        var mounts = MountTable.Read(mountInfoPath);
        // The mount that holds the folder: same device, longest mount point that is a prefix of the path.
        var mount = mounts
            .Where(m => m.Major == status.DeviceMajor && m.Minor == status.DeviceMinor && IsUnder(full, m.MountPoint))
            .MaxBy(m => m.MountPoint.Length)
            ?? mounts.Where(m => IsUnder(full, m.MountPoint)).MaxBy(m => m.MountPoint.Length)
            ?? new MountEntry(status.DeviceMajor, status.DeviceMinor, Root: "", MountPoint: "/", Options: "unknown", FileSystemType: "unknown", Source: "/");

        var uuid = FindLink(Path.Combine(diskDir, "by-uuid"), mount.Source);
        var label = FindLink(Path.Combine(diskDir, "by-label"), mount.Source) is { } escaped ? EscapedText.DecodeHex(escaped) : null;
        var relative = full == mount.MountPoint ? "" : full[(mount.MountPoint == "/" ? 0 : mount.MountPoint.Length)..];
        var id = (uuid is not null ? "uuid:" + uuid : $"dev:{mount.Source}") + relative;
        return new VolumeInfo(id, label, mount.MountPoint, mount.Source, mount.FileSystemType, mount.ReadOnly);
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
