using GhostRoll.Hardware.Power;

namespace GhostRoll.Hardware.Tests.Power;

/// <summary>Expected levels worked out by hand from pisugar-server's convert_battery_voltage_to_level and its curves.</summary>
public sealed class BatteryCurveTests
{
    [Theory]
    [InlineData(4.20, 100)]    // above the first point: its level
    [InlineData(4.10, 100)]
    [InlineData(3.85, 82.5)]   // halfway between (3.90, 88) and (3.80, 77)
    [InlineData(3.49, 25.6)]   // exactly on a point
    [InlineData(3.40, 14.43)]  // 4.5 + (0.08 / 0.17) x 21.1
    [InlineData(3.10, 0)]
    [InlineData(2.90, 0)]      // below the last point
    public void Ip5312_curve_used_by_PiSugar_3_and_2_Pro(double volts, double percent) =>
        Assert.Equal(percent, BatteryCurve.Ip5312.ToPercentage(volts), precision: 2);

    [Theory]
    [InlineData(4.16, 100)]
    [InlineData(3.95, 70.63)]  // 65 + (0.03 / 0.08) x 15
    [InlineData(3.70, 14.77)]  // 10 + (0.04 / 0.13) x 15.5
    [InlineData(3.50, 4.3)]    // 3.2 + (0.01 / 0.03) x 3.3
    public void Ip5209_curve_of_PiSugar_2(double volts, double percent) =>
        Assert.Equal(percent, BatteryCurve.Ip5209.ToPercentage(volts), precision: 2);

    [Fact]
    public void Curves_must_fall_from_high_to_low_voltage()
    {
        Assert.Throws<ArgumentException>(() => new BatteryCurve([(3.5, 10), (4.0, 100)]));
        Assert.Throws<ArgumentException>(() => new BatteryCurve([(4.0, 100)]));
    }
}
