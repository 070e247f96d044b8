using System.CommandLine;
using System.Runtime.InteropServices;
using GhostRoll.Appliance.Display;
using GhostRoll.Appliance.Hotspot;
using GhostRoll.Cli.Hosting;

namespace GhostRoll.Cli.Commands;

/// <summary><c>ghostroll display</c>: keeps the e-ink panel showing status.json (a systemd service on the appliance).</summary>
internal static class DisplayCommand
{
    public static Command Create()
    {
        var fake = new Option<bool>("--fake") { Description = "Write each frame as a PNG instead of driving the panel (also what happens when no panel is found)." };
        var once = new Option<bool>("--once") { Description = "Render the current status once and exit." };
        var output = new Option<string?>("--out") { Description = "Folder for PNG frames (default: display/ beside STATUS_IMAGE_PATH); DIR/frame.png is the current frame." };
        var command = new Command("display", "Show status on the e-ink panel: idle, progress, the share QR, errors, battery. Follows status.json.")
        {
            fake, once, output,
        };
        command.SetAction((parse, cancel) => CliHost.RunAsync(parse, async host =>
        {
            var settings = host.Settings;
            var frames = parse.GetValue(output) ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(settings.StatusImagePath))!, "display");

            // No panel driver (or --fake): frames go to PNG files, so the display can be checked over SSH.
            using var hardware = parse.GetValue(fake) ? null : Composition.CreatePanel(settings, host.Logger);
            using var pngPanel = hardware is null ? new PngFramePanel(frames) : null;
            using var battery = Composition.CreateBatteryGauge(settings, host.Logger);
            using var display = new DisplayRuntime(DisplayOptions.From(settings), hardware ?? pngPanel!, battery, host.Logger)
            {
                Hotspot = settings.Hotspot == HotspotModes.Never ? null : new HotspotDisplaySource(HotspotPaths.Default),
            };

            if (parse.GetValue(once))
            {
                display.ShowOnce();
                if (pngPanel is not null)
                {
                    Console.WriteLine(Path.Combine(pngPanel.OutputDirectory, PngFramePanel.CurrentFrameName));
                }

                return ExitCodes.Ok;
            }

            // SIGTERM (systemctl stop) and SIGINT end the loop cleanly; the panel is left asleep with its last frame.
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
            using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
            await display.RunAsync(stop.Token).ConfigureAwait(false);
            return ExitCodes.Ok;

            void Stop(PosixSignalContext context)
            {
                context.Cancel = true;
                stop.Cancel();
            }
        }));
        return command;
    }
}
