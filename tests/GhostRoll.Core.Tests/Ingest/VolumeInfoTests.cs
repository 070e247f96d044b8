using GhostRoll.Ingest;
using GhostRoll.TestSupport;

namespace GhostRoll.Core.Tests.Ingest;

public sealed class VolumeInfoTests
{
    [Fact]
    public void The_same_folder_has_a_stable_identity_and_different_folders_differ()
    {
        var a1 = VolumeInfo.Identify(Fixtures.Card("basic"));
        var a2 = VolumeInfo.Identify(Fixtures.Card("basic") + "/");
        var b = VolumeInfo.Identify(Fixtures.Card("raw"));

        Assert.Equal(a1.Id, a2.Id);
        Assert.NotEqual(a1.Id, b.Id);
        Assert.EndsWith("/cards/basic", a1.Id, StringComparison.Ordinal);
    }

    [Fact]
    public void The_volume_is_read_from_the_mount_table_and_udevs_links()
    {
        // A card as a desktop mounts it: a mount point with a space, its device's by-label link escaped by udev.
        using var temp = new TempDirectory("volume");
        var mountPoint = Directory.CreateDirectory(temp.Combine("auto-import 1")).FullName;
        Directory.CreateDirectory(Path.Combine(mountPoint, "DCIM"));
        var device = FileStatus.Of(mountPoint);
        var mountInfo = temp.Combine("mountinfo");
        File.WriteAllText(mountInfo,
            "22 1 0:21 / / rw,relatime - ext4 /dev/root rw\n"
            + $"98 22 {device.DeviceMajor}:{device.DeviceMinor} / {mountPoint.Replace(" ", "\\040", StringComparison.Ordinal)} ro,nosuid,noatime shared:60 - vfat /dev/sdz9 ro\n");
        var byLabel = Directory.CreateDirectory(temp.Combine("disk", "by-label")).FullName;
        File.CreateSymbolicLink(Path.Combine(byLabel, @"auto-import\x201"), "/dev/sdz9");
        File.CreateSymbolicLink(Path.Combine(byLabel, "other"), "/dev/sdy1");

        var volume = VolumeInfo.Identify(Path.Combine(mountPoint, "DCIM"), mountInfo, temp.Combine("disk"));

        Assert.Equal(mountPoint, volume.MountPoint);
        Assert.Equal("/dev/sdz9", volume.Source);
        Assert.Equal("vfat", volume.FileSystem);
        Assert.True(volume.ReadOnly);
        Assert.Equal("auto-import 1", volume.Label);
        Assert.Equal("dev:/dev/sdz9/DCIM", volume.Id);
    }
}
