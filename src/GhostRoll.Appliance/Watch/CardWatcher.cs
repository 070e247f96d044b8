using GhostRoll.Appliance.Cards;
using GhostRoll.Appliance.Import;
using GhostRoll.Status;
using Microsoft.Extensions.Logging;

namespace GhostRoll.Appliance.Watch;

/// <summary>
/// <c>ghostroll watch</c>: for laptops and desktops whose own automounter mounts cards. Finds a mounted volume
/// named after the label with a <c>DCIM/</c> under the mount roots, imports it, waits until it is removed
/// (without touching it), and goes back to watching. Wakes on inotify and mount-table events, and also polls
/// every <c>POLL_SECONDS</c>, so a missed event only costs one interval.
/// </summary>
public sealed class CardWatcher
{
    private readonly VolumeFinder _finder;
    private readonly CardImport _import;
    private readonly StatusReporter _status;
    private readonly ILogger _logger;
    private readonly SystemPaths _paths;
    private readonly TimeSpan _pollInterval;

    /// <summary>How soon to look again at a labelled folder that has no DCIM/ yet.</summary>
    private static readonly TimeSpan PendingRecheck = TimeSpan.FromMilliseconds(250);

    public CardWatcher(VolumeFinder finder, CardImport import, StatusReporter status, ILogger logger, SystemPaths paths, TimeSpan pollInterval)
    {
        _finder = finder;
        _import = import;
        _status = status;
        _logger = logger;
        _paths = paths;
        _pollInterval = pollInterval;
    }

    /// <summary>Watches until cancelled, or until one card was handled when <paramref name="once"/> is set.</summary>
    public async Task<CardImportResult?> RunAsync(string label, IReadOnlyList<string> roots, bool once, CancellationToken cancellationToken)
    {
        using var signal = new MountRootSignal(_paths.MountInfo);
        WatchLog.Watching(_logger, label, string.Join(", ", roots), signal.HasEventSource ? "inotify + mount events" : "polling only");
        CardImportResult? last = null;
        var reported = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            _status.Update(s => s with { State = StatusStates.Idle, Step = StatusStep.Watch, Message = $"Ready. Insert a card labelled {label}." });
            _status.Flush();
            signal.Watch(_finder.WatchedFolders());
            var scan = _finder.Scan();
            foreach (var plain in scan.NotMounted.Where(reported.Add))
            {
                WatchLog.NotMounted(_logger, plain);
            }

            if (scan.Cards is [var folder, ..])
            {
                last = await _import.RunAsync(new DirectoryCard(folder, _paths), cancellationToken).ConfigureAwait(false);
                // A stop while waiting for removal ends that wait quietly; it must also end watching.
                cancellationToken.ThrowIfCancellationRequested();
                if (once)
                {
                    return last;
                }

                continue;
            }

            // A labelled folder without DCIM/ is usually a mount in progress: look again shortly.
            await signal.WaitAsync(scan.Pending ? Min(_pollInterval, PendingRecheck) : _pollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}

internal static partial class WatchLog
{
    [LoggerMessage(6200, LogLevel.Information, "watching for a card labelled {Label} under {Roots} ({How})")]
    public static partial void Watching(ILogger logger, string label, string roots, string how);

    [LoggerMessage(6201, LogLevel.Warning, "{Folder} is named like a card but is a plain folder, not a mounted card: it is not imported (insert the card itself, or use 'ghostroll run' to import a folder)")]
    public static partial void NotMounted(ILogger logger, string folder);
}
