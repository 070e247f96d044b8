using System.Globalization;

namespace GhostRoll.Appliance.Cards;

/// <summary>
/// A card's block device (<c>/dev/sdb1</c>, or <c>/dev/sda</c> for a card formatted without a partition table)
/// as the kernel (sysfs) and udev see it. Everything here is read from <c>/sys</c> and <c>/run/udev</c>; the
/// card itself is never opened.
/// </summary>
public sealed record BlockDevice
{
    /// <summary>The path as given (<c>/dev/sdb1</c>, <c>/dev/disk/by-label/auto-import</c>).</summary>
    public required string DevicePath { get; init; }

    /// <summary>Kernel name (<c>sdb1</c>): names the sysfs entry, the mount point and the lock.</summary>
    public required string KernelName { get; init; }

    /// <summary>Device number (<c>8:17</c>), as in sysfs <c>dev</c> and mountinfo.</summary>
    public required string MajorMinor { get; init; }

    /// <summary>vfat, exfat ... (udev's blkid probe), null when udev has not probed it.</summary>
    public string? FileSystemType { get; init; }

    public string? Label { get; init; }

    /// <summary>File system serial (<c>1234-ABCD</c> for FAT): the card's identity for the pipeline.</summary>
    public string? Uuid { get; init; }

    /// <summary>For a partition (<c>sda1</c>), the disk it belongs to (<c>sda</c>): the card reader's disk.</summary>
    public string? ParentKernelName { get; init; }

    /// <summary>Resolves a device path through sysfs and udev. Throws <see cref="CardException"/> for anything that is not a present block device.</summary>
    public static BlockDevice Resolve(string devicePath, SystemPaths paths)
    {
        var full = Path.GetFullPath(devicePath);
        string resolved;
        try
        {
            resolved = new FileInfo(full).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? full;
        }
        catch (IOException)
        {
            resolved = full;
        }

        var kernelName = Path.GetFileName(resolved);
        var sysfs = Path.Combine(paths.SysClassBlock, kernelName);
        string majorMinor;
        try
        {
            majorMinor = File.ReadAllText(Path.Combine(sysfs, "dev")).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CardException($"{devicePath} is not a block device that is present now (no {sysfs}); was the card removed?", e) { CardGone = true };
        }

        return FromUdev(devicePath, kernelName, majorMinor, UdevDatabase.Properties(paths.UdevData, majorMinor)) with
        {
            ParentKernelName = ParentOf(sysfs),
        };
    }

    /// <summary>sysfs puts a partition's folder inside its disk's (…/block/sda/sda1) and marks it with a <c>partition</c> file.</summary>
    private static string? ParentOf(string sysfs)
    {
        if (!File.Exists(Path.Combine(sysfs, "partition")))
        {
            return null;
        }

        var real = new DirectoryInfo(sysfs).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? sysfs;
        return Path.GetFileName(Path.GetDirectoryName(real));
    }

    internal static BlockDevice FromUdev(string devicePath, string kernelName, string majorMinor, IReadOnlyDictionary<string, string> udev) => new()
    {
        DevicePath = devicePath,
        KernelName = kernelName,
        MajorMinor = majorMinor,
        FileSystemType = udev.GetValueOrDefault("ID_FS_TYPE") is { Length: > 0 } type ? type : null,
        Label = udev.GetValueOrDefault("ID_FS_LABEL_ENC") is { Length: > 0 } encoded
            ? UdevDatabase.DecodeEncoded(encoded)
            : udev.GetValueOrDefault("ID_FS_LABEL") is { Length: > 0 } label ? label : null,
        Uuid = udev.GetValueOrDefault("ID_FS_UUID") is { Length: > 0 } uuid ? uuid : null,
    };

    private static long Sectors(string sysfs) =>
        long.TryParse(File.ReadAllText(Path.Combine(sysfs, "size")).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var sectors) ? sectors : 0;

    /// <summary>
    /// Whether this same card is still there. A pulled USB reader or a card with a partition table loses its sysfs
    /// entry; a card without one leaves its reader's disk behind with size 0 (media-change polling, see
    /// 60-block.rules), and a different card in the same slot has a different device number or file system serial.
    /// </summary>
    public bool IsPresent(SystemPaths paths)
    {
        var sysfs = Path.Combine(paths.SysClassBlock, KernelName);
        try
        {
            if (File.ReadAllText(Path.Combine(sysfs, "dev")).Trim() != MajorMinor)
            {
                return false;
            }

            if (Sectors(sysfs) == 0)
            {
                return false;
            }

            // The kernel keeps a partition that is open (mounted) when the card leaves a reader; the reader's disk
            // shows the truth: its size drops to 0.
            if (ParentKernelName is { } parent && Sectors(Path.Combine(paths.SysClassBlock, parent)) == 0)
            {
                return false;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }

        if (Uuid is null)
        {
            return true;
        }

        // udev re-probes on every change event: a card swapped between two polls shows a different serial.
        var now = UdevDatabase.Properties(paths.UdevData, MajorMinor);
        return now.Count == 0 || now.GetValueOrDefault("ID_FS_UUID") == Uuid;
    }
}
