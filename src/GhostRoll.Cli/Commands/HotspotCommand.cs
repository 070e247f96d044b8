using System.CommandLine;
using System.Runtime.InteropServices;
using GhostRoll.Appliance.Hotspot;
using GhostRoll.Appliance.Setup;
using GhostRoll.Cli.Hosting;

namespace GhostRoll.Cli.Commands;

/// <summary>
/// <c>ghostroll hotspot</c>: the field hotspot service (HOTSPOT=auto|always|never, docs/hotspot.md), or with
/// <c>--show</c> the network name and passphrase for the person at the terminal.
/// </summary>
internal static class HotspotCommand
{
    public static Command Create()
    {
        var show = new Option<bool>("--show") { Description = "Print the hotspot's network name, passphrase and state, and exit (the passphrase only to a terminal)." };
        var command = new Command("hotspot", "Run the field Wi-Fi hotspot (NetworkManager) when no known Wi-Fi is in reach, as HOTSPOT says; the service runs this as root.")
        {
            show,
        };
        command.SetAction((parse, cancel) => CliHost.RunAsync(parse, async host =>
        {
            var settings = host.Settings;
            var paths = HotspotPaths.Default;
            if (parse.GetValue(show))
            {
                var state = HotspotState.TryRead(paths.State);
                Console.WriteLine($"hotspot: HOTSPOT={settings.Hotspot}, network {HotspotIdentity.Ssid(settings)} on {settings.HotspotInterface}, "
                    + (state is null ? "service not running" : state.Active ? $"up, {state.Stations} phone(s) connected" : "down"));

                // The passphrase is for the person reading; a pipe may end up in a log.
                var passphrase = HotspotPassphrase.Read(paths.Passphrase);
                Console.WriteLine(passphrase is null ? $"passphrase: none yet ({paths.Passphrase} is made when the service first starts)"
                    : Console.IsOutputRedirected ? "passphrase: (not printed: standard output is not a terminal)" : $"passphrase: {passphrase}");
                return ExitCodes.Ok;
            }

            if (!SystemUser.IsRoot)
            {
                await Console.Error.WriteLineAsync("ghostroll hotspot: must run as root (it writes the NetworkManager profile); it is the ghostroll-hotspot service: systemctl status ghostroll-hotspot").ConfigureAwait(false);
                return ExitCodes.Failure;
            }

            HotspotService service;
            try
            {
                service = new HotspotService(new SystemNetworkTool(), settings, paths, TimeProvider.System, host.Logger, SystemUser.Find(SystemUser.ServiceAccount));
            }
            catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"ghostroll hotspot: {e.Message}").ConfigureAwait(false);
                return ExitCodes.Failure;
            }

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
            using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
            try
            {
                await service.RunAsync(stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }

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
