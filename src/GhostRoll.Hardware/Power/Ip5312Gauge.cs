using System.Device.I2c;
using GhostRoll.Hardware.Buses;

namespace GhostRoll.Hardware.Power;

/// <summary>
/// PiSugar 2 Pro / 2 Plus (Pi 3/4 boards): Injoinic IP5312 at 0x75 (pisugar-power-manager-rs <c>ip5312.rs</c>).
/// Charging is inferred from a rising voltage, as pisugar-server does on the 4-LED board.
/// </summary>
internal sealed class Ip5312Gauge : PiSugarGauge
{
    public const int DefaultAddress = 0x75;

    public Ip5312Gauge(I2cDevice device, BatteryCurve? curve = null, IDisposable? ownedDevice = null)
        : base(device, curve ?? BatteryCurve.Ip5312, ownedDevice)
    {
    }

    public override string Board => "PiSugar 2 Pro";

    /// <summary>
    /// Both voltage registers reading 0 means "not an IP5312" (<c>read_voltage</c> returns an error; pisugar-server's
    /// early auto-detection told IP5312 from IP5209 this way).
    /// </summary>
    internal static bool LooksPresent(I2cDevice device) =>
        device.ReadRegister((byte)Ip5312Register.BatteryVoltageLow) != 0 || device.ReadRegister((byte)Ip5312Register.BatteryVoltageHigh) != 0;

    /// <summary>VBAT = 2600 mV + (14-bit count) x 0.26855 mV.</summary>
    internal static double DecodeVolts(byte low, byte high) =>
        (2600 + ((((high & 0x3F) << 8) | low) * Ip5209Gauge.MillivoltsPerCount)) / 1000.0;

    private protected override double ReadVolts()
    {
        var low = Device.ReadRegister((byte)Ip5312Register.BatteryVoltageLow);
        var high = Device.ReadRegister((byte)Ip5312Register.BatteryVoltageHigh);
        if (low == 0 && high == 0)
        {
            throw new IOException($"{Board} at I2C address 0x{Device.Address():X2} reads 0 from its voltage registers: it is not an IP5312 (try BATTERY=pisugar2 or auto).");
        }

        return DecodeVolts(low, high);
    }

    private protected override (bool Charging, bool PowerPlugged) ReadPowerState(VoltageWindow window) =>
        (window.Rising, window.Rising);
}

/// <summary>IP5312 registers the gauge reads (ip5312.rs).</summary>
internal enum Ip5312Register : byte
{
    /// <summary>0xD0: battery voltage count, low byte.</summary>
    BatteryVoltageLow = 0xD0,

    /// <summary>0xD1: battery voltage count, high 6 bits.</summary>
    BatteryVoltageHigh = 0xD1,
}
