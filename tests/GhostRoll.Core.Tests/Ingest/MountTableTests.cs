using GhostRoll.Ingest;
using GhostRoll.TestSupport;

namespace GhostRoll.Core.Tests.Ingest;

/// <summary>The one mount table reader, used by <see cref="VolumeInfo"/> and by the appliance's card handling.</summary>
public sealed class MountTableTests
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

    [Fact]
    public void Mountinfo_lines_are_parsed_with_their_octal_escapes()
    {
        using var temp = new TempDirectory("mountinfo");
        var path = temp.Combine("mountinfo");
        File.WriteAllLines(path,
        [
            "22 27 0:21 / /proc rw,relatime - proc proc rw",
            @"98 27 8:1 / /media/pi/auto-import\0401 ro,nosuid,nodev,noexec,relatime shared:60 - vfat /dev/sda1 ro,fmask=0022",
            "garbage line",
        ]);

        var mounts = MountTable.Read(path);

        Assert.Equal(2, mounts.Count);
        Assert.Equal("/media/pi/auto-import 1", mounts[1].MountPoint);
        Assert.Equal("/dev/sda1", mounts[1].Source);
        Assert.Equal("vfat", mounts[1].FileSystemType);
        Assert.Equal((8u, 1u), (mounts[1].Major, mounts[1].Minor));
    }

    [Fact]
    public void Lines_with_a_device_number_that_is_not_major_colon_minor_are_skipped()
    {
        var entries = MountTable.Parse(
            "98 27 8:1:2 / /a rw - vfat /dev/sda1 rw\n" +
            "99 27 x:1 / /b rw - vfat /dev/sda2 rw\n" +
            "100 27 8:3 /sub /c rw - vfat /dev/sda3 rw\n");

        var entry = Assert.Single(entries);
        Assert.Equal("8:3", entry.MajorMinor);
        Assert.Equal("/sub", entry.Root);
    }

    [Fact]
    public void A_missing_mount_table_reads_as_empty() =>
        Assert.Empty(MountTable.Read("/proc/self/no-such-mountinfo"));
}
