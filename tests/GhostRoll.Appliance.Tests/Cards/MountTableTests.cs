using GhostRoll.Appliance.Cards;

namespace GhostRoll.Appliance.Tests.Cards;

public class MountTableTests
{
    // Shape from proc(5) and a real Raspberry Pi OS table, with a card mounted under a name holding a space.
    private const string Sample =
        "22 1 179:2 / / rw,noatime shared:1 - ext4 /dev/mmcblk0p2 rw\n" +
        "25 22 179:1 / /boot/firmware rw,relatime shared:5 - vfat /dev/mmcblk0p1 rw,fmask=0022\n" +
        "98 22 8:17 / /media/pi/auto-import\\0401 ro,nosuid,nodev,noexec,noatime shared:60 - exfat /dev/sdb1 ro,iocharset=utf8\n" +
        "broken line\n";

    [Fact]
    public void Parses_devices_types_and_escaped_mount_points()
    {
        var entries = MountTable.Parse(Sample);

        Assert.Equal(3, entries.Count);
        var card = MountTable.FindDevice(entries, "8:17");
        Assert.NotNull(card);
        Assert.Equal("/media/pi/auto-import 1", card.MountPoint);
        Assert.Equal("exfat", card.FileSystemType);
        Assert.Equal("/dev/sdb1", card.Source);
        Assert.True(card.ReadOnly);
        Assert.False(MountTable.FindDevice(entries, "179:2")!.ReadOnly);
    }

    [Fact]
    public void Tells_mount_points_from_plain_folders()
    {
        var entries = MountTable.Parse(Sample);

        Assert.True(MountTable.IsMountPoint(entries, "/media/pi/auto-import 1/"));
        Assert.False(MountTable.IsMountPoint(entries, "/media/pi"));
    }

    [Fact]
    public void Reads_this_processs_real_mount_table()
    {
        var entries = MountTable.Read("/proc/self/mountinfo");

        Assert.Contains(entries, e => e.MountPoint == "/");
        Assert.Contains(entries, e => e.FileSystemType == "proc");
    }
}
