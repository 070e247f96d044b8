using GhostRoll.Ingest;
using GhostRoll.TestSupport;

namespace GhostRoll.Core.Tests.Ingest;

public sealed class VolumeInfoTests
{
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

        var mounts = VolumeInfo.ReadMountInfo(path);

        Assert.Equal(2, mounts.Count);
        Assert.Equal("/media/pi/auto-import 1", mounts[1].MountPoint);
        Assert.Equal("/dev/sda1", mounts[1].Source);
        Assert.Equal("vfat", mounts[1].FileSystem);
        Assert.Equal((8u, 1u), (mounts[1].Major, mounts[1].Minor));
    }

    [Fact]
    public void Udev_label_escapes_are_decoded() =>
        Assert.Equal("auto-import 1", VolumeInfo.UnescapeUdev(@"auto-import\x201"));

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
}
