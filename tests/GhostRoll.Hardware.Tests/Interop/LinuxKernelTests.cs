using GhostRoll.Hardware.Buses;
using GhostRoll.Hardware.Interop;
using GhostRoll.TestSupport;

namespace GhostRoll.Hardware.Tests.Interop;

/// <summary>
/// The real libc path (LibraryImport, SafeHandle marshalling, errno capture) on this machine, which has no SPI, GPIO
/// or I2C: /dev/null accepts open and rejects every device ioctl with ENOTTY, a missing node gives ENOENT, and no
/// file descriptor is left behind. Runs alone: it counts the process's descriptors on /dev/null.
/// </summary>
[Collection(nameof(ProcessDescriptorCount))]
public sealed class LinuxKernelTests
{
    [Fact]
    public void A_device_ioctl_on_the_wrong_file_reports_ENOTTY_with_path_and_step_and_closes_the_fd()
    {
        Assert.SkipWhen(TestHost.UnderQemuUser, "qemu-user answers spidev and GPIO ioctls it cannot translate with ENOSYS, not the kernel's ENOTTY");
        var before = OpenDescriptors();

        var spi = Assert.Throws<HardwareIOException>(() => SpidevBus.Open(LinuxKernel.Instance, "/dev/null", 4_000_000, 4096));
        var gpio = Assert.Throws<HardwareIOException>(() => GpioChip.Open(LinuxKernel.Instance, "/dev/null"));
        var i2c = Assert.Throws<HardwareIOException>(() => new I2cDevBus(LinuxKernel.Instance, "/dev/null").Open(0x57));

        Assert.Equal((Libc.ENOTTY, "/dev/null", "set SPI mode"), (spi.Errno, spi.DevicePath, spi.Operation));
        Assert.Equal((Libc.ENOTTY, "read GPIO chip info"), (gpio.Errno, gpio.Operation));
        Assert.Equal((Libc.ENOTTY, "select I2C address 0x57"), (i2c.Errno, i2c.Operation));
        Assert.Equal(Libc.ENOTTY, spi.HResult);
        Assert.Equal(before, OpenDescriptors());
    }

    [Fact]
    public void Opening_a_missing_node_reports_ENOENT()
    {
        var error = Assert.Throws<HardwareIOException>(() => GpioChip.Open(LinuxKernel.Instance, "/dev/gpiochip-ghostroll-missing"));

        Assert.Equal(Libc.ENOENT, error.Errno);
        Assert.Contains("No such file or directory", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Descriptors open on /dev/null, the node these tests open. Counting every descriptor was not enough: handles
    /// that earlier tests dropped (child-process pipes) are closed by the finalizer thread whenever the GC runs, which
    /// changed the total in the middle of this test. Pending finalizers run first for the same reason.
    /// </summary>
    private static int OpenDescriptors()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var count = 0;
        foreach (var fd in Directory.GetFiles("/proc/self/fd"))
        {
            try
            {
                count += new FileInfo(fd).LinkTarget == "/dev/null" ? 1 : 0;
            }
            catch (IOException)
            {
                // The descriptor of the directory listing itself is gone by now.
            }
        }

        return count;
    }
}

/// <summary>Tests that count /proc/self/fd must not run beside tests that open files.</summary>
[CollectionDefinition(nameof(ProcessDescriptorCount), DisableParallelization = true)]
public sealed class ProcessDescriptorCount;
