using GhostRoll.Hardware.Power;
using GhostRoll.Hardware.Tests.Fakes;

namespace GhostRoll.Hardware.Tests.Power;

public sealed class PiSugarGaugeTests
{
    [Fact]
    public void PiSugar3_reads_millivolts_big_endian_and_power_bits_of_control_register_1()
    {
        var board = new SimulatedPiSugar3 { Millivolts = 3850 };
        using var gauge = new PiSugar3Gauge(board);

        var onBattery = gauge.Read();
        board.PowerPlugged = true;
        var charging = gauge.Read();
        board.ChargingAllowed = false;
        var pluggedNotCharging = gauge.Read();

        Assert.Equal(new BatteryStatus(82.5, 3.85, Charging: false, PowerPlugged: false, "PiSugar 3"), onBattery with { Percentage = Math.Round(onBattery.Percentage, 2) });
        Assert.Equal((true, true), (charging.Charging, charging.PowerPlugged));
        Assert.Equal((false, true), (pluggedNotCharging.Charging, pluggedNotCharging.PowerPlugged));
    }

    [Fact]
    public void The_level_follows_the_average_of_the_last_30_samples_like_pisugar_server()
    {
        var board = new SimulatedPiSugar3 { Millivolts = 4000 };
        using var gauge = new PiSugar3Gauge(board);
        Assert.Equal(BatteryCurve.Ip5312.ToPercentage(4.00), gauge.Read().Percentage, precision: 6);

        board.Millivolts = 3700;
        var levels = Enumerable.Range(0, 30).Select(_ => gauge.Read()).ToList();

        // First window: one 3.70 V sample among 29 of 4.00 V; after 15: mean 3.85 V; after 30: only 3.70 V.
        Assert.Equal(BatteryCurve.Ip5312.ToPercentage(((29 * 4.00) + 3.70) / 30), levels[0].Percentage, precision: 6);
        Assert.Equal(82.5, levels[14].Percentage, precision: 6);
        Assert.Equal(65, levels[29].Percentage, precision: 6);
        Assert.All(levels, l => Assert.Equal(3.70, l.Volts, precision: 6));
    }

    [Fact]
    public void An_implausible_reading_is_an_error_and_stays_out_of_the_average()
    {
        var board = new SimulatedPiSugar3 { Millivolts = 3850 };
        using var gauge = new PiSugar3Gauge(board);
        gauge.Read();

        board.Millivolts = 0xFFFF;
        var error = Assert.Throws<IOException>(gauge.Read);
        Assert.Contains("65.535 V", error.Message, StringComparison.Ordinal);
        Assert.Contains("BATTERY", error.Message, StringComparison.Ordinal);

        board.Millivolts = 3850;
        Assert.Equal(82.5, gauge.Read().Percentage, precision: 6);
    }

    [Fact]
    public void A_board_that_stops_answering_throws_IOException()
    {
        var board = new SimulatedPiSugar3 { Answering = false };
        using var gauge = new PiSugar3Gauge(board);

        Assert.Throws<IOException>(gauge.Read);
    }

    [Theory]
    [InlineData(0x00, 0x0A, 3.287488)]   // count 2560: 2600 + 2560 x 0.26855 mV
    [InlineData(0xFF, 0x1F, 4.799693)]   // largest positive count, 8191
    [InlineData(0xFF, 0x3F, 2.599731)]   // count -1 (sign bit 0x20 set)
    public void Ip5209_battery_adc_decodes_as_a_signed_14_bit_count(byte low, byte high, double volts) =>
        Assert.Equal(volts, Ip5209Gauge.DecodeVolts(low, high), precision: 6);

    [Fact]
    public void Ip5209_reports_voltage_level_and_infers_charging_from_a_rising_voltage()
    {
        var board = new SimulatedIp5209 { Millivolts = 3950 };
        using var gauge = new Ip5209Gauge(board);

        var first = gauge.Read();
        Assert.Equal(3.95, first.Volts, precision: 3);
        Assert.Equal(70.63, first.Percentage, precision: 1);
        Assert.False(first.Charging);

        var rising = Enumerable.Range(1, 10).Select(i =>
        {
            board.Millivolts = 3950 + (i * 5);
            return gauge.Read();
        }).ToList();
        Assert.All(rising, r => Assert.True(r.Charging && r.PowerPlugged));

        var flat = Enumerable.Range(0, 30).Select(_ => gauge.Read()).ToList()[^1];
        Assert.False(flat.Charging);
        Assert.False(flat.PowerPlugged);
    }

    [Fact]
    public void Ip5312_reads_its_14_bit_count_and_treats_two_zero_registers_as_not_an_ip5312()
    {
        var board = new SimulatedIp5312 { Millivolts = 3800 };
        using var gauge = new Ip5312Gauge(board);

        var status = gauge.Read();
        Assert.Equal(3.80, status.Volts, precision: 3);
        Assert.Equal(77, status.Percentage, precision: 0);
        Assert.Equal("PiSugar 2 Pro", status.Board);

        board.Registers[0xD0] = 0;
        board.Registers[0xD1] = 0;
        var error = Assert.Throws<IOException>(gauge.Read);
        Assert.Contains("not an IP5312", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Gauges_never_write_to_the_board()
    {
        var board = new SimulatedPiSugar3();
        var before = board.Registers.ToArray();
        using var gauge = new PiSugar3Gauge(board);

        for (var i = 0; i < 5; i++)
        {
            gauge.Read();
        }

        Assert.Equal(before, board.Registers);
    }
}
