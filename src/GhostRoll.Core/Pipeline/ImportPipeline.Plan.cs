using System.Collections.Concurrent;
using GhostRoll.Ingest;
using GhostRoll.Sessions;
using GhostRoll.Storage;

namespace GhostRoll.Pipeline;

/// <summary>Planning: what on the card is new, without reading files whenever the database already knows.</summary>
public sealed partial class ImportPipeline
{
    /// <summary>
    /// Decides, for every camera file on the card, whether it must be copied:
    /// <list type="number">
    /// <item>fast path: the same (volume, path, size, mtime) was hashed before and that content is ingested → skip,
    /// without reading the file (a re-inserted card costs one directory walk);</item>
    /// <item>size pre-filter: no ingested file has this size → new; it is hashed while copying (one read);</item>
    /// <item>otherwise the content hash decides: read and hash it now; ingested → skip, else copy.</item>
    /// </list>
    /// Files an unfinished session of this card still owes (interrupted or failed copies) are planned again.
    /// </summary>
    private async Task<IngestPlan> PlanAsync(string root, ImportRequest request, CancellationToken cancellationToken)
    {
        var db = _services.Database;
        CardScan scan;
        try
        {
            scan = CardScanner.Scan(root);
        }
        catch (DirectoryNotFoundException)
        {
            throw new ImportException($"{root} has no DCIM folder: is this a camera card? (GhostRoll imports DCIM/ and camera video folders such as PRIVATE/)");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ImportException($"cannot read the card at {root}: {e.Message}");
        }

        var identified = VolumeInfo.Identify(root);
        var volume = identified with { Id = request.VolumeId ?? identified.Id, Label = request.VolumeLabel ?? identified.Label };

        var resume = FindSessionToResume(request, volume);
        var journal = resume is null
            ? new Dictionary<string, SessionFileRecord>(StringComparer.Ordinal)
            : db.SessionFiles(resume.SessionId).ToDictionary(f => f.CardPath, StringComparer.Ordinal);

        var fingerprints = db.Fingerprints(volume.Id);
        var sizes = db.IngestedSizes();
        var fast = new List<(CardFile File, string Sha)>();
        var needHash = new List<CardFile>();
        var newFiles = new List<CardFile>();
        foreach (var file in scan.Files)
        {
            if (journal.TryGetValue(file.CardPath, out var known) && known.State is not (FileState.Discovered or FileState.Failed))
            {
                continue; // already copied into this session
            }

            if (fingerprints.TryGetValue(file.CardPath, out var fp) && fp.SizeBytes == file.SizeBytes && fp.MtimeNs == file.MtimeNs)
            {
                fast.Add((file, fp.Sha256));
            }
            else if (!sizes.Contains(file.SizeBytes))
            {
                newFiles.Add(file);
            }
            else
            {
                needHash.Add(file);
            }
        }

        var skipped = 0;
        var duplicatesInJournal = new List<(string, string)>();
        var ingested = db.IngestedAmong(fast.Select(f => f.Sha).Distinct());
        foreach (var (file, sha) in fast)
        {
            if (ingested.Contains(sha))
            {
                Skip(file, sha);
            }
            else
            {
                newFiles.Add(file); // remembered content is gone from the ledger (e.g. a reset database): copy again
            }
        }

        var knownHashes = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        long bytesHashed = 0;
        var hashedFingerprints = new List<(string, long, long, string)>();
        if (needHash.Count > 0)
        {
            var hasher = new VerifiedCopier(request.Source ?? FileSystemCardSource.Instance, verify: false);
            _services.Status.Update(s => s with { Message = $"Checking {needHash.Count} files against earlier imports…" });
            foreach (var file in needHash)
            {
                Log.HashingFirst(_logger, file.CardPath);
                try
                {
                    var (sha, bytes) = await hasher.HashAsync(file, cancellationToken).ConfigureAwait(false);
                    bytesHashed += bytes;
                    if (db.IsIngested(sha))
                    {
                        Skip(file, sha);
                        hashedFingerprints.Add((file.CardPath, file.SizeBytes, file.MtimeNs, sha));
                    }
                    else
                    {
                        knownHashes[file.CardPath] = sha;
                        newFiles.Add(file);
                    }
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    newFiles.Add(file); // the copy stage retries the read and reports a per-file error if it fails again
                }
            }
        }

        if (hashedFingerprints.Count > 0)
        {
            db.RecordFingerprints(volume.Id, hashedFingerprints);
        }

        newFiles.Sort((a, b) => string.CompareOrdinal(a.CardPath, b.CardPath));
        return new IngestPlan(scan, volume, newFiles, skipped, resume, knownHashes, duplicatesInJournal, bytesHashed);

        void Skip(CardFile file, string sha)
        {
            if (journal.ContainsKey(file.CardPath))
            {
                // The session was waiting for this file, but its content arrived through another file or session.
                duplicatesInJournal.Add((file.CardPath, sha));
            }
            else
            {
                skipped++;
            }
        }
    }

    /// <summary>The unfinished session this card still owes files to (the newest), or the one named by --session-id.</summary>
    private SessionRecord? FindSessionToResume(ImportRequest request, VolumeInfo volume)
    {
        var db = _services.Database;
        if (request.SessionId is { } id && db.GetSession(id) is { } named)
        {
            return named.State == SessionState.Done
                ? throw new ImportException($"session '{id}' is already complete; pick a new --session-id or leave it out")
                : named;
        }

        return db.Sessions(unfinishedOnly: true).FirstOrDefault(s => s.VolumeId == volume.Id && s.State is SessionState.Active or SessionState.Failed);
    }
}
