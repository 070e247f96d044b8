using GhostRoll.Hardware.Buses;
using GhostRoll.Hardware.Interop;
using GhostRoll.Hardware.Tests.Fakes;

namespace GhostRoll.Hardware.Tests.Interop;

public sealed class I2cDevBusTests
{
    [Fact]
    public void Smbus_byte_data_reads_reach_the_register_of_the_selected_address()
    {
        var pi = new VirtualPi();
        var board = pi.I2c!.Attach(new SimulatedPiSugar3());
        board.Registers[0x22] = 0x0F;
        var bus = new I2cDevBus(pi.Kernel, "/dev/i2c-1");

        using (var device = bus.Open(0x57))
        {
            Assert.Equal(0x0F, device.ReadByteData(0x22));
            Assert.Equal(0x57, device.Address);
        }

        Assert.Equal(0, pi.Kernel.OpenFiles);
    }

    [Fact]
    public void Combined_write_then_read_is_one_transfer_with_a_repeated_start()
    {
        var pi = new VirtualPi();
        var board = pi.I2c!.Attach(new SimulatedPiSugar3());
        board.Millivolts = 3987;
        using var device = new I2cDevBus(pi.Kernel, "/dev/i2c-1").Open(0x57);
        var read = new byte[2];

        device.WriteRead([0x22], read);

        Assert.Equal(3987, (read[0] << 8) | read[1]);
    }

    [Fact]
    public void Nothing_at_the_address_is_a_clear_error()
    {
        var pi = new VirtualPi();
        using var device = new I2cDevBus(pi.Kernel, "/dev/i2c-1").Open(0x57);

        var error = Assert.Throws<HardwareIOException>(() => device.ReadByteData(0x22));

        Assert.Equal(Libc.EREMOTEIO, error.Errno);
        Assert.Contains("0x57", error.Message, StringComparison.Ordinal);
        Assert.Contains("Nothing answered", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_address_bound_to_a_kernel_driver_is_EBUSY_and_the_fd_is_closed()
    {
        var pi = new VirtualPi();
        pi.I2c!.DriverOwned.Add(0x68);

        var error = Assert.Throws<HardwareIOException>(() => new I2cDevBus(pi.Kernel, "/dev/i2c-1").Open(0x68));

        Assert.Equal(Libc.EBUSY, error.Errno);
        Assert.Contains("kernel driver owns", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, pi.Kernel.OpenFiles);
    }

    [Fact]
    public void Addresses_outside_the_7_bit_range_are_refused_before_any_syscall()
    {
        var pi = new VirtualPi();
        var bus = new I2cDevBus(pi.Kernel, "/dev/i2c-1");

        Assert.Throws<ArgumentOutOfRangeException>(() => bus.Open(0x80));
        Assert.Equal(0, pi.Kernel.OpenFiles);
    }
}
