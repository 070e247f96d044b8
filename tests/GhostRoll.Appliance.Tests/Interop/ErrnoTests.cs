using GhostRoll.Appliance.Interop;
using GhostRoll.Interop;

namespace GhostRoll.Appliance.Tests.Interop;

/// <summary>The one errno mapper of the appliance assembly: what failed, on what, why, and what to do about it.</summary>
public sealed class ErrnoTests
{
    [Fact]
    public void A_failure_on_a_path_names_the_operation_the_path_and_the_errno()
    {
        var e = Errno.ToException(Libc.EBUSY, "unmount", "/run/ghostroll/sdb1");

        Assert.Equal("unmount failed for '/run/ghostroll/sdb1': Device or resource busy (errno 16)", e.Message);
        Assert.Equal(Libc.EBUSY, e.HResult);
    }

    [Fact]
    public void Inotify_limits_are_told_apart_from_a_full_disk_or_too_many_files()
    {
        var watches = Errno.ToException(Libc.ENOSPC, "inotify_add_watch", "/home/ghostroll/ghostroll");
        var instances = Errno.ToException(Libc.EMFILE, "inotify_init1");
        var wake = Errno.ToException(Libc.EMFILE, "eventfd");

        Assert.EndsWith("(errno 28) (inotify watch limit reached; raise fs.inotify.max_user_watches)", watches.Message, StringComparison.Ordinal);
        Assert.StartsWith("inotify_init1 failed: ", instances.Message, StringComparison.Ordinal);
        Assert.Contains("raise fs.inotify.max_user_instances", instances.Message, StringComparison.Ordinal);
        Assert.Contains("raise fs.inotify.max_user_instances", wake.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Libc.ENOSPC, "write failed")]
    [InlineData(Libc.EDQUOT, "write failed")]
    [InlineData(0, "No space left on device : '/var/lib/ghostroll/sessions/a.jpg'")]
    [InlineData(0, "Failed to create '/var/lib/ghostroll/sessions/a.jpg' with allocation size '8000000' because the disk was full.")]
    [InlineData(0, "Disk quota exceeded : '/home/pi/ghostroll/a.jpg'")]
    public void A_full_disk_is_recognised_by_its_errno_or_by_the_text_dotnet_gives_it(int errno, string message)
    {
        var e = errno == 0 ? new IOException(message) : new IOException(message, errno);

        Assert.True(Errno.IsDiskFull(e));
    }

    [Fact]
    public void Other_failures_are_not_a_full_disk()
    {
        Assert.False(Errno.IsDiskFull(new IOException("read failed", Libc.EIO)));
        Assert.False(Errno.IsDiskFull(new IOException("Permission denied")));
        // Only I/O failures count: a message that merely mentions space is not the disk running out.
        Assert.False(Errno.IsDiskFull(new InvalidOperationException("No space left on device")));
    }

    [Fact]
    public void Card_operations_get_no_inotify_hint() =>
        Assert.DoesNotContain("inotify", Errno.ToException(Libc.ENOSPC, "open lock file", "/run/ghostroll/locks/sdb1.lock").Message, StringComparison.Ordinal);
}
