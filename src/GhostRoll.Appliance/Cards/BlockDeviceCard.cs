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

    /// <summary>
    /// Where the unit's root pre-step leaves the reason a mount failed, for the unprivileged import to show (the
    /// pre-step itself cannot update the panel, and failing the unit would leave the panel saying nothing).
    /// </summary>
    public string MountErrorPath => MountPoint + ".error";

    public CardVolume Open()
    {
        if (ExistingMount() is { } existing)
        {
            return new CardVolume(existing.MountPoint, release: null, mountedByUs: false);
        }

        if (ReadMountError() is { } recorded)
        {
            throw new CardException(recorded);
        }

        var target = MountPoint;
        CardMounter.Mount(Device, target);
        return new CardVolume(target, () => CardMounter.Unmount(target), mountedByUs: true);
    }

    /// <summary>
    /// The unit's privileged pre-step (<c>ghostroll import --mount-only</c>): mounts the card read-only unless it is
    /// mounted already. A failure is recorded for the import rather than thrown. Returns what happened, for the journal.
    /// </summary>
    public string PrepareMount()
    {
        if (ExistingMount() is { } existing)
        {
            return $"{Device.DevicePath} is already mounted at {existing.MountPoint}";
        }

        try
        {
            CardMounter.Mount(Device, MountPoint);
            TryDelete(MountErrorPath);
            return $"mounted {Device.DevicePath} read-only at {MountPoint}";
        }
        catch (CardException e)
        {
            File.WriteAllText(MountErrorPath, e.Message);
            return e.Message;
        }
    }

    /// <summary>
    /// The unit's privileged post-step (<c>ghostroll import --release</c>): unmounts the card unless another import
    /// holds its lock. Works from the kernel name alone, because the device is usually gone by now.
    /// </summary>
    public static string Release(string kernelName, string mountDir, string lockDirectory, SystemPaths paths)
    {
        using var cardLock = CardLock.TryAcquire(lockDirectory, kernelName);
        if (cardLock is null)
        {
            return $"another import is using {kernelName}; leaving its mount to it";
        }

        var mountPoint = MountPointFor(mountDir, kernelName);
        TryDelete(mountPoint + ".error");
        if (!MountTable.IsMountPoint(MountTable.Read(paths.MountInfo), mountPoint))
        {
            return $"{mountPoint} is not mounted";
        }

        CardMounter.Unmount(mountPoint);
        return $"released {mountPoint}";
    }

    private string? ReadMountError()
    {
        try
        {
            return File.Exists(MountErrorPath) ? File.ReadAllText(MountErrorPath).Trim() : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    public bool IsPresent() => Device.IsPresent(_paths);
}
