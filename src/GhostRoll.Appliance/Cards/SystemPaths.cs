using GhostRoll.Ingest;

namespace GhostRoll.Appliance.Cards;

/// <summary>
/// Where the kernel and udev publish what they know about block devices and mounts. Tests point these at a
/// folder laid out the same way; the appliance uses the defaults.
/// </summary>
public sealed record SystemPaths
{
    public static SystemPaths Default { get; } = new();

    /// <summary>One entry per block device and partition (sysfs).</summary>
    public string SysClassBlock { get; init; } = "/sys/class/block";

    /// <summary>udev's per-device database (see <see cref="UdevDatabase"/>).</summary>
    public string UdevData { get; init; } = UdevDatabase.DefaultDirectory;

    /// <summary>This process's mount table (proc(5)).</summary>
    public string MountInfo { get; init; } = MountTable.SelfPath;

    /// <summary>File systems the running kernel can mount now (modules already loaded or built in).</summary>
    public string Filesystems { get; init; } = "/proc/filesystems";
}
