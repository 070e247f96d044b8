namespace GhostRoll.TestSupport.LinuxAbi.Manifests;

/// <summary>GhostRoll.Appliance: mount/umount2, flock, open, inotify, eventfd, poll, getpwnam/chown.</summary>
public static class ApplianceAbi
{
    public static AbiManifest Manifest { get; } = new()
    {
        Assembly = "GhostRoll.Appliance",
        Defines = ["_GNU_SOURCE"],
        Includes = ["<sys/mount.h>", "<sys/file.h>", "<fcntl.h>", "<sys/inotify.h>", "<sys/eventfd.h>", "<poll.h>", "<pwd.h>", "<errno.h>"],
        Packages = "libc6-dev (x86-64), libc6-dev-arm64-cross (arm64)",
        Entries = UnixAbi.With(new Dictionary<string, AbiEntry>
        {
            ["Libc.MS_RDONLY"] = new CConstant("MS_RDONLY"),
            ["Libc.MS_NOSUID"] = new CConstant("MS_NOSUID"),
            ["Libc.MS_NODEV"] = new CConstant("MS_NODEV"),
            ["Libc.MS_NOEXEC"] = new CConstant("MS_NOEXEC"),
            ["Libc.MS_NOATIME"] = new CConstant("MS_NOATIME"),
            ["Libc.MNT_DETACH"] = new CConstant("MNT_DETACH"),
            ["Libc.UMOUNT_NOFOLLOW"] = new CConstant("UMOUNT_NOFOLLOW"),
            ["Libc.LOCK_EX"] = new CConstant("LOCK_EX"),
            ["Libc.LOCK_NB"] = new CConstant("LOCK_NB"),
            ["Libc.O_CREAT"] = new CConstant("O_CREAT"),
            ["Libc.O_NONBLOCK"] = new CConstant("O_NONBLOCK"),
            ["Libc.IN_NONBLOCK"] = new CConstant("IN_NONBLOCK"),
            ["Libc.IN_CLOEXEC"] = new CConstant("IN_CLOEXEC"),
            ["Libc.IN_CLOSE_WRITE"] = new CConstant("IN_CLOSE_WRITE"),
            ["Libc.IN_MOVED_FROM"] = new CConstant("IN_MOVED_FROM"),
            ["Libc.IN_MOVED_TO"] = new CConstant("IN_MOVED_TO"),
            ["Libc.IN_CREATE"] = new CConstant("IN_CREATE"),
            ["Libc.IN_DELETE"] = new CConstant("IN_DELETE"),
            ["Libc.IN_DELETE_SELF"] = new CConstant("IN_DELETE_SELF"),
            ["Libc.IN_MOVE_SELF"] = new CConstant("IN_MOVE_SELF"),
            ["Libc.IN_UNMOUNT"] = new CConstant("IN_UNMOUNT"),
            ["Libc.IN_Q_OVERFLOW"] = new CConstant("IN_Q_OVERFLOW"),
            ["Libc.IN_IGNORED"] = new CConstant("IN_IGNORED"),
            ["Libc.IN_ONLYDIR"] = new CConstant("IN_ONLYDIR"),
            ["Libc.EFD_NONBLOCK"] = new CConstant("EFD_NONBLOCK"),
            ["Libc.EFD_CLOEXEC"] = new CConstant("EFD_CLOEXEC"),
            ["Libc.POLLIN"] = new CConstant("POLLIN"),
            ["Libc.POLLPRI"] = new CConstant("POLLPRI"),
            ["Libc.POLLERR"] = new CConstant("POLLERR"),
            ["Libc.InotifyEventHeaderSize"] = new CConstant("sizeof(struct inotify_event)"),
            ["Libc.PollFd"] = new CStruct("struct pollfd"),
            ["Libc.Passwd"] = new CStruct("struct passwd"),
            ["Libc.InotifyEvent"] = new CStruct("struct inotify_event"),

            ["InotifyWatch.ReadBufferSize"] = new ManagedOnly("how many bytes of events one read(2) takes; our choice (inotify(7) only asks for room for one event)"),
            ["InotifyWatch.Ready"] = new ManagedOnly("why InotifyWatch.Wait returned; flags of our own"),
            ["Crypt.ScratchSize"] = new ManagedOnly("scratch area for crypt_rn(3); our choice, twice libxcrypt's sizeof(struct crypt_data), which crypt_rn checks itself (ERANGE when too small)"),
        }),
    };
}
