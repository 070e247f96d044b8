using GhostRoll.Hardware.Buses;
using GhostRoll.Hardware.Interop;
using GhostRoll.Hardware.Tests.Fakes;
using GhostRoll.Interop;

namespace GhostRoll.Hardware.Tests.Interop;

/// <summary>I2cDevDevice over a simulated /dev/i2c-1 that reports errors as System.Device.Gpio does.</summary>
public sealed class I2cDevDeviceTests
{
    [Fact]
    public void A_register_read_is_one_combined_transfer_at_the_selected_address()
    {
        var pi = new VirtualPi();
        var board = pi.I2c.Attach(new SimulatedPiSugar3());
        board.Millivolts = 3987;

        using (var device = I2cDevDevice.Open(pi.I2c.Create, 1, 0x57))
        {
            Assert.Equal(0x0F, device.ReadRegister(0x22));
            Assert.Equal(0x57, device.Address());
            var read = new byte[2];
            device.WriteRead([0x22], read);
            Assert.Equal(3987, (read[0] << 8) | read[1]);
        }

        Assert.Equal(0, pi.I2c.OpenDevices);
    }

    [Fact]
    public void Nothing_at_the_address_is_a_clear_error()
    {
        var pi = new VirtualPi();
        using var device = I2cDevDevice.Open(pi.I2c.Create, 1, 0x57);

        var error = Assert.Throws<HardwareIOException>(() => device.ReadRegister(0x22));

        Assert.Equal((Libc.EREMOTEIO, "/dev/i2c-1"), (error.Errno, error.DevicePath));
        Assert.Contains("0x57", error.Message, StringComparison.Ordinal);
        Assert.Contains("Nothing answered", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_bus_says_how_to_enable_i2c()
    {
        var pi = new VirtualPi(withI2c: false);

        var error = Assert.Throws<HardwareIOException>(() => I2cDevDevice.Open(pi.I2c.Create, 1, 0x57));

        Assert.Equal(Libc.ENOENT, error.Errno);
        Assert.Contains("dtparam=i2c_arm=on", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, pi.I2c.OpenDevices);
    }

    [Fact]
    public void Addresses_outside_the_7_bit_range_are_refused_before_the_bus_is_opened()
    {
        var pi = new VirtualPi();

        Assert.Throws<ArgumentOutOfRangeException>(() => I2cDevDevice.Open(pi.I2c.Create, 1, 0x80));
        Assert.Equal(0, pi.I2c.OpenDevices);
    }
}
