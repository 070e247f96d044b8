using GhostRoll.Appliance.Cards;
using GhostRoll.Appliance.Tests.TestDoubles;

namespace GhostRoll.Appliance.Tests.Cards;

public class BlockDeviceTests
{
    [Fact]
    public void Reads_type_label_and_serial_from_udevs_database()
    {
        using var sys = new FakeSysfs();
        sys.AddDevice("sdb1", "8:17");
        sys.SetUdev("8:17", "ID_FS_TYPE=exfat", "ID_FS_LABEL=auto-import_1", @"ID_FS_LABEL_ENC=auto-import\x201", "ID_FS_UUID=64E5-7A3C", "ID_FS_USAGE=filesystem");

        var device = BlockDevice.Resolve("/dev/sdb1", sys.Paths);

        Assert.Equal("sdb1", device.KernelName);
        Assert.Equal("8:17", device.MajorMinor);
        Assert.Equal("exfat", device.FileSystemType);
        Assert.Equal("auto-import 1", device.Label); // the real label, not udev's whitespace-free form
        Assert.Equal("64E5-7A3C", device.Uuid);
    }

    [Fact]
    public void Decodes_non_ascii_labels_byte_by_byte() =>
        Assert.Equal("Fotos Ä", UdevDatabase.DecodeEncoded(@"Fotos\x20Ä"));

    [Fact]
    public void A_device_that_is_not_there_is_reported_as_gone()
    {
        using var sys = new FakeSysfs();

        var e = Assert.Throws<CardException>(() => BlockDevice.Resolve("/dev/sdq1", sys.Paths));

        Assert.True(e.CardGone);
        Assert.Contains("/dev/sdq1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Removal_of_a_partitioned_card_is_seen_when_its_partition_disappears()
    {
        using var sys = new FakeSysfs();
        sys.AddDevice("sda1", "8:1");
        sys.SetUdev("8:1", "ID_FS_TYPE=vfat", "ID_FS_LABEL=auto-import", "ID_FS_UUID=1111-2222");
        var device = BlockDevice.Resolve("/dev/sda1", sys.Paths);
        Assert.True(device.IsPresent(sys.Paths));

        sys.RemoveDevice("sda1");

        Assert.False(device.IsPresent(sys.Paths));
    }

    [Fact]
    public void Removal_of_a_card_without_partition_table_is_seen_from_the_readers_size()
    {
        // A card formatted without partitions sits on the reader's disk itself: sda stays, its size drops to 0.
        using var sys = new FakeSysfs();
        sys.AddDevice("sda", "8:0");
        sys.SetUdev("8:0", "ID_FS_TYPE=vfat", "ID_FS_LABEL=auto-import", "ID_FS_UUID=1111-2222");
        var device = BlockDevice.Resolve("/dev/sda", sys.Paths);

        sys.SetSize("sda", 0);
        sys.SetUdev("8:0", "ID_BUS=usb");

        Assert.False(device.IsPresent(sys.Paths));
    }

    [Fact]
    public void Removal_from_a_reader_is_seen_even_while_the_partition_is_still_mounted()
    {
        // The kernel cannot drop an open (mounted) partition when the card leaves the reader; the disk goes to size 0.
        using var sys = new FakeSysfs();
        sys.AddPartitionedDisk("sda", "8:0", "sda1", "8:1");
        sys.SetUdev("8:1", "ID_FS_TYPE=vfat", "ID_FS_LABEL=auto-import", "ID_FS_UUID=1111-2222");
        var device = BlockDevice.Resolve("/dev/sda1", sys.Paths);
        Assert.Equal("sda", device.ParentKernelName);
        Assert.True(device.IsPresent(sys.Paths));

        sys.SetSize("sda", 0);

        Assert.False(device.IsPresent(sys.Paths));
    }

    [Fact]
    public void A_different_card_swapped_into_the_same_reader_counts_as_a_removal()
    {
        using var sys = new FakeSysfs();
        sys.AddDevice("sda", "8:0");
        sys.SetUdev("8:0", "ID_FS_TYPE=vfat", "ID_FS_LABEL=auto-import", "ID_FS_UUID=1111-2222");
        var device = BlockDevice.Resolve("/dev/sda", sys.Paths);

        sys.SetUdev("8:0", "ID_FS_TYPE=vfat", "ID_FS_LABEL=auto-import", "ID_FS_UUID=3333-4444");

        Assert.False(device.IsPresent(sys.Paths));
    }

    [Fact]
    public async Task The_import_asks_the_mount_service_to_unmount_and_waits_until_it_has()
    {
        using var sys = new FakeSysfs();
        using var locks = new GhostRoll.TestSupport.TempDirectory("release");
        sys.AddDevice("sdb1", "8:17");
        sys.SetUdev("8:17", "ID_FS_TYPE=vfat", "ID_FS_LABEL=auto-import", "ID_FS_UUID=1111-2222");
        var mountLine = "98 22 8:17 / /run/ghostroll/cards/sdb1 ro,nosuid,nodev,noexec,noatime - vfat /dev/sdb1 ro\n";
        sys.SetMountInfo(mountLine);
        var card = new BlockDeviceCard(BlockDevice.Resolve("/dev/sdb1", sys.Paths), "/run/ghostroll/cards", locks.Path, sys.Paths);
        var volume = card.Open();
        Assert.Equal("/run/ghostroll/cards/sdb1", volume.Path);
        Assert.False(volume.MountedByUs);

        // Stand-in for ghostroll-mount@: unmounts (drops the mountinfo line) once asked.
        var holder = Task.Run(async () =>
        {
            await GhostRoll.TestSupport.Eventually.UntilAsync(() => File.Exists(card.ReleaseRequestPath));
            sys.SetMountInfo("");
        }, TestContext.Current.CancellationToken);
        volume.Dispose();

        Assert.Null(card.ExistingMount()); // Dispose returned only once the card was unmounted
        await holder;
    }

    [Fact]
    public void Someone_elses_mount_of_the_card_is_read_but_never_released()
    {
        using var sys = new FakeSysfs();
        using var locks = new GhostRoll.TestSupport.TempDirectory("release");
        sys.AddDevice("sdb1", "8:17");
        sys.SetMountInfo("98 22 8:17 / /media/pi/auto-import rw,nosuid,nodev - vfat /dev/sdb1 rw\n");
        var card = new BlockDeviceCard(BlockDevice.Resolve("/dev/sdb1", sys.Paths), "/run/ghostroll/cards", locks.Path, sys.Paths);

        using (var volume = card.Open())
        {
            Assert.Equal("/media/pi/auto-import", volume.Path);
        }

        Assert.False(File.Exists(card.ReleaseRequestPath));
    }

    [Fact]
    public void Mount_refuses_file_systems_cameras_do_not_write()
    {
        var device = new BlockDevice { DevicePath = "/dev/sdb1", KernelName = "sdb1", MajorMinor = "8:17", FileSystemType = "ext4", Label = "auto-import" };

        var e = Assert.Throws<CardException>(() => CardMounter.Mount(device, "/nonexistent/never-created"));

        Assert.Contains("ext4", e.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists("/nonexistent/never-created"));
    }
}
