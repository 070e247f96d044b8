using System.Device.Spi;
using GhostRoll.Hardware.Buses;
using GhostRoll.Hardware.Interop;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GhostRoll.Hardware.EPaper;

/// <summary>
/// Opens the e-paper panel named by the DISPLAY setting, wired as Waveshare's Raspberry Pi HATs are
/// (waveshare_epd/epdconfig.py): SPI0 CE0 (<c>/dev/spidev0.0</c>), RST = GPIO17, D/C = GPIO25, BUSY = GPIO24 and,
/// on newer HATs, a power switch on GPIO18 driven high. CE0 (GPIO8) belongs to the kernel's SPI driver
/// (bcm2712-rpi.dtsi: <c>cs-gpios = &lt;&amp;gpio 8 1&gt;, &lt;&amp;gpio 7 1&gt;</c>), which asserts it for every transfer; it
/// is never claimed as a GPIO (Waveshare's Python toggles it by hand, which only works with RPi.GPIO's register access).
/// </summary>
/// <remarks>
/// <c>auto</c> means the reference panel (2.13" V4) when SPI is enabled and the header's GPIO chip is found, and
/// null (no panel) otherwise. The panel itself cannot be detected: SPI to it is write-only.
/// </remarks>
public static class EPaperPanelFactory
{
    internal const int ResetLine = 17;
    internal const int DataCommandLine = 25;
    internal const int BusyLine = 24;
    internal const int PowerLine = 18;

    private const string Consumer = "ghostroll-epaper";

    public static IReadOnlyList<string> SettingValues { get; } = ["auto", "none", .. EPaperModel.All.Select(m => m.SettingValue)];

    /// <summary>Opens the panel for DISPLAY, DISPLAY_ROTATION and DISPLAY_FULL_REFRESH_EVERY; null for none/absent.</summary>
    public static IEPaperPanel? Open(string display, int rotation, int fullRefreshEvery, ILogger? logger = null) =>
        Open(display, new EPaperOptions { Rotation = rotation, FullRefreshEvery = fullRefreshEvery, Logger = logger });

    public static IEPaperPanel? Open(string display, EPaperOptions options) =>
        Open(LinuxKernel.Instance, SpiDevice.Create, display, options, time: null);

    /// <param name="createSpi">System.Device.Gpio's <see cref="SpiDevice.Create"/>, or a test's simulated spidev.</param>
    internal static IEPaperPanel? Open(
        ILinuxKernel kernel, Func<SpiConnectionSettings, SpiDevice> createSpi, string display, EPaperOptions options, TimeProvider? time)
    {
        options.Validate();
        var logger = options.Logger ?? NullLogger.Instance;
        var value = display.Trim().ToLowerInvariant();
        if (value == "none")
        {
            return null;
        }

        var auto = value == "auto";
        var model = auto ? EPaperModel.Waveshare213V4 : EPaperModel.FromSetting(value)
            ?? throw new ArgumentException($"DISPLAY='{display}' is not one of: {string.Join(", ", SettingValues)}.", nameof(display));

        if (auto && !kernel.Exists(SpidevDevice.DefaultPath))
        {
            Log.PanelNotFound(logger, $"{SpidevDevice.DefaultPath} does not exist (SPI disabled, or no HAT)");
            return null;
        }

        GpioChip? chip;
        try
        {
            chip = GpioChip.FindHeaderChip(kernel);
        }
        catch (HardwareIOException e) when (auto)
        {
            Log.PanelNotFound(logger, e.Message);
            return null;
        }

        if (chip is null)
        {
            const string Reason = "no GPIO chip carries the 40-pin header (looked for pinctrl-rp1, pinctrl-bcm2711, pinctrl-bcm2835 and a line named GPIO25)";
            if (auto)
            {
                Log.PanelNotFound(logger, Reason);
                return null;
            }

            throw new IOException($"DISPLAY={model.SettingValue} but {Reason}: is this a Raspberry Pi?");
        }

        using (chip)
        {
            return Wire(kernel, createSpi, chip, model, options, logger, time);
        }
    }

    private static Ssd1680Panel Wire(
        ILinuxKernel kernel, Func<SpiConnectionSettings, SpiDevice> createSpi, GpioChip chip, EPaperModel model, EPaperOptions options, ILogger logger, TimeProvider? time)
    {
        var owned = new OwnedResources();
        try
        {
            // RST starts high (not in reset), D/C low; both claimed with their level in the same ioctl.
            var outputs = owned.Add(chip.RequestOutputs(Consumer, [ResetLine, DataCommandLine], [true, false]));
            var busy = owned.Add(chip.RequestInputs(Consumer, [BusyLine]));
            TryPowerOn(chip, owned, logger);
            var spi = owned.Add(SpidevDevice.Open(kernel, createSpi, SpidevDevice.DefaultSpeedHz));
            Log.PanelOpened(logger, model.Name, spi.Path, chip.Name, chip.Label);
            return new Ssd1680Panel(
                spi, outputs.Output(DataCommandLine), outputs.Output(ResetLine), busy.Input(BusyLine), model, options, time, owned);
        }
        catch
        {
            owned.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Newer HATs switch the panel's supply with GPIO18 (epdconfig.py <c>module_init</c> drives it high); on older
    /// ones the pin is unconnected and driving it is harmless. If something else owns GPIO18 the panel may still be
    /// powered, so that is a warning, not a failure.
    /// </summary>
    private static void TryPowerOn(GpioChip chip, OwnedResources owned, ILogger logger)
    {
        try
        {
            owned.Add(chip.RequestOutputs(Consumer, [PowerLine], [true]));
        }
        catch (HardwareIOException e)
        {
            Log.PanelPowerLineUnavailable(logger, PowerLine, e.Message);
        }
    }

    /// <summary>Everything the panel holds, released in reverse order when it is disposed.</summary>
    private sealed class OwnedResources : IDisposable
    {
        private readonly List<IDisposable> _items = [];

        public T Add<T>(T item)
            where T : IDisposable
        {
            _items.Add(item);
            return item;
        }

        public void Dispose()
        {
            for (var i = _items.Count - 1; i >= 0; i--)
            {
                _items[i].Dispose();
            }

            _items.Clear();
        }
    }
}
