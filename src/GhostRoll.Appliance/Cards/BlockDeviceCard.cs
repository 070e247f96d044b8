using GhostRoll.Ingest;

namespace GhostRoll.Appliance.Cards;

/// <summary>
/// A card reached through its block device (the appliance path: udev → <c>ghostroll-import@sdb1.service</c>).
/// If ghostroll-mount@.service (root) holds the card mounted under <c>MOUNT_DIR</c>, the import reads it there and,
/// when done, asks that service to unmount it (a flag file in the lock folder), so the card is released before
/// "remove the card". Run by hand as root, this process mounts and unmounts the card itself.
/// </summary>
public sealed class BlockDeviceCard : ICard
{
    /// <summary>How long the import waits for the mount service to unmount after asking.</summary>
    public static readonly TimeSpan ReleaseTimeout = TimeSpan.FromSeconds(15);

    private static readonly TimeSpan HoldPoll = TimeSpan.FromMilliseconds(200);
    private readonly string _mountDir;
    private readonly string _lockDirectory;
    private readonly SystemPaths _paths;

    public BlockDeviceCard(BlockDevice device, string mountDir, string lockDirectory, SystemPaths paths)
    {
        Device = device;
        _mountDir = mountDir;
        _lockDirectory = lockDirectory;
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
    /// Where ghostroll-mount@.service (root) leaves the reason a mount failed, for the unprivileged import to show (the
    /// mount unit cannot update the panel, and failing it would leave the panel saying nothing).
    /// </summary>
    public string MountErrorPath => MountPoint + ".error";

    /// <summary>The import creates this file to ask ghostroll-mount@ to unmount the card it holds.</summary>
    public string ReleaseRequestPath => Path.Combine(_lockDirectory, Device.KernelName + ".release");

    public CardVolume Open()
    {
        if (ExistingMount() is { } existing)
        {
            // Held for us by ghostroll-mount@ (at our mount point): ask it to let go when done. Anyone else's mount
            // (a desktop automounter) is theirs to release.
            Action? release = existing.MountPoint == MountPoint ? RequestRelease : null;
            return new CardVolume(existing.MountPoint, release, mountedByUs: false);
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
    /// Mounts the card read-only unless it is mounted already (a failure is recorded for the import rather than
    /// thrown). Returns what happened, for the journal.
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
    /// ghostroll-mount@.service's main process (<c>ghostroll import --hold-mount</c>, root, <c>Type=notify</c>): mounts the
    /// card, tells systemd it is ready (which lets the import start), holds the mount until the import asks for its
    /// release or the unit is stopped (<paramref name="cancellationToken"/>: SIGTERM), then unmounts. Returns what
    /// happened, for the journal.
    /// </summary>
    public async Task<string> HoldMountAsync(Action notifyReady, CancellationToken cancellationToken)
    {
        TryDelete(ReleaseRequestPath); // a request left from an earlier card must not release this one at once
        var prepared = PrepareMount();
        notifyReady();
        if (!MountTable.IsMountPoint(MountTable.Read(_paths.MountInfo), MountPoint))
        {
            return prepared; // not mounted by us (failed, or mounted elsewhere): nothing to hold
        }

        try
        {
            while (!File.Exists(ReleaseRequestPath))
            {
                await Task.Delay(HoldPoll, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped: the import ended without asking (it failed, or the device went away). Unmount all the same.
        }

        CardMounter.Unmount(MountPoint);
        TryDelete(ReleaseRequestPath);
        return prepared + "; released it";
    }

    /// <summary>Asks ghostroll-mount@ to unmount the card, and waits (briefly) until it has.</summary>
    private void RequestRelease()
    {
        try
        {
            File.WriteAllText(ReleaseRequestPath, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return; // the mount unit unmounts anyway once this import ends (StopWhenUnneeded=)
        }

        var deadline = Environment.TickCount64 + (long)ReleaseTimeout.TotalMilliseconds;
        while (MountTable.IsMountPoint(MountTable.Read(_paths.MountInfo), MountPoint) && Environment.TickCount64 < deadline)
        {
            Thread.Sleep(100);
        }
    }

    /// <summary>
    /// ghostroll-mount@.service's safety net after it stops (<c>ghostroll import --release</c>, root, e.g. after a
    /// SIGKILL): unmounts the card unless another import
    /// holds its lock. Works from the kernel name alone, because the device is usually gone by now.
    /// </summary>
    public static string Release(string kernelName, string mountDir, string lockDirectory, SystemPaths paths)
    {
        var mountPoint = MountPointFor(mountDir, kernelName);
        if (!MountTable.IsMountPoint(MountTable.Read(paths.MountInfo), mountPoint))
        {
            return $"{mountPoint} is not mounted (released already)";
        }

        using var cardLock = CardLock.TryAcquire(lockDirectory, kernelName);
        if (cardLock is null)
        {
            return $"another import is using {kernelName}; leaving its mount to it";
        }

        TryDelete(mountPoint + ".error");
        TryDelete(Path.Combine(lockDirectory, kernelName + ".release"));

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
