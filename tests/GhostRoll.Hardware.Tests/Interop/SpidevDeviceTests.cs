using System.Device.Spi;
using GhostRoll.Hardware.Buses;
using GhostRoll.Hardware.Interop;
using GhostRoll.Hardware.Tests.Fakes;
using GhostRoll.Interop;

namespace GhostRoll.Hardware.Tests.Interop;

/// <summary>SpidevDevice over a simulated spidev that refuses messages longer than bufsiz, as the kernel does.</summary>
public sealed class SpidevDeviceTests
{
    [Fact]
    public void Open_asks_for_spi0_ce0_mode_0_eight_bit_words_at_4_MHz()
    {
        var pi = new VirtualPi();

        using (var bus = SpidevDevice.Open(pi.Kernel, pi.CreateSpi, SpidevDevice.DefaultSpeedHz))
        {
            var settings = bus.ConnectionSettings;
            Assert.Equal((0, 0, SpiMode.Mode0, 8, 4_000_000), (settings.BusId, settings.ChipSelectLine, settings.Mode, settings.DataBitLength, settings.ClockFrequency));
            Assert.Equal("/dev/spidev0.0", bus.Path);
        }

        Assert.True(pi.Spidev!.Disposed);
    }

    [Fact]
    public void Writes_longer_than_the_spidev_buffer_are_split_into_messages_that_fit()
    {
        var pi = new VirtualPi();
        var frame = Enumerable.Range(0, 5808).Select(i => (byte)i).ToArray();
        using var bus = SpidevDevice.Open(pi.Kernel, pi.CreateSpi, SpidevDevice.DefaultSpeedHz);

        bus.Write(frame);

        Assert.Equal([4096, 1712], pi.Spidev!.Messages.Select(m => m.Length));
        Assert.Equal(frame, pi.Spidev.Messages.SelectMany(m => m));
    }

    [Fact]
    public void The_live_bufsiz_parameter_is_honoured_and_its_absence_means_4096()
    {
        var pi = new VirtualPi();
        pi.Kernel.Attributes["/sys/module/spidev/parameters/bufsiz"] = "1024\n";
        using (var bus = SpidevDevice.Open(pi.Kernel, pi.CreateSpi, SpidevDevice.DefaultSpeedHz))
        {
            pi.Spidev!.BufferSize = 1024;
            bus.Write(new byte[2500]);
            Assert.Equal([1024, 1024, 452], pi.Spidev.Messages.Select(m => m.Length));
        }

        pi.Kernel.Attributes.Clear();
        Assert.Equal(4096, SpidevDevice.ReadMaxTransferBytes(pi.Kernel));
    }

    [Fact]
    public void A_message_the_driver_rejects_surfaces_as_EMSGSIZE_with_advice()
    {
        var pi = new VirtualPi();
        pi.Spidev!.BufferSize = 1024;
        using var bus = SpidevDevice.Open(pi.Kernel, pi.CreateSpi, SpidevDevice.DefaultSpeedHz);

        var error = Assert.Throws<HardwareIOException>(() => bus.Write(new byte[2000]));

        Assert.Equal((Libc.EMSGSIZE, "/dev/spidev0.0", "SPI transfer"), (error.Errno, error.DevicePath, error.Operation));
        Assert.Contains("bufsiz", error.Message, StringComparison.Ordinal);
        Assert.IsType<IOException>(error.InnerException);
    }

    [Fact]
    public void A_missing_spidev_node_says_how_to_enable_spi()
    {
        var pi = new VirtualPi(withSpi: false);

        var error = Assert.Throws<HardwareIOException>(() => SpidevDevice.Open(pi.Kernel, pi.CreateSpi, SpidevDevice.DefaultSpeedHz));

        Assert.Equal(Libc.ENOENT, error.Errno);
        Assert.Equal("/dev/spidev0.0", error.DevicePath);
        Assert.Contains("dtparam=spi=on", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Permission_denied_on_the_first_transfer_says_which_groups_to_join()
    {
        var pi = new VirtualPi();
        pi.Spidev!.OpenError = Libc.EACCES;
        using var bus = SpidevDevice.Open(pi.Kernel, pi.CreateSpi, SpidevDevice.DefaultSpeedHz);

        var error = Assert.Throws<HardwareIOException>(() => bus.Write([0x12]));

        Assert.Equal(Libc.EACCES, error.Errno);
        Assert.Contains("spi, gpio and i2c groups", error.Message, StringComparison.Ordinal);
    }
}
