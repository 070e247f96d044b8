using GhostRoll.Hardware.Buses;
using GhostRoll.Hardware.Interop;
using GhostRoll.Hardware.Power;
using GhostRoll.Hardware.Tests.Fakes;
using GhostRoll.Interop;

namespace GhostRoll.Hardware.Tests.Power;

/// <summary>BATTERY detection through i2c-dev on a virtual Pi with simulated boards on /dev/i2c-1.</summary>
public sealed class BatteryGaugeFactoryTests
{
    [Fact]
    public void Auto_finds_a_PiSugar_3_at_0x57()
    {
        var pi = new VirtualPi();
        pi.I2c.Attach(new SimulatedPiSugar3 { Millivolts = 3850 });

        using (var gauge = Open(pi, "auto"))
        {
            Assert.Equal("PiSugar 3", gauge!.Board);
            Assert.Equal(82.5, gauge.Read().Percentage, precision: 6);
        }

        Assert.Equal(0, pi.I2c.OpenDevices);
    }

    [Fact]
    public void Auto_tells_IP5312_from_IP5209_at_0x75_by_the_IP5312_voltage_registers()
    {
        var pro = new VirtualPi();
        pro.I2c.Attach(new SimulatedIp5312());
        using (var gauge = Open(pro, "auto"))
        {
            Assert.Equal("PiSugar 2 Pro", gauge!.Board);
        }

        var zero = new VirtualPi();
        zero.I2c.Attach(new SimulatedIp5209());
        using (var gauge = Open(zero, "auto"))
        {
            Assert.Equal("PiSugar 2", gauge!.Board);
        }

        Assert.Equal(0, pro.I2c.OpenDevices + zero.I2c.OpenDevices);
    }

    [Fact]
    public void Auto_is_not_fooled_by_an_erased_eeprom_at_0x57()
    {
        var pi = new VirtualPi();
        var eeprom = pi.I2c.Attach(new SimulatedRegisterMap(0x57));
        Array.Fill(eeprom.Registers, (byte)0xFF);
        pi.I2c.Attach(new SimulatedIp5209());
        using (var gauge = Open(pi, "auto"))
        {
            Assert.Equal("PiSugar 2", gauge!.Board);
        }

        Assert.Equal(0, pi.I2c.OpenDevices);
    }

    [Fact]
    public void Auto_without_a_board_or_without_i2c_means_no_battery()
    {
        var empty = new VirtualPi();
        Assert.Null(Open(empty, "auto"));
        Assert.Equal(0, empty.I2c.OpenDevices);

        Assert.Null(Open(new VirtualPi(withI2c: false), "auto"));
        Assert.Null(Open(new VirtualPi(), "none"));
    }

    [Theory]
    [InlineData("pisugar3", "PiSugar 3")]
    [InlineData("pisugar2", "PiSugar 2")]
    [InlineData("pisugar2pro", "PiSugar 2 Pro")]
    public void A_named_board_opens_its_gauge(string setting, string board)
    {
        var pi = new VirtualPi();
        pi.I2c.Attach<SimulatedRegisterMap>(setting == "pisugar3" ? new SimulatedPiSugar3() : setting == "pisugar2" ? new SimulatedIp5209() : new SimulatedIp5312());

        using var gauge = Open(pi, setting);

        Assert.Equal(board, gauge!.Board);
    }

    [Fact]
    public void A_named_board_that_is_missing_is_an_error_saying_what_to_check()
    {
        var pi = new VirtualPi();

        var error = Assert.Throws<HardwareIOException>(() => Open(pi, "pisugar3"));

        Assert.Equal(Libc.EREMOTEIO, error.Errno);
        Assert.Contains("BATTERY", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, pi.I2c.OpenDevices);

        var noBus = Assert.Throws<HardwareIOException>(() => Open(new VirtualPi(withI2c: false), "pisugar2"));
        Assert.Contains("dtparam=i2c_arm=on", noBus.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_values_list_the_valid_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => Open(new VirtualPi(), "ups-hat"));

        Assert.Contains("pisugar2pro", error.Message, StringComparison.Ordinal);
    }

    private static IBatteryGauge? Open(VirtualPi pi, string setting) =>
        BatteryGaugeFactory.Open(setting, new HeaderI2c(pi.Kernel, pi.I2c.Create), logger: null);
}
