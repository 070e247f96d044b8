using System.Device.I2c;
using GhostRoll.Hardware.Buses;
using GhostRoll.Hardware.Interop;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GhostRoll.Hardware.Power;

/// <summary>
/// Opens the battery board named by the BATTERY setting on <c>/dev/i2c-1</c>. <c>auto</c> probes PiSugar 3 at 0x57,
/// then 0x75 (IP5312 if its voltage registers are not both zero, else IP5209) and returns null when nothing
/// answers: no battery is shown. A named model that does not answer is an error that says what to check.
/// </summary>
public static class BatteryGaugeFactory
{
    /// <summary>The BATTERY setting's values.</summary>
    public static IReadOnlyList<string> SettingValues { get; } = ["auto", "none", "pisugar2", "pisugar2pro", "pisugar3"];

    public static IBatteryGauge? Open(string battery, ILogger? logger = null) =>
        Open(battery, new HeaderI2c(LinuxKernel.Instance, I2cDevice.Create), logger);

    internal static IBatteryGauge? Open(string battery, HeaderI2c bus, ILogger? logger)
    {
        logger ??= NullLogger.Instance;
        switch (battery.Trim().ToLowerInvariant())
        {
            case "none":
                return null;
            case "auto":
                return Probe(bus, logger);
            case "pisugar3":
                return Named(bus, PiSugar3Gauge.DefaultAddress, logger, static (d, owner) => new PiSugar3Gauge(d, ownedDevice: owner));
            case "pisugar2":
                return Named(bus, Ip5209Gauge.DefaultAddress, logger, static (d, owner) => new Ip5209Gauge(d, ownedDevice: owner));
            case "pisugar2pro":
                return Named(bus, Ip5312Gauge.DefaultAddress, logger, static (d, owner) => new Ip5312Gauge(d, ownedDevice: owner));
            default:
                throw new ArgumentException($"BATTERY='{battery}' is not one of: {string.Join(", ", SettingValues)}.", nameof(battery));
        }
    }

    private static IBatteryGauge? Probe(HeaderI2c bus, ILogger logger)
    {
        if (!bus.Exists)
        {
            Log.BatteryNotFound(logger, $"{bus.Path} does not exist (I2C disabled or i2c-dev not loaded)");
            return null;
        }

        var gauge = TryProbe(bus, PiSugar3Gauge.DefaultAddress, logger, static d =>
                        PiSugar3Gauge.LooksPresent(d) ? (d, owner) => new PiSugar3Gauge(d, ownedDevice: owner) : null)
                    ?? TryProbe(bus, Ip5312Gauge.DefaultAddress, logger, static d =>
                        Ip5312Gauge.LooksPresent(d) ? (d, owner) => new Ip5312Gauge(d, ownedDevice: owner)
                        : (d, owner) => new Ip5209Gauge(d, ownedDevice: owner));
        if (gauge is null)
        {
            Log.BatteryNotFound(logger, $"no PiSugar answered at 0x{PiSugar3Gauge.DefaultAddress:X2} or 0x{Ip5312Gauge.DefaultAddress:X2} on {bus.Path}");
        }

        return gauge;
    }

    /// <summary>A probe: any I/O failure means "not this board"; it is logged at debug level, not thrown.</summary>
    private static IBatteryGauge? TryProbe(
        HeaderI2c bus, int address, ILogger logger, Func<I2cDevice, Func<I2cDevice, IDisposable, IBatteryGauge>?> identify)
    {
        try
        {
            return OpenAt(bus, address, logger, identify);
        }
        catch (IOException e)
        {
            Log.BatteryProbeFailed(logger, address, bus.Path, e.Message);
            return null;
        }
    }

    private static IBatteryGauge Named(HeaderI2c bus, int address, ILogger logger, Func<I2cDevice, IDisposable, IBatteryGauge> create) =>
        OpenAt(bus, address, logger, _ => create)!;

    /// <summary>
    /// Opens one address, lets <paramref name="identify"/> pick a gauge (null: not this board) and takes a first
    /// reading, which must be plausible. The gauge owns the device; on any failure the device is closed.
    /// </summary>
    private static IBatteryGauge? OpenAt(
        HeaderI2c bus, int address, ILogger logger, Func<I2cDevice, Func<I2cDevice, IDisposable, IBatteryGauge>?> identify)
    {
        var device = bus.Open(address);
        try
        {
            if (identify(device) is not { } create)
            {
                device.Dispose();
                return null;
            }

            var gauge = create(device, device);
            var first = gauge.Read();
            Log.BatteryFound(logger, gauge.Board, address, bus.Path, first.Percentage, first.Volts);
            return gauge;
        }
        catch
        {
            device.Dispose();
            throw;
        }
    }
}

/// <summary>
/// I2C1 on the header as the factory probes it: whether its node exists, and a target per address (System.Device.Gpio's
/// <see cref="I2cDevice.Create"/> in production, a simulated bus in tests).
/// </summary>
internal sealed class HeaderI2c(ILinuxKernel kernel, Func<I2cConnectionSettings, I2cDevice> create)
{
    public string Path { get; } = I2cDevDevice.BusPath();

    /// <summary>True when the adapter's device node exists (I2C enabled and i2c-dev loaded).</summary>
    public bool Exists => kernel.Exists(Path);

    public I2cDevDevice Open(int address) => I2cDevDevice.Open(create, I2cDevDevice.HeaderBus, address);
}
