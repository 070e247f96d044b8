using System.Collections.Concurrent;
using GhostRoll.Ingest;
using GhostRoll.Sessions;
using GhostRoll.Status;
using GhostRoll.Storage;
using Microsoft.Extensions.Logging;

namespace GhostRoll.Pipeline;

/// <summary>
/// The import pipeline: scan → hash/copy → derive → publish. <see cref="RunAsync"/> imports one card;
/// <see cref="ResumeAsync"/> moves a session forward without its card. Both take the run lock, so starting an import
/// twice for one card is safe, and both leave the journal consistent whatever happens (a later run resumes).
/// The planning half (what on the card is new) is in ImportPipeline.Plan.cs; one session's staged work in
/// <see cref="SessionRun"/>.
/// </summary>
public sealed partial class ImportPipeline
{
    private readonly ImportServices _services;
    private readonly ILogger _logger;

    public ImportPipeline(ImportServices services)
    {
        _services = services;
        _logger = services.Logging.CreateLogger("GhostRoll.Pipeline");
    }

    /// <summary>Imports one mounted card. Throws <see cref="ImportException"/> for fatal problems (worded for users).</summary>
    public async Task<ImportResult> RunAsync(ImportRequest request, CancellationToken cancellationToken)
    {
        var root = Path.GetFullPath(request.VolumePath);
        if (!Directory.Exists(root))
        {
            throw new ImportException($"card folder {root} does not exist (is the card mounted?)");
        }

        if (request.SessionId is { } requested && !SessionId.IsSafe(requested))
        {
            throw new ImportException($"--session-id '{requested}' may only contain letters, digits, '-', '_' and '.'");
        }

        using var runLock = await RunLock.AcquireAsync(_services.Settings.DbPath, RunRole.Import, path => Log.WaitingForLock(_logger, path), cancellationToken).ConfigureAwait(false);
        var status = _services.Status;
        status.Update(s => s with
        {
            State = StatusStates.Running, Step = StatusStep.Scan, Message = "Scanning the card…", Volume = root, SessionId = null, Url = null, QrPath = null, LanUrl = null, WifiName = null,
            LastError = null, Counts = new StatusCounts(), Progress = [],
        });

        var plan = await PlanAsync(root, request, cancellationToken).ConfigureAwait(false);
        Log.Scanned(_logger, root, plan.Scan.Files.Count, Bytes.Format(plan.Scan.Files.Sum(f => f.SizeBytes)), plan.NewFiles.Count, plan.Skipped, plan.Scan.IgnoredSummary());
        status.Counts(c => c with { Discovered = plan.Scan.Files.Count, New = plan.NewFiles.Count, Skipped = plan.Skipped, Ignored = plan.Scan.Ignored.Count });

        var target = plan.ResumeSession;
        var needsCard = target is not null && _services.Database.FileCounts(target.SessionId).NeedCard > 0;
        var unfinished = _services.Database.Sessions(unfinishedOnly: true);
        if (plan.NewFiles.Count == 0 && !needsCard && !request.AlwaysCreateSession && target is null)
        {
            var resumed = await ResumeOthersAsync(unfinished, except: null, cancellationToken).ConfigureAwait(false);
            if (resumed.Count == 0 && unfinished.Count == 0)
            {
                Log.NoNewFiles(_logger, root);
                status.Step(StatusStates.Idle, StatusStep.Noop, "No new files.");
                status.Flush();
                return Result(ImportOutcome.NoNewFiles, "no new files", plan, null, null);
            }

            var left = _services.Database.Sessions(unfinishedOnly: true);
            var message = left.Count == 0
                ? $"no new files on the card; finished {resumed.Count} earlier session(s)"
                : $"no new files on the card; {left.Count} earlier session(s) still unfinished: {string.Join(", ", left.Select(s => $"{s.SessionId} ({s.State.ToName()})"))}";
            status.Step(left.Count == 0 ? StatusStates.Done : StatusStates.Idle, StatusStep.Noop, message);
            status.Flush();
            return Result(left.Count == 0 ? ImportOutcome.Completed : ImportOutcome.CompletedWithProblems, message, plan, null, null) with { ResumedSessions = resumed };
        }

        var session = target ?? CreateSession(request, plan, root);
        Log.SessionStarted(_logger, session.SessionId, target is null ? "created" : "resumed", session.SessionDir);
        _services.Logging.AttachSessionLog(new SessionLayout(Path.GetDirectoryName(session.SessionDir)!, session.SessionId).LogFile);
        try
        {
            _services.Database.AddSessionFiles(session.SessionId, plan.NewFiles.Select(f => new SessionFileRecord(f.CardPath, f.GroupKey, f.Kind, f.SizeBytes, f.MtimeNs, null, FileState.Discovered)));
            var sessionLayout = new SessionLayout(Path.GetDirectoryName(session.SessionDir)!, session.SessionId);
            foreach (var (cardPath, sha) in plan.DuplicatesInJournal)
            {
                SessionRun.RemoveLeftoverCopy(sessionLayout, cardPath);
                _services.Database.MarkFileDuplicate(session.SessionId, cardPath, sha);
            }

            status.Update(s => s with { State = StatusStates.Running, Step = StatusStep.Ingest, Message = "Copying new files…", SessionId = session.SessionId });
            status.Flush();
            var card = new CardContext
            {
                Root = root,
                Volume = plan.Volume,
                Source = request.Source ?? FileSystemCardSource.Instance,
                Files = plan.Scan.Files.ToDictionary(f => f.CardPath, StringComparer.Ordinal),
                KnownHashes = plan.KnownHashes,
            };
            card.CountRead(plan.BytesHashed);
            var run = new SessionRun(_services, session, _logger, card);
            var outcome = await run.RunAsync(cancellationToken).ConfigureAwait(false);
            _services.Logging.DetachSessionLog();

            var others = outcome.FatalError is null && !cancellationToken.IsCancellationRequested
                ? await ResumeOthersAsync(unfinished, except: session.SessionId, cancellationToken).ConfigureAwait(false)
                : [];
            ReportFinalStatus(session, outcome, run.Layout);
            if (outcome.FatalError is { } fatal)
            {
                // Disk full: the journal is consistent and the next run resumes, but this run failed.
                throw new ImportException(fatal);
            }

            var result = Result(ToOutcome(outcome), outcome.Summary, plan, session, run.Layout) with
            {
                Copied = outcome.Copied,
                CopiedBytes = outcome.CopiedBytes,
                Duplicates = outcome.Duplicates,
                Failed = outcome.Failed,
                DeriveErrors = outcome.DeriveErrors,
                Photos = outcome.Photos,
                Clips = outcome.Clips,
                PublishPending = outcome.PublishPending,
                CardBytesRead = card.BytesRead,
                ShareUrl = _services.Database.GetSession(session.SessionId)?.ShareUrl,
                ResumedSessions = others,
            };
            return result;
        }
        finally
        {
            _services.Logging.DetachSessionLog();
        }
    }

    /// <summary>
    /// Moves a session forward without its card: derives copied groups, publishes ready entries, completes the
    /// gallery. Used by <c>ghostroll publish SESSION</c> and at the end of every run for other unfinished sessions.
    /// </summary>
    public async Task<ImportResult> ResumeAsync(string sessionId, CancellationToken cancellationToken)
    {
        using var runLock = await RunLock.AcquireAsync(_services.Settings.DbPath, RunRole.Publish, path => Log.WaitingForLock(_logger, path), cancellationToken).ConfigureAwait(false);
        var session = _services.Database.GetSession(sessionId) ?? throw new ImportException($"no session '{sessionId}' (see 'ghostroll sessions')");
        var (outcome, layout) = await ResumeOneAsync(session, cancellationToken).ConfigureAwait(false);
        ReportFinalStatus(session, outcome, layout, interruptedMessage: "Publishing paused; what is left is retried later (ghostroll publish).");
        return new ImportResult
        {
            Outcome = ToOutcome(outcome),
            Message = outcome.Summary,
            SessionId = session.SessionId,
            SessionDir = session.SessionDir,
            GalleryPath = layout.IndexHtml,
            ShareUrl = _services.Database.GetSession(session.SessionId)?.ShareUrl,
            Failed = outcome.Failed,
            DeriveErrors = outcome.DeriveErrors,
            Photos = outcome.Photos,
            Clips = outcome.Clips,
            PublishPending = outcome.PublishPending,
        };
    }

    private async Task<(SessionRunResult Outcome, SessionLayout Layout)> ResumeOneAsync(SessionRecord session, CancellationToken cancellationToken)
    {
        Log.Resuming(_logger, session.SessionId, session.State.ToName());
        var run = new SessionRun(_services, session, _logger, card: null);
        _services.Logging.AttachSessionLog(run.Layout.LogFile);
        try
        {
            return (await run.RunAsync(cancellationToken).ConfigureAwait(false), run.Layout);
        }
        finally
        {
            _services.Logging.DetachSessionLog();
        }
    }

    /// <summary>Finishes other sessions' card-independent work (derive, publish); sessions that only wait for their card are left alone.</summary>
    private async Task<List<string>> ResumeOthersAsync(List<SessionRecord> unfinished, string? except, CancellationToken cancellationToken)
    {
        var resumed = new List<string>();
        foreach (var session in unfinished.Where(s => s.SessionId != except).OrderBy(s => s.CreatedUtc))
        {
            var counts = _services.Database.FileCounts(session.SessionId);
            var hasLocalWork = counts.Copied > 0 || _services.Database.UnpublishedItems(session.SessionId).Count > 0 || session.State == SessionState.PublishPending;
            if (!hasLocalWork || cancellationToken.IsCancellationRequested)
            {
                continue;
            }

            await ResumeOneAsync(session, cancellationToken).ConfigureAwait(false);
            resumed.Add(session.SessionId);
        }

        return resumed;
    }

    private SessionRecord CreateSession(ImportRequest request, IngestPlan plan, string root)
    {
        var id = request.SessionId ?? SessionId.New();
        if (_services.Database.GetSession(id) is not null)
        {
            throw new ImportException($"session '{id}' already exists; pick another --session-id");
        }

        var layout = new SessionLayout(_services.Settings.SessionsDir, id);
        var now = DateTime.UtcNow;
        var record = new SessionRecord(id, SessionState.Active, plan.Volume.Id, request.VolumeLabel ?? plan.Volume.Label, root, layout.Root, now, now, null, null, null);
        Directory.CreateDirectory(layout.Root);
        _services.Database.CreateSession(record);
        return record;
    }

    private void ReportFinalStatus(SessionRecord session, SessionRunResult outcome, SessionLayout layout, string interruptedMessage = "Interrupted; re-insert the card to resume.")
    {
        var (state, step, message) = outcome.State switch
        {
            SessionState.Done => (StatusStates.Done, StatusStep.Done, outcome.Summary),
            SessionState.PublishPending => (StatusStates.Done, StatusStep.Done, "Copied and safe; publishing pending: " + outcome.Summary),
            SessionState.Failed => (StatusStates.Error, StatusStep.Done, outcome.Summary),
            _ => (outcome.FatalError is null ? StatusStates.Idle : StatusStates.Error, StatusStep.Interrupted, outcome.FatalError ?? interruptedMessage),
        };
        _services.Status.Update(s => s with
        {
            State = state, Step = step, Message = message, SessionId = session.SessionId, GalleryPath = layout.IndexHtml,
            LastError = outcome.FatalError ?? (outcome.State == SessionState.Failed ? outcome.Summary : s.LastError),
            PublishPending = _services.Database.Sessions(unfinishedOnly: true).Count(x => x.State == SessionState.PublishPending),
            Counts = s.Counts with { Photos = outcome.Photos, Clips = outcome.Clips },
        });
        _services.Status.Flush();
    }

    private static ImportOutcome ToOutcome(SessionRunResult outcome) => outcome switch
    {
        { Interrupted: true } => ImportOutcome.Interrupted,
        { State: SessionState.Done } => ImportOutcome.Completed,
        _ => ImportOutcome.CompletedWithProblems,
    };

    private static ImportResult Result(ImportOutcome outcome, string message, IngestPlan plan, SessionRecord? session, SessionLayout? layout) => new()
    {
        Outcome = outcome,
        Message = message,
        SessionId = session?.SessionId,
        SessionDir = session?.SessionDir,
        GalleryPath = layout?.IndexHtml,
        Discovered = plan.Scan.Files.Count,
        NewFiles = plan.NewFiles.Count,
        Skipped = plan.Skipped,
        Ignored = plan.Scan.Ignored.Count,
        NewBytes = plan.NewFiles.Sum(f => f.SizeBytes),
        CardBytesRead = plan.BytesHashed,
    };

    internal sealed record IngestPlan(
        CardScan Scan,
        VolumeInfo Volume,
        IReadOnlyList<CardFile> NewFiles,
        int Skipped,
        SessionRecord? ResumeSession,
        ConcurrentDictionary<string, string> KnownHashes,
        IReadOnlyList<(string CardPath, string Sha)> DuplicatesInJournal,
        long BytesHashed);
}
