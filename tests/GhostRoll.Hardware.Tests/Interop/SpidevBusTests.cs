using GhostRoll.Hardware.Buses;
using GhostRoll.Hardware.Interop;
using GhostRoll.Hardware.Tests.Fakes;

namespace GhostRoll.Hardware.Tests.Interop;

public sealed class SpidevBusTests
{
    [Fact]
    public void Open_sets_mode_0_eight_bit_words_and_the_clock_close_on_exec()
    {
        var pi = new VirtualPi();

        using (var bus = SpidevBus.Open(pi.Kernel, "/dev/spidev0.0", 4_000_000, 4096))
        {
            Assert.Equal((byte)0, pi.Spidev!.Mode);
            Assert.Equal((byte)8, pi.Spidev.BitsPerWord);
            Assert.Equal(4_000_000u, pi.Spidev.MaxSpeedHz);
        }

        Assert.Empty(pi.Kernel.OpenedWithoutCloseOnExec);
        Assert.Equal(0, pi.Kernel.OpenFiles);
    }

    [Fact]
    public void Writes_longer_than_the_spidev_buffer_are_split_into_messages_that_fit()
    {
        var pi = new VirtualPi();
        var frame = Enumerable.Range(0, 5808).Select(i => (byte)i).ToArray();
        using var bus = SpidevBus.Open(pi.Kernel, "/dev/spidev0.0", 4_000_000, SpidevBus.ReadMaxTransferBytes(pi.Kernel));

        bus.Write(frame);

        Assert.Equal([4096, 1712], pi.Spidev!.Messages.Select(m => m.Length));
        Assert.Equal(frame, pi.Spidev.Messages.SelectMany(m => m));
    }

    [Fact]
    public void The_live_bufsiz_parameter_is_honoured_and_its_absence_means_4096()
    {
        var pi = new VirtualPi();
        pi.Kernel.Attributes["/sys/module/spidev/parameters/bufsiz"] = "1024\n";
        Assert.Equal(1024, SpidevBus.ReadMaxTransferBytes(pi.Kernel));
        pi.Kernel.Attributes.Clear();
        Assert.Equal(4096, SpidevBus.ReadMaxTransferBytes(pi.Kernel));
    }

    [Fact]
    public void A_message_the_driver_rejects_surfaces_as_EMSGSIZE_with_advice()
    {
        var pi = new VirtualPi();
        pi.Spidev!.BufferSize = 1024;
        using var bus = SpidevBus.Open(pi.Kernel, "/dev/spidev0.0", 4_000_000, 4096);

        var error = Assert.Throws<HardwareIOException>(() => bus.Write(new byte[2000]));

        Assert.Equal(Libc.EMSGSIZE, error.Errno);
        Assert.Contains("bufsiz", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_spidev_node_says_how_to_enable_spi()
    {
        var pi = new VirtualPi(withSpi: false);

        var error = Assert.Throws<HardwareIOException>(() => SpidevBus.Open(pi.Kernel, "/dev/spidev0.0", 4_000_000, 4096));

        Assert.Equal(Libc.ENOENT, error.Errno);
        Assert.Equal("/dev/spidev0.0", error.DevicePath);
        Assert.Contains("dtparam=spi=on", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, pi.Kernel.OpenFiles);
    }
}
