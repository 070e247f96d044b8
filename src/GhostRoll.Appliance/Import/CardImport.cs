using GhostRoll.Appliance.Cards;
using GhostRoll.Logging;
using GhostRoll.Pipeline;
using GhostRoll.Status;
using Microsoft.Extensions.Logging;

namespace GhostRoll.Appliance.Import;

/// <summary>How one card's visit ended.</summary>
public enum CardImportOutcome
{
    /// <summary>Imported (or nothing new); the card was then removed, or waiting was not asked for.</summary>
    Imported,

    /// <summary>The run finished but left work: files that failed to copy, uploads pending.</summary>
    ImportedWithProblems,

    /// <summary>The card was pulled (or the run stopped) before the import finished; re-inserting it resumes.</summary>
    Interrupted,

    /// <summary>The card could not be opened or the import failed; the message says why.</summary>
    Failed,

    /// <summary>Another process is already importing this card; this start did nothing.</summary>
    AlreadyRunning,
}

public sealed record CardImportResult(CardImportOutcome Outcome, string Message, ImportResult? Import = null);

public sealed class CardImportOptions
{
    /// <summary>Runtime folder for per-card locks (never on the card).</summary>
    public required string LockDirectory { get; init; }

    /// <summary>After the import, wait until the card is removed before returning (the appliance does).</summary>
    public bool WaitForRemoval { get; init; } = true;

    /// <summary>How often presence is checked (sysfs/udev/mount table reads only).</summary>
    public TimeSpan PresencePollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The label people should use, for messages ("insert a card labelled ...").</summary>
    public string CardLabel { get; init; } = "auto-import";

    public bool AlwaysCreateSession { get; init; }

    public string? SessionId { get; init; }
}

/// <summary>
/// One card from insertion to removal: lock it, open it read-only, run the import while watching that it stays
/// inserted, release it, say "done, remove the card", wait for removal, return to idle. A card pulled mid-run
/// cancels the run (the pipeline stops cleanly with its journal intact) and the next insertion resumes.
/// The pipeline is a delegate so tests can run this with a fake import.
/// </summary>
public sealed class CardImport
{
    private readonly Func<ImportRequest, CancellationToken, Task<ImportResult>> _run;
    private readonly StatusReporter _status;
    private readonly ILogger _logger;
    private readonly CardImportOptions _options;

    public CardImport(Func<ImportRequest, CancellationToken, Task<ImportResult>> run, StatusReporter status, ILogger logger, CardImportOptions options)
    {
        _run = run;
        _status = status;
        _logger = logger;
        _options = options;
    }

    public async Task<CardImportResult> RunAsync(ICard card, CancellationToken cancellationToken)
    {
        using var cardLock = CardLock.TryAcquire(_options.LockDirectory, card.LockKey);
        if (cardLock is null)
        {
            Log.AlreadyRunning(_logger, card.Name);
            return new CardImportResult(CardImportOutcome.AlreadyRunning, $"another GhostRoll process is already importing {card.Name}; leaving it to that one");
        }

        Log.Detected(_logger, card.Name, card.Label ?? "(no label)");
        Report(StatusStates.Running, StatusStep.Detected, $"Card {card.Label ?? card.Name} found", volume: card.Label ?? card.Name);

        CardImportResult result;
        try
        {
            result = await ImportAsync(card, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped from outside (SIGTERM: shutdown, or systemd saw the device go). The journal is intact.
            Log.Stopped(_logger, card.Name);
            Report(StatusStates.Idle, StatusStep.Interrupted, "Import stopped before it finished. Insert the card again to resume.");
            throw;
        }

        if (cancellationToken.IsCancellationRequested)
        {
            // The pipeline honoured the stop and returned Interrupted rather than throwing: same as above.
            Log.Stopped(_logger, card.Name);
            Report(StatusStates.Idle, StatusStep.Interrupted, "Import stopped before it finished. Insert the card again to resume.");
            cancellationToken.ThrowIfCancellationRequested();
        }

        if (result.Outcome is CardImportOutcome.Interrupted && !card.IsPresent())
        {
            Log.PulledMidRun(_logger, card.Name);
            Report(StatusStates.Idle, StatusStep.Interrupted, "Card removed before the import finished. Insert it again to resume.");
            return result;
        }

        if (!_options.WaitForRemoval)
        {
            return result;
        }

        try
        {
            await WaitForRemovalAsync(card, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // systemd stops the unit when the card's device disappears (BindsTo=), often before our next poll: that
            // is the removal we were waiting for. Stopped with the card still in (shutdown): the import is done anyway.
            if (card.IsPresent())
            {
                return result;
            }
        }

        Log.Removed(_logger, card.Name);
        Report(StatusStates.Idle, StatusStep.Removed, "Card removed.");
        Report(StatusStates.Idle, StatusStep.Idle, $"Ready. Insert a card labelled {_options.CardLabel}.");
        return result;
    }

    private async Task<CardImportResult> ImportAsync(ICard card, CancellationToken cancellationToken)
    {
        CardVolume volume;
        try
        {
            Report(StatusStates.Running, StatusStep.Mount, "Opening the card (read-only)");
            volume = card.Open();
        }
        catch (CardException e)
        {
            return e.CardGone ? Interrupted(e.Message) : Failed(card, e.Message, e);
        }

        ImportResult? import;
        using (volume)
        {
            Log.Opened(_logger, card.Name, volume.Path, volume.MountedByUs);
            using var runToken = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            using var stopWatching = new CancellationTokenSource();
            var watch = WatchPresenceAsync(card, runToken, stopWatching.Token);
            try
            {
                import = await _run(new ImportRequest(volume.Path)
                {
                    VolumeLabel = card.Label,
                    VolumeId = card.VolumeId,
                    AlwaysCreateSession = _options.AlwaysCreateSession,
                    SessionId = _options.SessionId,
                }, runToken.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                import = null; // only the presence watch cancels runToken on its own: the card was pulled
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                await StopAsync(stopWatching, watch).ConfigureAwait(false);
                // Read errors after a pull surface as exceptions too: a gone card is an interruption, not a failure.
                return card.IsPresent() ? Failed(card, LogRedactor.Redact(e.Message), e) : Interrupted(e.Message);
            }

            await StopAsync(stopWatching, watch).ConfigureAwait(false);
        }

        // Trust the pipeline's outcome: a run that completed is complete even if the card left a moment later.
        if (import is null || import.Outcome == ImportOutcome.Interrupted)
        {
            return Interrupted(import?.Message ?? "card removed", import);
        }

        var problems = import.Outcome == ImportOutcome.CompletedWithProblems;
        Log.Finished(_logger, card.Name, import.Outcome.ToString(), import.NewFiles, import.Skipped, import.Failed);
        _status.Update(s => s with
        {
            State = problems ? StatusStates.Error : StatusStates.Done,
            Step = StatusStep.Done,
            Message = $"{import.Message.TrimEnd('.')}. Remove the card.",
            FinishedUnix = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            CardPresent = _options.WaitForRemoval ? true : null,
            SessionId = import.SessionId ?? s.SessionId,
            Url = import.ShareUrl ?? s.Url,
            GalleryPath = import.GalleryPath ?? s.GalleryPath,
        });
        _status.Flush();
        return new CardImportResult(problems ? CardImportOutcome.ImportedWithProblems : CardImportOutcome.Imported, import.Message, import);
    }

    /// <summary>Cancels the run when the card goes away. Returns true if it did.</summary>
    private async Task<bool> WatchPresenceAsync(ICard card, CancellationTokenSource run, CancellationToken stop)
    {
        try
        {
            while (true)
            {
                await Task.Delay(_options.PresencePollInterval, stop).ConfigureAwait(false);
                if (!card.IsPresent())
                {
                    await run.CancelAsync().ConfigureAwait(false);
                    return true;
                }
            }
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static async Task<bool> StopAsync(CancellationTokenSource stopWatching, Task<bool> watch)
    {
        await stopWatching.CancelAsync().ConfigureAwait(false);
        return await watch.ConfigureAwait(false);
    }

    private async Task WaitForRemovalAsync(ICard card, CancellationToken cancellationToken)
    {
        Log.WaitingForRemoval(_logger, card.Name);
        while (card.IsPresent())
        {
            await Task.Delay(_options.PresencePollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    private CardImportResult Failed(ICard card, string message, Exception e)
    {
        Log.Failed(_logger, card.Name, message, e);
        _status.Update(s => s with { State = StatusStates.Error, Step = StatusStep.Error, Message = message + " Remove the card.", LastError = message });
        _status.Flush();
        return new CardImportResult(CardImportOutcome.Failed, message);
    }

    private static CardImportResult Interrupted(string message, ImportResult? import = null) =>
        new(CardImportOutcome.Interrupted, message, import);

    /// <summary>Card-level steps are rare and each one matters to the person watching the panel: written at once.</summary>
    private void Report(string state, StatusStep step, string message, string? volume = null)
    {
        // Any other step than the finished import's: the card is no longer "still in after the import".
        _status.Update(s => s with { State = state, Step = step, Message = message, Volume = volume ?? s.Volume, CardPresent = null });
        _status.Flush();
    }
}
