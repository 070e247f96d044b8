namespace GhostRoll.TestSupport.LinuxAbi.Manifests;

/// <summary>
/// The shared Unix interop source set (src/Shared/Interop/Unix): compiled into every assembly that sets
/// GhostRollUnixInterop=all, so each of their manifests includes these entries (and &lt;fcntl.h&gt; and &lt;errno.h&gt;).
/// </summary>
public static class UnixAbi
{
    public static IReadOnlyDictionary<string, AbiEntry> Entries { get; } = new Dictionary<string, AbiEntry>
    {
        ["Libc.O_RDONLY"] = new CConstant("O_RDONLY"),
        ["Libc.O_CLOEXEC"] = new CConstant("O_CLOEXEC"),
        ["Libc.EPERM"] = new CConstant("EPERM"),
        ["Libc.ENOENT"] = new CConstant("ENOENT"),
        ["Libc.EINTR"] = new CConstant("EINTR"),
        ["Libc.EIO"] = new CConstant("EIO"),
        ["Libc.ENXIO"] = new CConstant("ENXIO"),
        ["Libc.EAGAIN"] = new CConstant("EAGAIN"),
        ["Libc.EACCES"] = new CConstant("EACCES"),
        ["Libc.ENOTBLK"] = new CConstant("ENOTBLK"),
        ["Libc.EBUSY"] = new CConstant("EBUSY"),
        ["Libc.ENODEV"] = new CConstant("ENODEV"),
        ["Libc.ENOTDIR"] = new CConstant("ENOTDIR"),
        ["Libc.EINVAL"] = new CConstant("EINVAL"),
        ["Libc.EMFILE"] = new CConstant("EMFILE"),
        ["Libc.ENOTTY"] = new CConstant("ENOTTY"),
        ["Libc.ENOSPC"] = new CConstant("ENOSPC"),
        ["Libc.EROFS"] = new CConstant("EROFS"),
        ["Libc.EMSGSIZE"] = new CConstant("EMSGSIZE"),
        ["Libc.ETIMEDOUT"] = new CConstant("ETIMEDOUT"),
        ["Libc.EREMOTEIO"] = new CConstant("EREMOTEIO"),
        ["Libc.EDQUOT"] = new CConstant("EDQUOT"),
        ["Libc.ENOMEDIUM"] = new CConstant("ENOMEDIUM"),
        ["Libc.EMEDIUMTYPE"] = new CConstant("EMEDIUMTYPE"),
    };

    /// <summary>An assembly's own entries plus the shared ones; a key in both is a mistake.</summary>
    public static Dictionary<string, AbiEntry> With(Dictionary<string, AbiEntry> own)
    {
        foreach (var (key, entry) in Entries)
        {
            own.Add(key, entry);
        }

        return own;
    }
}
