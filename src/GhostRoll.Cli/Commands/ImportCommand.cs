using System.CommandLine;
using GhostRoll.Appliance.Cards;
using GhostRoll.Appliance.Import;
using GhostRoll.Cli.Hosting;
using GhostRoll.Pipeline;
using GhostRoll.Status;

namespace GhostRoll.Cli.Commands;

/// <summary>
/// <c>ghostroll import DEVICE</c>: what the udev-started unit runs for each inserted card. Mounts the card read-only
/// (unless ghostroll-mount@ already did, as root), imports it, says "done, remove the card", waits for removal.
/// Also accepts a folder (an already-mounted card). <c>--hold-mount</c> and <c>--release</c> are
/// ghostroll-mount@.service's start and stop commands, so the import itself runs without any capability (docs/appliance.md).
/// </summary>
internal static class ImportCommand
{
    public static Command Create()
    {
        var target = new Argument<string>("DEVICE") { Description = "The card's block device (/dev/sdb1, /dev/sda for a card without partitions) or a folder holding DCIM/." };
        var noWait = new Option<bool>("--no-wait") { Description = "Return when the import ends instead of waiting for the card to be removed." };
        var always = new Option<bool>("--always-create-session") { Description = "Create a session even when nothing on the card is new." };
        var sessionId = new Option<string?>("--session-id") { Description = "Id for a new session (shoot-YYYY-MM-DD_HHMMSS_ffffff)." };
        var holdMount = new Option<bool>("--hold-mount") { Description = "Mount the card read-only under MOUNT_DIR and hold it until the import releases it (ghostroll-mount@.service, as root).", Hidden = true };
        var release = new Option<bool>("--release") { Description = "Only unmount the card if no import holds it (ExecStop of ghostroll-mount@.service, as root).", Hidden = true };
        var command = new Command("import", "Import a card by its device: mount it read-only, import, release it, wait for removal (what the appliance runs on insertion).")
        {
            target, noWait, always, sessionId, holdMount, release,
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

                var blockCard = new BlockDeviceCard(device, settings.MountDir, RuntimeFolders.LockDirectory(settings), paths);
                if (parse.GetValue(holdMount))
                {
                    // Never fails the unit: a mount error is recorded for the import, which shows it on the panel.
                    using var holdSignals = ShutdownSignals.Register(cancel, out var holdToken);
                    Console.Error.WriteLine("ghostroll: " + await blockCard.HoldMountAsync(() => SystemdNotify.Ready(), holdToken).ConfigureAwait(false));
                    return ExitCodes.Ok;
                }

                card = blockCard;
            }

            await using var status = Composition.CreateStatusReporter(settings);
            using var signals = ShutdownSignals.Register(cancel, out var token);
            var import = CreateCardImport(host, status, !parse.GetValue(noWait), parse.GetValue(always), parse.GetValue(sessionId));
            CardImportResult result;
            using (ImportRunner.ShowProgress(status))
            {
                result = await import.RunAsync(card, token).ConfigureAwait(false);
            }

            if (result.Import is { } done)
            {
                ImportRunner.Print(done);
            }

            return ExitCodeOf(result);
        }));
        return command;
    }

    /// <summary>A card's visit with the real pipeline, as the composition root assembles it (import and watch share it).</summary>
    internal static CardImport CreateCardImport(CliHost host, StatusReporter status, bool waitForRemoval, bool alwaysCreateSession = false, string? sessionId = null)
    {
        var services = Composition.CreateImportServices(host, status);
        return new CardImport(
            (request, ct) => new ImportPipeline(services).RunAsync(request, ct),
            status,
            host.Logger,
            new CardImportOptions
            {
                LockDirectory = RuntimeFolders.LockDirectory(host.Settings),
                WaitForRemoval = waitForRemoval,
                CardLabel = host.Settings.SdLabel,
                AlwaysCreateSession = alwaysCreateSession,
                SessionId = sessionId,
            });
    }

    internal static int ExitCodeOf(CardImportResult result) => result.Outcome switch
    {
        CardImportOutcome.Imported or CardImportOutcome.AlreadyRunning => ExitCodes.Ok,
        CardImportOutcome.ImportedWithProblems => ExitCodes.Incomplete,
        CardImportOutcome.Interrupted => CliHost.Fail(ExitCodes.Interrupted, "the card was removed before the import finished; insert it again to resume"),
        _ => CliHost.Fail(ExitCodes.Failure, result.Message),
    };
}
