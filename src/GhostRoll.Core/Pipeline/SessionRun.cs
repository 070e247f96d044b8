using System.Collections.Concurrent;
using System.Threading.Channels;
using GhostRoll.Sessions;
using GhostRoll.Status;
using GhostRoll.Storage;
using Microsoft.Extensions.Logging;

namespace GhostRoll.Pipeline;

/// <summary>How one session run ended.</summary>
internal sealed record SessionRunResult(SessionState State, string Summary, int Copied, long CopiedBytes, int Duplicates, int Failed, int DeriveErrors, bool PublishPending, bool Interrupted, string? FatalError)
{
    /// <summary>Gallery items that are photos / clips (<see cref="Status.StatusWords"/>).</summary>
    public int Photos { get; init; }

    public int Clips { get; init; }
}

/// <summary>
/// One run over one session: copy what the card still owes the session, derive every group whose files are in,
/// hand ready entries to the publishers, complete. The stages are joined by bounded channels so a slow card or
/// network applies backpressure instead of filling memory, and so derivatives and uploads start while the card is
/// still being copied. Split by stage into partial files.
/// </summary>
internal sealed partial class SessionRun
{
    private readonly ImportServices _services;
    private readonly SessionRecord _session;
    private readonly SessionLayout _layout;
    private readonly ILogger _logger;
    private readonly CardContext? _card;
    private readonly StatusReporter _status;
    private readonly GhostRollDatabase _db;

    /// <summary>Groups of the session with the journal rows of their files, kept current by the stages.</summary>
    private readonly SessionGroups _groups = new();

    private readonly RunCounters _counters = new();

    /// <summary>Content claimed by a file copied in this session (SHA-256 → card path): later copies with it are duplicates.</summary>
    private readonly ConcurrentDictionary<string, string> _claimed = new(StringComparer.Ordinal);

    /// <summary>Publishers whose destination is down for the rest of this run (see <see cref="PublishException.Unavailable"/>).</summary>
    private readonly ConcurrentDictionary<ISessionPublisher, byte> _unavailable = new();

    private volatile bool _cardRemoved;
    private bool _remoteDeferred;
    private volatile Exception? _fatal;

    public SessionRun(ImportServices services, SessionRecord session, ILogger logger, CardContext? card)
    {
        _services = services;
        _session = session;
        _layout = new SessionLayout(Path.GetDirectoryName(session.SessionDir)!, session.SessionId);
        _logger = logger;
        _card = card;
        _status = services.Status;
        _db = services.Database;
    }

    public SessionLayout Layout => _layout;

    public async Task<SessionRunResult> RunAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_layout.Root);
        RemoveStrayTempFiles();
        var files = _db.SessionFiles(_session.SessionId);
        var toCopy = PlanCopies(files);

        var context = new PublishContext
        {
            Layout = _layout,
            Settings = _services.Settings,
            Journal = _db,
            Links = _db,
            Progress = new StatusPublishProgress(_status),
            Logger = _logger,
        };
        context.ExpectedEntries = _groups.ExpectEntries(expected =>
        {
            context.ExpectedEntries = expected;
            _status.Counts(c => c with { ProcessedTotal = expected, UploadedTotal = expected });
        });
        var publishers = _services.CreatePublishers();
        _remoteDeferred = _services.DeferRemotePublishing() && publishers.Any(p => p.IsRemote);
        if (_remoteDeferred)
        {
            Log.UploadsDeferred(_logger);
        }

        var active = publishers.Where(p => !(_remoteDeferred && p.IsRemote)).ToList();
        var beginFailed = await BeginPublishersAsync(active, context, cancellationToken).ConfigureAwait(false);

        _status.Update(s => s with
        {
            SessionId = _session.SessionId,
            GalleryPath = _layout.IndexHtml,
            Counts = s.Counts with { CopiedDone = 0, CopiedTotal = toCopy.Count, CopiedBytesDone = 0, CopiedBytesTotal = toCopy.Sum(f => f.SizeBytes), ProcessedDone = 0, ProcessedTotal = context.ExpectedEntries, UploadedDone = 0, UploadedTotal = context.ExpectedEntries },
        });

        var settings = _services.Settings;
        // The copy queue is small: it holds card reads back. The derive and publish queues carry only group keys and
        // gallery entries, and are sized to the session's groups, so they never block: the card must be copied (and
        // released) as fast as it can be read, whatever the pace of decoding or uploading. Memory is bounded where it is spent: the
        // deriver's decode budget and the uploaders' buffers.
        var groupCount = Math.Max(1, _groups.Count);
        var copyQueue = Channel.CreateBounded<SessionFileRecord>(new BoundedChannelOptions(Math.Max(4, settings.CopyWorkers * 2)) { FullMode = BoundedChannelFullMode.Wait, SingleWriter = true });
        var deriveQueue = Channel.CreateBounded<string>(new BoundedChannelOptions(groupCount) { FullMode = BoundedChannelFullMode.Wait });
        var publishQueue = Channel.CreateBounded<GalleryEntry>(new BoundedChannelOptions(groupCount) { FullMode = BoundedChannelFullMode.Wait });

        // A fatal error (disk full) cancels every stage; a pulled card stops only the copy stage.
        using var fatal = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var copyStop = CancellationTokenSource.CreateLinkedTokenSource(fatal.Token);

        var copyWorkers = Enumerable.Range(0, _card is null || toCopy.Count == 0 ? 0 : settings.CopyWorkers)
            .Select(_ => Task.Run(() => CopyWorkerAsync(copyQueue.Reader, deriveQueue.Writer, copyStop, fatal), CancellationToken.None)).ToArray();
        var deriveWorkers = Enumerable.Range(0, settings.ProcessWorkers)
            .Select(_ => Task.Run(() => DeriveWorkerAsync(deriveQueue.Reader, publishQueue.Writer, fatal), CancellationToken.None)).ToArray();
        var publishWorkers = Enumerable.Range(0, settings.UploadWorkers)
            .Select(_ => Task.Run(() => PublishWorkerAsync(publishQueue.Reader, active, context, fatal), CancellationToken.None)).ToArray();

        try
        {
            // Groups that need no copy in this run but were copied earlier (interrupted before derive), and entries
            // derived earlier but not yet published, go straight to their stage.
            foreach (var key in _groups.ReadyWithoutCopies())
            {
                await deriveQueue.Writer.WriteAsync(key, fatal.Token).ConfigureAwait(false);
            }

            foreach (var entry in UnpublishedEntriesNotRederived())
            {
                await publishQueue.Writer.WriteAsync(entry, fatal.Token).ConfigureAwait(false);
            }

            foreach (var file in toCopy)
            {
                await copyQueue.Writer.WriteAsync(file, copyStop.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            copyQueue.Writer.TryComplete();
        }

        await Task.WhenAll(copyWorkers).ConfigureAwait(false);
        if (_card is not null && copyStop.IsCancellationRequested && !fatal.IsCancellationRequested)
        {
            // The card went away: groups still waiting for it are derived from what arrived (a partial gallery now,
            // the rest after re-insertion).
            foreach (var key in _groups.ReleaseAfterCardLoss())
            {
                await deriveQueue.Writer.WriteAsync(key, fatal.Token).ConfigureAwait(false);
            }
        }

        deriveQueue.Writer.TryComplete();
        await Task.WhenAll(deriveWorkers).ConfigureAwait(false);
        publishQueue.Writer.TryComplete();
        await Task.WhenAll(publishWorkers).ConfigureAwait(false);

        if (_fatal is not null || cancellationToken.IsCancellationRequested)
        {
            return Finish(interrupted: true, publishers, completeFailed: true);
        }

        var completeFailed = await CompletePublishersAsync(active, context, cancellationToken).ConfigureAwait(false);
        return Finish(interrupted: _cardRemoved, publishers, completeFailed || beginFailed || _remoteDeferred);
    }

    /// <summary>Entries an earlier run derived but did not publish, read from the journal once, that this run does not derive again.</summary>
    private List<GalleryEntry> UnpublishedEntriesNotRederived()
    {
        var unpublished = _db.UnpublishedItems(_session.SessionId).Where(k => !_groups.WillDerive(k)).ToList();
        if (unpublished.Count == 0)
        {
            return [];
        }

        var entries = _db.GalleryEntries(_session.SessionId).ToDictionary(e => e.Key, StringComparer.Ordinal);
        return [.. unpublished.Select(k => entries.GetValueOrDefault(k)).OfType<GalleryEntry>()];
    }

    private SessionRunResult Finish(bool interrupted, IReadOnlyList<ISessionPublisher> publishers, bool completeFailed)
    {
        var run = _counters.Snapshot();
        var counts = _db.FileCounts(_session.SessionId);
        var unpublished = _db.UnpublishedItems(_session.SessionId).Count;
        var localWorkLeft = counts.Copied > 0;
        var publishPending = unpublished > 0 || completeFailed || run.PublishFailures > 0;
        SessionState state;
        if (_fatal is not null || (interrupted && counts.NeedCard > 0))
        {
            state = SessionState.Active;
        }
        else if (counts.NeedCard > 0)
        {
            state = SessionState.Failed;
        }
        else if (publishPending || localWorkLeft)
        {
            state = SessionState.PublishPending;
        }
        else
        {
            state = SessionState.Done;
        }

        var error = _fatal?.Message ?? (state == SessionState.Failed ? $"{counts.NeedCard} files could not be copied; re-insert the card to retry them" : null);
        _db.SetSessionState(_session.SessionId, state, error);

        // The gallery's own items: the one source of "photos" and "clips" for the panel, the CLI and the page.
        var entries = _db.GalleryEntries(_session.SessionId);
        var photos = entries.Count(e => e.Kind == GalleryEntryKind.Photo);

        var summary = $"{StatusWords.Media(photos, entries.Count - photos) ?? "nothing"} in the gallery, {run.Copied} files copied now, {run.Duplicates} duplicates, " +
                      $"{counts.NeedCard} still on the card, {run.DeriveErrors} without picture" +
                      (publishPending ? $", publishing pending ({unpublished} items{(completeFailed ? ", final step" : "")})" : "");
        Log.SessionFinished(_logger, _session.SessionId, state.ToName(), summary);
        return new SessionRunResult(state, summary, run.Copied, run.CopiedBytes, run.Duplicates, counts.Failed, run.DeriveErrors, publishPending && state != SessionState.Done, interrupted || _fatal is not null, _fatal?.Message)
        {
            Photos = photos,
            Clips = entries.Count - photos,
        };
    }

    private async Task<bool> BeginPublishersAsync(IReadOnlyList<ISessionPublisher> publishers, PublishContext context, CancellationToken cancellationToken)
    {
        var failed = false;
        foreach (var publisher in publishers)
        {
            try
            {
                await publisher.BeginAsync(context, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The share link failing (network down) must not stop the local import: photos are copied anyway and
                // the next run publishes.
                failed = true;
                Log.PublisherStepFailed(_logger, publisher.Name, "start publishing", e.Message);
            }
        }

        return failed;
    }

    private async Task<bool> CompletePublishersAsync(IReadOnlyList<ISessionPublisher> publishers, PublishContext context, CancellationToken cancellationToken)
    {
        var counts = _db.FileCounts(_session.SessionId);
        var unpublished = _db.UnpublishedItems(_session.SessionId);
        var complete = counts.NeedCard == 0 && counts.Copied == 0 && unpublished.Count == 0 && _counters.Snapshot().PublishFailures == 0;
        var completion = new PublishCompletion(complete, _db.GalleryEntries(_session.SessionId));
        _status.Step(StatusStates.Running, StatusStep.Publish, "Finishing the gallery…");
        var failed = false;
        foreach (var publisher in publishers)
        {
            if (_unavailable.ContainsKey(publisher))
            {
                failed = true;
                continue;
            }

            try
            {
                await publisher.CompleteAsync(context, completion, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failed = true;
                if (e is not PublishException { Reported: true })
                {
                    Log.PublisherStepFailed(_logger, publisher.Name, "finish the gallery", e.Message);
                }
            }
        }

        return failed;
    }

    private void RemoveStrayTempFiles()
    {
        var removed = 0;
        foreach (var file in Directory.EnumerateFiles(_layout.Root, "*" + AtomicFile.TempSuffix, SearchOption.AllDirectories))
        {
            File.Delete(file);
            removed++;
        }

        if (removed > 0)
        {
            Log.RemovedTempFiles(_logger, removed);
        }
    }
}
