using System.Device.Spi;
using GhostRoll.Hardware.Buses;
using GhostRoll.Hardware.Interop;
using GhostRoll.Interop;
using GhostRoll.TestSupport;

namespace GhostRoll.Hardware.Tests.Interop;

/// <summary>
/// The real libc path (LibraryImport, SafeHandle marshalling, errno capture) and System.Device.Gpio on this machine,
/// which has no SPI, GPIO or I2C: /dev/null accepts open and rejects every device ioctl with ENOTTY, a missing node gives ENOENT, and no
/// file descriptor is left behind. Runs alone: it counts the process's descriptors on /dev/null.
/// </summary>
[Collection(nameof(ProcessDescriptorCount))]
public sealed class LinuxKernelTests
{
    [Fact]
    public void A_device_ioctl_on_the_wrong_file_reports_ENOTTY_with_path_and_step_and_closes_the_fd()
    {
        Assert.SkipWhen(TestHost.UnderQemuUser, "qemu-user answers GPIO ioctls it cannot translate with ENOSYS, not the kernel's ENOTTY");
        var before = OpenDescriptors();

        var gpio = Assert.Throws<HardwareIOException>(() => GpioChip.Open(LinuxKernel.Instance, "/dev/null"));

        Assert.Equal((Libc.ENOTTY, "/dev/null", "read GPIO chip info"), (gpio.Errno, gpio.DevicePath, gpio.Operation));
        Assert.Equal(Libc.ENOTTY, gpio.HResult);
        Assert.Equal(before, OpenDescriptors());
    }

    /// <summary>
    /// The real System.Device.Gpio on this machine (no spidev, no i2c-dev): its errors still decode to errno and our
    /// advice, so a change in how it words them fails here rather than on a Pi.
    /// </summary>
    [Fact]
    public void System_Device_Gpio_errors_keep_their_errno_and_get_our_advice()
    {
        using var spi = new SpidevDevice(SpiDevice.Create(new SpiConnectionSettings(4242, 0)), "/dev/spidev4242.0", 4096);
        var spiError = Assert.Throws<HardwareIOException>(() => spi.Write([0x12]));
        var i2cError = Assert.Throws<HardwareIOException>(() => I2cDevDevice.Open(0x57, busId: 4242));

        Assert.Equal((Libc.ENOENT, "/dev/spidev4242.0"), (spiError.Errno, spiError.DevicePath));
        Assert.Contains("dtparam=spi=on", spiError.Message, StringComparison.Ordinal);
        Assert.Equal((Libc.ENOENT, "/dev/i2c-4242"), (i2cError.Errno, i2cError.DevicePath));
        Assert.Contains("dtparam=i2c_arm=on", i2cError.Message, StringComparison.Ordinal);
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
