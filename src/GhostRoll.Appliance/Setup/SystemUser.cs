using GhostRoll.Appliance.Interop;

namespace GhostRoll.Appliance.Setup;

/// <summary>A local account, looked up through NSS (getpwnam(3)); the appliance's services run as <c>ghostroll</c>.</summary>
public sealed record SystemUser(string Name, uint Uid, uint Gid, string Home)
{
    /// <summary>The account the appliance units run as (systemd/ghostroll.sysusers.conf).</summary>
    public const string ServiceAccount = "ghostroll";

    public static bool IsRoot => Libc.GetEuid() == 0;

    public static unsafe SystemUser? Find(string name)
    {
        var entry = Libc.GetPwNam(name);
        return entry is null
            ? null
            : new SystemUser(name, entry->pw_uid, entry->pw_gid, System.Runtime.InteropServices.Marshal.PtrToStringUTF8((nint)entry->pw_dir) ?? "/");
    }

    /// <summary>Gives a file to this user (root only); the settings file must be readable by the services.</summary>
    public void Own(string path)
    {
        if (Libc.Chown(path, Uid, Gid) != 0)
        {
            throw Errno.ToException(Errno.Last, "chown", path);
        }
    }
}
