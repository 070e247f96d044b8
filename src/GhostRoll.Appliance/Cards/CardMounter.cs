using GhostRoll.Appliance.Interop;

namespace GhostRoll.Appliance.Cards;

/// <summary>
/// Mounts a card read-only with mount(2) and releases it with umount2(2). Mount flags and options are fixed:
/// <c>ro,nosuid,nodev,noexec,noatime</c> (a read-only FAT/exFAT mount never writes to the card, not even
/// access times or the dirty bit), files readable by everyone inside the mount (<c>fmask=0333,dmask=0222</c>)
/// so the unprivileged import can read them; the parent folder's permissions decide who may look.
/// </summary>
internal static class CardMounter
{
    /// <summary>The file systems cameras write. Everything else is refused, so a mis-labelled disk is never mounted.</summary>
    public static IReadOnlyList<string> SupportedTypes { get; } = ["vfat", "exfat"];

    internal const ulong Flags = Libc.MS_RDONLY | Libc.MS_NOSUID | Libc.MS_NODEV | Libc.MS_NOEXEC | Libc.MS_NOATIME;

    /// <summary>Per-type options (mount(8) "FILESYSTEM-SPECIFIC MOUNT OPTIONS"): UTF-8 names, readable files.</summary>
    internal static string OptionsFor(string fileSystemType) => fileSystemType switch
    {
        // vfat: 'utf8' rather than iocharset=utf8, which the kernel warns makes FAT case-sensitive.
        "vfat" => "utf8,fmask=0333,dmask=0222",
        _ => "iocharset=utf8,fmask=0333,dmask=0222",
    };

    /// <summary>Mounts <paramref name="device"/> read-only at <paramref name="target"/> (created if needed).</summary>
    public static void Mount(BlockDevice device, string target)
    {
        if (device.FileSystemType is { } known && !SupportedTypes.Contains(known))
        {
            throw new CardException($"{device.DevicePath} holds a {known} file system; GhostRoll reads camera cards formatted FAT32 (vfat) or exFAT. Format the card in the camera.");
        }

        Directory.CreateDirectory(target);
        var lastErrno = 0;
        // udev tells us the type; without udev (rare manual use) try both, FAT first (every SDHC card).
        foreach (var type in device.FileSystemType is { } t ? [t] : SupportedTypes)
        {
            if (Libc.Mount(device.DevicePath, target, type, (nuint)Flags, OptionsFor(type)) == 0)
            {
                return;
            }

            lastErrno = Errno.Last;
            if (lastErrno is not (Libc.EINVAL or Libc.ENODEV))
            {
                break; // the type was not the problem
            }
        }

        TryRemoveMountPoint(target);
        throw MountError(lastErrno, device);
    }

    /// <summary>
    /// Releases a mount. A card that was pulled while mounted leaves a stale mount that a normal unmount may
    /// refuse (EBUSY); a lazy detach drops it. Never throws for "not mounted".
    /// </summary>
    public static void Unmount(string target)
    {
        if (Libc.Umount2(target, Libc.UMOUNT_NOFOLLOW) != 0)
        {
            var errno = Errno.Last;
            if (errno == Libc.EBUSY)
            {
                if (Libc.Umount2(target, Libc.MNT_DETACH | Libc.UMOUNT_NOFOLLOW) != 0)
                {
                    throw Errno.ToException(Errno.Last, "unmount", target);
                }
            }
            else if (errno is not (Libc.EINVAL or Libc.ENOENT))
            {
                throw Errno.ToException(errno, "unmount", target);
            }
        }

        TryRemoveMountPoint(target);
    }

    private static CardException MountError(int errno, BlockDevice device)
    {
        var what = $"cannot mount {device.DevicePath} read-only";
        return errno switch
        {
            Libc.EPERM or Libc.EACCES => new CardException(
                $"{what}: mounting needs root (CAP_SYS_ADMIN). On the appliance the ghostroll-import@ unit does it; by hand run 'sudo ghostroll import {device.DevicePath}', or mount the card yourself and use 'ghostroll run'."),
            Libc.ENODEV => new CardException(
                $"{what}: this kernel cannot mount {device.FileSystemType ?? "FAT or exFAT"} file systems. Install or load the module (modprobe {device.FileSystemType ?? "vfat"})."),
            Libc.ENOENT or Libc.ENXIO or Libc.ENOMEDIUM or Libc.ENOTBLK => new CardException($"{what}: the card is gone. Insert it again.") { CardGone = true },
            Libc.EBUSY => new CardException($"{what}: it is already mounted elsewhere read-write or in use. Unmount it and insert the card again."),
            Libc.EINVAL or Libc.EIO or Libc.EMEDIUMTYPE => new CardException(
                $"{what}: its file system is damaged or not FAT/exFAT ({Errno.ToException(errno, "mount", device.DevicePath).Message}). Check the card on a computer; nothing was written to it."),
            _ => new CardException($"{what}: {Errno.ToException(errno, "mount", device.DevicePath).Message}"),
        };
    }

    private static void TryRemoveMountPoint(string target)
    {
        try
        {
            Directory.Delete(target); // only succeeds when empty, i.e. no longer a mount
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
