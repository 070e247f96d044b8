namespace GhostRoll.Appliance.Cards;

/// <summary>
/// A card reached through its block device (the appliance path: udev → <c>ghostroll-import@sdb1.service</c>).
/// If the device is already mounted (by the unit's privileged pre-step, or by hand) that mount is used;
/// otherwise this process mounts it read-only under <c>MOUNT_DIR</c> and unmounts it when done.
/// </summary>
public sealed class BlockDeviceCard : ICard
{
    private readonly string _mountDir;
    private readonly SystemPaths _paths;

    public BlockDeviceCard(BlockDevice device, string mountDir, SystemPaths paths)
    {
        Device = device;
        _mountDir = mountDir;
        _paths = paths;
    }

    public BlockDevice Device { get; }

    public string Name => Device.KernelName;

    public string LockKey => Device.KernelName;

    public string? Label => Device.Label;

    /// <summary>
    /// The card's identity in the pipeline's own format (<c>uuid:&lt;serial&gt;</c>, see Core's VolumeInfo), so a card
    /// imported here and later through <c>ghostroll run</c> or watch mode resumes the same unfinished session.
    /// </summary>
    public string? VolumeId => Device.Uuid is { } uuid ? "uuid:" + uuid : null;

    /// <summary>Where this card is mounted when GhostRoll mounts it.</summary>
    public string MountPoint => MountPointFor(_mountDir, Device.KernelName);

    public static string MountPointFor(string mountDir, string kernelName) => Path.Combine(mountDir, kernelName);

    /// <summary>The existing mount of this device, if any.</summary>
    public MountEntry? ExistingMount() => MountTable.FindDevice(MountTable.Read(_paths.MountInfo), Device.MajorMinor);

    public CardVolume Open()
    {
        if (ExistingMount() is { } existing)
        {
            return new CardVolume(existing.MountPoint, release: null, mountedByUs: false);
        }

        var target = MountPoint;
        CardMounter.Mount(Device, target);
        return new CardVolume(target, () => CardMounter.Unmount(target), mountedByUs: true);
    }

    public bool IsPresent() => Device.IsPresent(_paths);
}
