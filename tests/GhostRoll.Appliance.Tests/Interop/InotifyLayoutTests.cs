using System.Runtime.InteropServices;
using GhostRoll.Appliance.Interop;
using GhostRoll.TestSupport;
using Xunit;

namespace GhostRoll.Appliance.Tests.Interop;

/// <summary>
/// The inotify, eventfd and poll constants and structs that watch mode and the display daemon's status watcher wait
/// with, checked against the C headers with gcc.
/// </summary>
public sealed class InotifyLayoutTests
{
    [Fact]
    public void Constants_and_structs_match_the_c_headers()
    {
        string[] checks =
        [
            $"_Static_assert(IN_NONBLOCK == {Libc.IN_NONBLOCK}, \"IN_NONBLOCK\");",
            $"_Static_assert(IN_CLOEXEC == {Libc.IN_CLOEXEC}, \"IN_CLOEXEC\");",
            $"_Static_assert(IN_CLOSE_WRITE == {Libc.IN_CLOSE_WRITE}u, \"IN_CLOSE_WRITE\");",
            $"_Static_assert(IN_MOVED_FROM == {Libc.IN_MOVED_FROM}u, \"IN_MOVED_FROM\");",
            $"_Static_assert(IN_MOVED_TO == {Libc.IN_MOVED_TO}u, \"IN_MOVED_TO\");",
            $"_Static_assert(IN_CREATE == {Libc.IN_CREATE}u, \"IN_CREATE\");",
            $"_Static_assert(IN_DELETE == {Libc.IN_DELETE}u, \"IN_DELETE\");",
            $"_Static_assert(IN_DELETE_SELF == {Libc.IN_DELETE_SELF}u, \"IN_DELETE_SELF\");",
            $"_Static_assert(IN_MOVE_SELF == {Libc.IN_MOVE_SELF}u, \"IN_MOVE_SELF\");",
            $"_Static_assert(IN_Q_OVERFLOW == {Libc.IN_Q_OVERFLOW}u, \"IN_Q_OVERFLOW\");",
            $"_Static_assert(IN_IGNORED == {Libc.IN_IGNORED}u, \"IN_IGNORED\");",
            $"_Static_assert(IN_ONLYDIR == {Libc.IN_ONLYDIR}u, \"IN_ONLYDIR\");",
            $"_Static_assert(EFD_NONBLOCK == {Libc.EFD_NONBLOCK}, \"EFD_NONBLOCK\");",
            $"_Static_assert(EFD_CLOEXEC == {Libc.EFD_CLOEXEC}, \"EFD_CLOEXEC\");",
            $"_Static_assert(POLLIN == {Libc.POLLIN}, \"POLLIN\");",
            $"_Static_assert(EINTR == {Libc.EINTR}, \"EINTR\");",
            $"_Static_assert(sizeof(struct inotify_event) == {Libc.InotifyEventHeaderSize}, \"inotify_event\");",
            "_Static_assert(offsetof(struct inotify_event, mask) == 4, \"inotify_event.mask\");",
            "_Static_assert(offsetof(struct inotify_event, len) == 12, \"inotify_event.len\");",
            $"_Static_assert(sizeof(struct inotify_event) == {Marshal.SizeOf<Libc.InotifyEvent>()}, \"InotifyEvent\");",
            $"_Static_assert(offsetof(struct inotify_event, mask) == {Marshal.OffsetOf<Libc.InotifyEvent>(nameof(Libc.InotifyEvent.mask))}, \"InotifyEvent.mask\");",
            $"_Static_assert(offsetof(struct inotify_event, cookie) == {Marshal.OffsetOf<Libc.InotifyEvent>(nameof(Libc.InotifyEvent.cookie))}, \"InotifyEvent.cookie\");",
            $"_Static_assert(offsetof(struct inotify_event, len) == {Marshal.OffsetOf<Libc.InotifyEvent>(nameof(Libc.InotifyEvent.len))}, \"InotifyEvent.len\");",
            $"_Static_assert(sizeof(struct pollfd) == {Marshal.SizeOf<Libc.PollFd>()}, \"pollfd\");",
            $"_Static_assert(offsetof(struct pollfd, revents) == {Marshal.OffsetOf<Libc.PollFd>("revents")}, \"pollfd.revents\");",
        ];
        var errors = CHeaders.Disagreements(["<stddef.h>", "<errno.h>", "<poll.h>", "<sys/eventfd.h>", "<sys/inotify.h>"], checks);
        Assert.True(errors is null, "the C# mirrors disagree with the C headers:\n" + errors);
    }
}
