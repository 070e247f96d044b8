using System.CommandLine;
using System.Globalization;
using GhostRoll.Cli.Hosting;
using GhostRoll.Hardware.EPaper;
using GhostRoll.Hardware.Power;

namespace GhostRoll.Cli.Commands;

/// <summary>
/// <c>ghostroll hardware</c>: what DISPLAY and BATTERY find on this machine, a battery reading, and optionally a test
/// pattern on the panel (to check wiring and DISPLAY_ROTATION on a new device).
/// </summary>
internal static class HardwareCommand
{
    public static Command Create()
    {
        var testPattern = new Option<bool>("--test-pattern")
        {
            Description = "Draw a test pattern (border, diagonal, blocks) with a full refresh to check the panel and DISPLAY_ROTATION.",
        };
        var command = new Command("hardware", "Detect the e-paper panel and battery board that DISPLAY and BATTERY select, and read the battery.")
        {
            testPattern,
        };
        command.SetAction(parse => CliHost.RunAsync(parse, host =>
        {
            var displayOk = ShowDisplay(host, parse.GetValue(testPattern));
            var batteryOk = ShowBattery(host);
            return Task.FromResult(displayOk && batteryOk ? ExitCodes.Ok : ExitCodes.Failure);
        }));
        return command;
    }

    private static bool ShowDisplay(CliHost host, bool drawTestPattern)
    {
        var settings = host.Settings;
        try
        {
            using var panel = EPaperPanelFactory.Open(settings.Display, settings.DisplayRotation, settings.DisplayFullRefreshEvery, host.Logger);
            if (panel is null)
            {
                Console.WriteLine($"display: none (DISPLAY={settings.Display})");
                return true;
            }

            Console.WriteLine($"display: {panel.Model}, {panel.Width}x{panel.Height} at rotation {settings.DisplayRotation}");
            if (drawTestPattern)
            {
                panel.Show(PanelTestPattern.Render(panel.Width, panel.Height), RefreshMode.Full);
                Console.WriteLine("display: test pattern drawn; the solid block should be top-left and the checkerboard bottom-right");
            }

            return true;
        }
        catch (Exception e) when (e is IOException or TimeoutException)
        {
            Console.WriteLine($"display: failed (DISPLAY={settings.Display}): {e.Message}");
            return false;
        }
    }

    private static bool ShowBattery(CliHost host)
    {
        var settings = host.Settings;
        try
        {
            if (BatteryGaugeFactory.Open(settings.Battery, host.Logger) is not { } gauge)
            {
                Console.WriteLine($"battery: none (BATTERY={settings.Battery})");
                return true;
            }

            using var monitor = new BatteryMonitor(gauge, settings.LowBatteryPercent, logger: host.Logger);
            var report = monitor.Sample() ?? throw new IOException($"{gauge.Board} stopped answering after it was found");
            var status = report.Status;
            var power = status.Charging ? "charging" : status.PowerPlugged ? "plugged in" : "on battery";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"battery: {status.Board}: {status.Percentage:0} % ({status.Volts:0.000} V), {power}; low: {(report.Low ? "yes" : "no")} (LOW_BATTERY_PERCENT={settings.LowBatteryPercent})"));
            return true;
        }
        catch (IOException e)
        {
            Console.WriteLine($"battery: failed (BATTERY={settings.Battery}): {e.Message}");
            return false;
        }
    }
}
