using GhostRoll.Appliance.Cards;
using GhostRoll.TestSupport;

namespace GhostRoll.Appliance.Tests.TestDoubles;

/// <summary>
/// A folder laid out like <c>/sys/class/block</c> and <c>/run/udev/data</c> (the files and formats the kernel and
/// udev write), so device resolution and removal detection run against the real parsers.
/// </summary>
public sealed class FakeSysfs : IDisposable
{
    private readonly TempDirectory _root = new("sysfs");

    public FakeSysfs()
    {
        Paths = new SystemPaths
        {
            SysClassBlock = _root.Combine("sys", "class", "block"),
            UdevData = _root.Combine("run", "udev", "data"),
            MountInfo = _root.Combine("proc", "mountinfo"),
            Filesystems = _root.Combine("proc", "filesystems"),
        };
        Directory.CreateDirectory(Paths.SysClassBlock);
        Directory.CreateDirectory(Paths.UdevData);
        Directory.CreateDirectory(Path.GetDirectoryName(Paths.MountInfo)!);
        File.WriteAllText(Paths.MountInfo, "");
    }

    public SystemPaths Paths { get; }

    /// <summary>A device as the kernel shows it once a card is in (size in 512-byte sectors).</summary>
    public void AddDevice(string kernelName, string majorMinor, long sectors = 131072)
    {
        var dir = Path.Combine(Paths.SysClassBlock, kernelName);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "dev"), majorMinor + "\n");
        File.WriteAllText(Path.Combine(dir, "size"), sectors + "\n");
    }

    /// <summary>A disk with one partition, laid out as sysfs does: the partition's folder inside the disk's, both linked from class/block.</summary>
    public void AddPartitionedDisk(string disk, string diskMajorMinor, string partition, string partitionMajorMinor, long sectors = 131072)
    {
        var devices = Path.Combine(Path.GetDirectoryName(Paths.SysClassBlock)!, "..", "devices");
        var diskDir = Path.GetFullPath(Path.Combine(devices, disk));
        var partitionDir = Path.Combine(diskDir, partition);
        Directory.CreateDirectory(partitionDir);
        File.WriteAllText(Path.Combine(diskDir, "dev"), diskMajorMinor + "\n");
        File.WriteAllText(Path.Combine(diskDir, "size"), sectors + "\n");
        File.WriteAllText(Path.Combine(partitionDir, "dev"), partitionMajorMinor + "\n");
        File.WriteAllText(Path.Combine(partitionDir, "size"), (sectors - 2048) + "\n");
        File.WriteAllText(Path.Combine(partitionDir, "partition"), "1\n");
        Directory.CreateSymbolicLink(Path.Combine(Paths.SysClassBlock, disk), diskDir);
        Directory.CreateSymbolicLink(Path.Combine(Paths.SysClassBlock, partition), partitionDir);
    }

    public void SetSize(string kernelName, long sectors) =>
        File.WriteAllText(Path.Combine(Paths.SysClassBlock, kernelName, "size"), sectors + "\n");

    public void RemoveDevice(string kernelName) => Directory.Delete(Path.Combine(Paths.SysClassBlock, kernelName), recursive: true);

    /// <summary>udev's database record after its blkid probe, in udev's own format.</summary>
    public void SetUdev(string majorMinor, params string[] properties) =>
        File.WriteAllLines(Path.Combine(Paths.UdevData, "b" + majorMinor),
            ["S:disk/by-label/auto-import", "I:1234567", .. properties.Select(p => "E:" + p), "G:systemd", "Q:systemd", "V:1"]);

    public void SetMountInfo(string text) => File.WriteAllText(Paths.MountInfo, text);

    public void Dispose() => _root.Dispose();
}
