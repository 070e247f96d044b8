using System.Device.I2c;
using GhostRoll.Hardware.Buses;

namespace GhostRoll.Hardware.Power;

/// <summary>
/// What every PiSugar gauge shares: read the cell voltage, keep PiSugar's 30-sample window, turn its average into a
/// percentage on the board's curve, and read or infer the power state. Gauges only read registers: they never change
/// a board's configuration, so they coexist with pisugar-server.
/// </summary>
internal abstract class PiSugarGauge : IBatteryGauge
{
    /// <summary>
    /// Readings outside this range are not a Li-ion cell: a board that is absent, busy or something else answering
    /// at its address. They are reported as errors and kept out of the average.
    /// </summary>
    internal const double MinimumPlausibleVolts = 2.0;
    internal const double MaximumPlausibleVolts = 5.5;

    private readonly VoltageWindow _window = new();
    private readonly BatteryCurve _curve;
    private readonly IDisposable? _ownedDevice;

    private protected PiSugarGauge(I2cDevice device, BatteryCurve curve, IDisposable? ownedDevice)
    {
        Device = device;
        _curve = curve;
        _ownedDevice = ownedDevice;
    }

    public abstract string Board { get; }

    protected I2cDevice Device { get; }

    /// <summary>
    /// One sample: <see cref="BatteryStatus.Volts"/> is this reading; <see cref="BatteryStatus.Percentage"/> comes
    /// from the average of the last 30, like PiSugar's <c>level()</c>. Call it at a steady pace (PiSugar polls every
    /// 500 ms) so the window spans a known time.
    /// </summary>
    public BatteryStatus Read()
    {
        var volts = ReadVolts();
        if (volts is < MinimumPlausibleVolts or > MaximumPlausibleVolts)
        {
            throw new IOException(
                $"{Board} at I2C address 0x{Device.Address():X2} reported {volts:0.000} V, which is no battery voltage: " +
                "check that BATTERY names the board that is fitted (or use BATTERY=auto).");
        }

        _window.Add(volts);
        var (charging, plugged) = ReadPowerState(_window);
        return new BatteryStatus(_curve.ToPercentage(_window.Average), volts, charging, plugged, Board);
    }

    /// <summary>The cell voltage now, in volts.</summary>
    private protected abstract double ReadVolts();

    /// <summary>Charging and power-plugged, from registers or from the voltage trend.</summary>
    private protected abstract (bool Charging, bool PowerPlugged) ReadPowerState(VoltageWindow window);

    public void Dispose()
    {
        _ownedDevice?.Dispose();
        GC.SuppressFinalize(this);
    }
}
