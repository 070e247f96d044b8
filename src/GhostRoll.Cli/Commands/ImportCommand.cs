using System.CommandLine;
using GhostRoll.Appliance.Cards;
using GhostRoll.Appliance.Import;
using GhostRoll.Cli.Hosting;
using GhostRoll.Pipeline;

namespace GhostRoll.Cli.Commands;

/// <summary>
/// <c>ghostroll import DEVICE</c>: what the udev-started unit runs for each inserted card. Mounts the card read-only
/// (unless its privileged pre-step already did), imports it, says "done, remove the card", waits for removal.
/// Also accepts a folder (an already-mounted card). <c>--mount-only</c> and <c>--release</c> are the unit's
/// privileged pre- and post-steps, so the import itself runs without any capability (docs/appliance.md).
/// </summary>
internal static class ImportCommand
{
    public static Command Create()
    {
        var target = new Argument<string>("DEVICE") { Description = "The card's block device (/dev/sdb1, /dev/sda for a card without partitions) or a folder holding DCIM/." };
        var noWait = new Option<bool>("--no-wait") { Description = "Return when the import ends instead of waiting for the card to be removed." };
        var always = new Option<bool>("--always-create-session") { Description = "Create a session even when nothing on the card is new." };
        var sessionId = new Option<string?>("--session-id") { Description = "Id for a new session (shoot-YYYY-MM-DD_HHMMSS_ffffff)." };
        var mountOnly = new Option<bool>("--mount-only") { Description = "Only mount the card read-only under MOUNT_DIR (the unit's privileged pre-step).", Hidden = true };
        var release = new Option<bool>("--release") { Description = "Only unmount the card if no import holds it (the unit's privileged post-step).", Hidden = true };
        var command = new Command("import", "Import a card by its device: mount it read-only, import, release it, wait for removal (what the appliance runs on insertion).")
        {
            target, noWait, always, sessionId, mountOnly, release,
        };
        command.SetAction((parse, cancel) => CliHost.RunAsync(parse, async host =>
        {
            var settings = host.Settings;
            var given = parse.GetValue(target)!;
            var paths = SystemPaths.Default;
            if (parse.GetValue(release))
            {
                // The device is usually gone by now: work from its name alone.
                try
                {
                    Console.Error.WriteLine("ghostroll: " + BlockDeviceCard.Release(Path.GetFileName(given), settings.MountDir, RuntimeFolders.LockDirectory(settings), paths));
                    return ExitCodes.Ok;
                }
                catch (IOException e)
                {
                    return CliHost.Fail(ExitCodes.Failure, $"cannot release the card's mount: {e.Message}");
                }
            }

            ICard card;
            if (Directory.Exists(given))
            {
                card = new DirectoryCard(given, paths);
            }
            else
            {
                BlockDevice device;
                try
                {
                    device = BlockDevice.Resolve(given, paths);
                }
                catch (CardException e)
                {
                    return CliHost.Fail(e.CardGone ? ExitCodes.Interrupted : ExitCodes.Failure, e.Message);
                }

                if (device.Label is { } label && !CardLabel.Matches(settings.SdLabel, label))
                {
                    // udev's rule matches the default label; SD_LABEL may say otherwise. Not ours: nothing to do.
                    Console.Error.WriteLine($"ghostroll: {given} is labelled '{label}', not '{settings.SdLabel}': not a card to import, leaving it alone");
                    return ExitCodes.Ok;
                }

                var blockCard = new BlockDeviceCard(device, settings.MountDir, paths);
                if (parse.GetValue(mountOnly))
                {
                    // Never fails the unit: a mount error is recorded for the import, which shows it on the panel.
                    Console.Error.WriteLine("ghostroll: " + blockCard.PrepareMount());
                    return ExitCodes.Ok;
                }

                card = blockCard;
            }

            await using var status = Composition.CreateStatusReporter(settings);
            using var signals = ShutdownSignals.Register(cancel, out var token);
            var services = Composition.CreateImportServices(host, status);
            var import = new CardImport(
                (request, ct) => new ImportPipeline(services).RunAsync(request, ct),
                status,
                host.Logger,
                new CardImportOptions
                {
                    LockDirectory = RuntimeFolders.LockDirectory(settings),
                    WaitForRemoval = !parse.GetValue(noWait),
                    CardLabel = settings.SdLabel,
                    AlwaysCreateSession = parse.GetValue(always),
                    SessionId = parse.GetValue(sessionId),
                });
            var result = await import.RunAsync(card, token).ConfigureAwait(false);
            if (result.Import is { } done)
            {
                ImportRunner.Print(done);
            }

            return ExitCodeOf(result);
        }));
        return command;
    }

    internal static int ExitCodeOf(CardImportResult result) => result.Outcome switch
    {
        CardImportOutcome.Imported or CardImportOutcome.AlreadyRunning => ExitCodes.Ok,
        CardImportOutcome.ImportedWithProblems => ExitCodes.Incomplete,
        CardImportOutcome.Interrupted => CliHost.Fail(ExitCodes.Interrupted, "the card was removed before the import finished; insert it again to resume"),
        _ => CliHost.Fail(ExitCodes.Failure, result.Message),
    };
}
