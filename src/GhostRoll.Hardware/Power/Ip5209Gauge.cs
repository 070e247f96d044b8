using System.Device.I2c;
using GhostRoll.Hardware.Buses;

namespace GhostRoll.Hardware.Power;

/// <summary>
/// PiSugar 2 (Pi Zero boards): Injoinic IP5209 power-bank chip at 0x75 (pisugar-power-manager-rs <c>ip5209.rs</c>).
/// The chip has no charging or percentage register the board exposes without reconfiguring its GPIOs, so, like
/// pisugar-server on the 4-LED board, charging is inferred from a rising voltage and power-plugged equals charging.
/// </summary>
internal sealed class Ip5209Gauge : PiSugarGauge
{
    public const int DefaultAddress = 0x75;

    /// <summary>ADC step: 0.26855 mV per count above 2.6 V (<c>read_voltage</c>).</summary>
    internal const double MillivoltsPerCount = 0.26855;

    public Ip5209Gauge(I2cDevice device, BatteryCurve? curve = null, IDisposable? ownedDevice = null)
        : base(device, curve ?? BatteryCurve.Ip5209, ownedDevice)
    {
    }

    public override string Board => "PiSugar 2";

    /// <summary>
    /// BATVADC: a 14-bit two's-complement count (bit 5 of the high byte is the sign), VBAT = 2600 mV + count x
    /// 0.26855 mV. pisugar-server subtracts for negative counts, which mirrors voltages below 2.6 V above it; both
    /// land at 0 % on the curve, we keep the sign.
    /// </summary>
    internal static double DecodeVolts(byte low, byte high)
    {
        var count = (high & 0x20) != 0 ? (short)(((high | 0xC0) << 8) | low) : ((high & 0x1F) << 8) | low;
        return (2600 + (count * MillivoltsPerCount)) / 1000.0;
    }

    private protected override double ReadVolts() =>
        DecodeVolts(Device.ReadRegister((byte)Ip5209Register.BatteryVoltageLow), Device.ReadRegister((byte)Ip5209Register.BatteryVoltageHigh));

    private protected override (bool Charging, bool PowerPlugged) ReadPowerState(VoltageWindow window) =>
        (window.Rising, window.Rising);
}

/// <summary>IP5209 registers the gauge reads (ip5209.rs).</summary>
internal enum Ip5209Register : byte
{
    /// <summary>0xA2: BATVADC low byte.</summary>
    BatteryVoltageLow = 0xA2,

    /// <summary>0xA3: BATVADC high byte (bit 5 = sign).</summary>
    BatteryVoltageHigh = 0xA3,
}
