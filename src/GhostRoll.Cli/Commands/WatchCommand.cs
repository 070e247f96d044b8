using System.CommandLine;
using GhostRoll.Appliance.Cards;
using GhostRoll.Appliance.Import;
using GhostRoll.Appliance.Watch;
using GhostRoll.Cli.Hosting;

namespace GhostRoll.Cli.Commands;

/// <summary>
/// <c>ghostroll watch</c>: for laptops and desktops. Waits for the system's automounter to mount a card named after
/// the label (with a DCIM/ folder) under MOUNT_ROOTS, imports it, waits for its removal without touching it, repeats.
/// </summary>
internal static class WatchCommand
{
    public static Command Create()
    {
        var once = new Option<bool>("--once") { Description = "Stop after one card (after it is removed, or right after the import with --no-wait)." };
        var noWait = new Option<bool>("--no-wait") { Description = "With --once: return when the import ends instead of waiting for removal." };
        var command = new Command("watch", "Watch the mount roots for a card labelled SD_LABEL, import each one, wait for its removal (desktop use).")
        {
            once, noWait,
        };
        command.SetAction((parse, cancel) => CliHost.RunAsync(parse, async host =>
        {
            var settings = host.Settings;
            var paths = SystemPaths.Default;
            await using var status = Composition.CreateStatusReporter(settings);
            using var signals = ShutdownSignals.Register(cancel, out var token);
            var import = ImportCommand.CreateCardImport(host, status, waitForRemoval: !(parse.GetValue(once) && parse.GetValue(noWait)));
            var watcher = new CardWatcher(new VolumeFinder(settings.MountRoots, settings.SdLabel), import, status, host.Logger, paths,
                TimeSpan.FromSeconds(settings.PollSeconds));
            try
            {
                var result = await watcher.RunAsync(settings.SdLabel, settings.MountRoots, parse.GetValue(once), token).ConfigureAwait(false);
                return result is null ? ExitCodes.Ok : ImportCommand.ExitCodeOf(result);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                Console.Error.WriteLine("ghostroll: stopped watching");
                return ExitCodes.Ok;
            }
        }));
        return command;
    }
}
