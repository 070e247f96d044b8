using System.Device.I2c;
using GhostRoll.Hardware.Buses;

namespace GhostRoll.Hardware.Power;

/// <summary>
/// PiSugar 3 / 3 Plus: a microcontroller at 0x57 (pisugar-power-manager-rs <c>pisugar3.rs</c>). Voltage is two
/// registers in millivolts, high byte first; power and charging are bits of control register 1.
/// </summary>
internal sealed class PiSugar3Gauge : PiSugarGauge
{
    /// <summary>Default I2C address (<c>I2C_ADDR_P3</c>).</summary>
    public const int DefaultAddress = 0x57;

    public PiSugar3Gauge(I2cDevice device, BatteryCurve? curve = null, IDisposable? ownedDevice = null)
        : base(device, curve ?? BatteryCurve.Ip5312, ownedDevice)
    {
    }

    public override string Board => "PiSugar 3";

    /// <summary>
    /// True when the target at <paramref name="device"/> reports a battery-range voltage. An erased EEPROM (an
    /// AT24C32 is common at 0x57 on RTC modules) reads 0xFFFF = 65.5 V and is rejected.
    /// </summary>
    internal static bool LooksPresent(I2cDevice device) => ReadVolts(device) is >= MinimumPlausibleVolts and <= MaximumPlausibleVolts;

    private static double ReadVolts(I2cDevice device)
    {
        var high = device.ReadRegister((byte)PiSugar3Register.VoltageHigh);
        var low = device.ReadRegister((byte)PiSugar3Register.VoltageLow);
        return ((high << 8) | low) / 1000.0;
    }

    private protected override double ReadVolts() => ReadVolts(Device);

    private protected override (bool Charging, bool PowerPlugged) ReadPowerState(VoltageWindow window)
    {
        var control = Device.ReadRegister((byte)PiSugar3Register.Control1);
        var plugged = (control & 0x80) != 0;
        var allowCharging = (control & 0x40) != 0;
        return (plugged && allowCharging, plugged);
    }
}

/// <summary>PiSugar 3 registers the gauge reads (pisugar3.rs <c>IIC_CMD_*</c>; doc/pisugar3.md).</summary>
internal enum PiSugar3Register : byte
{
    /// <summary>0x02 CTR1: bit 7 power plugged, bit 6 charging allowed, bit 5 output enabled, bit 4 auto power-on.</summary>
    Control1 = 0x02,

    /// <summary>0x04: temperature + 40, degC.</summary>
    Temperature = 0x04,

    /// <summary>0x22: battery voltage, high byte (millivolts).</summary>
    VoltageHigh = 0x22,

    /// <summary>0x23: battery voltage, low byte.</summary>
    VoltageLow = 0x23,

    /// <summary>0x2A: the firmware's own percentage (pisugar-server reads the curve instead, so do we).</summary>
    Percent = 0x2A,
}
