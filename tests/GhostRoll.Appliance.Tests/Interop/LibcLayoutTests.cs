using System.Runtime.InteropServices;
using GhostRoll.Appliance.Interop;
using GhostRoll.TestSupport;

namespace GhostRoll.Appliance.Tests.Interop;

/// <summary>
/// Proves the appliance's libc constants and struct layouts against the C headers by compiling static asserts:
/// a wrong mount flag would mount a card read-write, a wrong inotify mask would leave watch mode deaf.
/// </summary>
public sealed class LibcLayoutTests
{
    [Fact]
    public void Mount_lock_inotify_eventfd_poll_and_passwd_match_the_headers()
    {
        string[] checks =
        [
            $"_Static_assert(MS_RDONLY == {Libc.MS_RDONLY} && MS_NOSUID == {Libc.MS_NOSUID} && MS_NODEV == {Libc.MS_NODEV} && MS_NOEXEC == {Libc.MS_NOEXEC} && MS_NOATIME == {Libc.MS_NOATIME}, \"mount flags\");",
            $"_Static_assert(MNT_DETACH == {Libc.MNT_DETACH} && UMOUNT_NOFOLLOW == {Libc.UMOUNT_NOFOLLOW}, \"umount flags\");",
            $"_Static_assert(LOCK_EX == {Libc.LOCK_EX} && LOCK_NB == {Libc.LOCK_NB}, \"flock\");",
            $"_Static_assert(O_RDONLY == {Libc.O_RDONLY} && O_CREAT == {Libc.O_CREAT} && O_NONBLOCK == {Libc.O_NONBLOCK} && O_CLOEXEC == {Libc.O_CLOEXEC}, \"open flags\");",
            $"_Static_assert(IN_NONBLOCK == {Libc.IN_NONBLOCK} && IN_CLOEXEC == {Libc.IN_CLOEXEC}, \"inotify_init1 flags\");",
            $"_Static_assert(IN_MOVED_FROM == {Libc.IN_MOVED_FROM}u && IN_MOVED_TO == {Libc.IN_MOVED_TO}u && IN_CREATE == {Libc.IN_CREATE}u && IN_DELETE == {Libc.IN_DELETE}u && IN_CLOSE_WRITE == {Libc.IN_CLOSE_WRITE}u, \"inotify events\");",
            $"_Static_assert(IN_DELETE_SELF == {Libc.IN_DELETE_SELF}u && IN_MOVE_SELF == {Libc.IN_MOVE_SELF}u && IN_UNMOUNT == {Libc.IN_UNMOUNT}u && IN_Q_OVERFLOW == {Libc.IN_Q_OVERFLOW}u && IN_IGNORED == {Libc.IN_IGNORED}u && IN_ONLYDIR == {Libc.IN_ONLYDIR}u, \"inotify flags\");",
            $"_Static_assert(sizeof(struct inotify_event) == {Libc.InotifyEventHeaderSize}, \"inotify_event header\");",
            $"_Static_assert(EFD_NONBLOCK == {Libc.EFD_NONBLOCK} && EFD_CLOEXEC == {Libc.EFD_CLOEXEC}, \"eventfd flags\");",
            $"_Static_assert(POLLIN == {Libc.POLLIN} && POLLPRI == {Libc.POLLPRI} && POLLERR == {Libc.POLLERR}, \"poll events\");",
            $"_Static_assert(sizeof(struct pollfd) == {Marshal.SizeOf<Libc.PollFd>()} && offsetof(struct pollfd, revents) == {Marshal.OffsetOf<Libc.PollFd>(nameof(Libc.PollFd.revents))}, \"pollfd\");",
            $"_Static_assert(offsetof(struct passwd, pw_uid) == {Marshal.OffsetOf<Libc.Passwd>(nameof(Libc.Passwd.pw_uid))} && offsetof(struct passwd, pw_gid) == {Marshal.OffsetOf<Libc.Passwd>(nameof(Libc.Passwd.pw_gid))} && offsetof(struct passwd, pw_shell) == {Marshal.OffsetOf<Libc.Passwd>(nameof(Libc.Passwd.pw_shell))}, \"passwd\");",
            $"_Static_assert(EPERM == {Libc.EPERM} && ENOENT == {Libc.ENOENT} && EINTR == {Libc.EINTR} && EIO == {Libc.EIO} && ENXIO == {Libc.ENXIO} && EAGAIN == {Libc.EAGAIN} && EACCES == {Libc.EACCES}, \"errno 1\");",
            $"_Static_assert(ENOTBLK == {Libc.ENOTBLK} && EBUSY == {Libc.EBUSY} && ENODEV == {Libc.ENODEV} && ENOTDIR == {Libc.ENOTDIR} && EINVAL == {Libc.EINVAL} && EMFILE == {Libc.EMFILE} && ENOSPC == {Libc.ENOSPC} && EROFS == {Libc.EROFS} && ENOMEDIUM == {Libc.ENOMEDIUM} && EMEDIUMTYPE == {Libc.EMEDIUMTYPE}, \"errno 2\");",
        ];
        var errors = CHeaders.Disagreements(
            ["#define _GNU_SOURCE", "<sys/mount.h>", "<sys/file.h>", "<fcntl.h>", "<sys/inotify.h>", "<sys/eventfd.h>", "<poll.h>", "<pwd.h>", "<errno.h>", "<stddef.h>"],
            checks);

        Assert.True(errors is null, "layout mismatch against the headers:\n" + errors);
    }
}
