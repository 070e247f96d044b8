using System.Threading.Channels;
using GhostRoll.Ingest;
using GhostRoll.Interop;
using GhostRoll.Sessions;
using GhostRoll.Storage;
using Microsoft.Extensions.Logging;

namespace GhostRoll.Pipeline;

/// <summary>Copy stage: card → verified local originals, one read pass per new byte.</summary>
internal sealed partial class SessionRun
{
    /// <summary>Builds the group table from the journal and returns the files this run copies from the card.</summary>
    private List<SessionFileRecord> PlanCopies(List<SessionFileRecord> files)
    {
        var toCopy = new List<SessionFileRecord>();
        foreach (var file in files)
        {
            var copy = false;
            if (file.State is FileState.Discovered or FileState.Failed && _card is not null)
            {
                if (_card.Files.ContainsKey(file.CardPath))
                {
                    toCopy.Add(file);
                    copy = true;
                }
                else
                {
                    Log.MissingFromCard(_logger, file.CardPath);
                    _db.MarkFileFailed(_session.SessionId, file.CardPath, "no longer on the card");
                }
            }

            _groups.Add(file, copyPending: copy);
        }

        // Card order keeps a group's files (IMG_0001.CR2, IMG_0001.JPG) next to each other, so groups complete
        // (and reach the derive stage) while the rest of the card is still copying.
        toCopy.Sort((a, b) => string.CompareOrdinal(a.CardPath, b.CardPath));
        return toCopy;
    }

    private async Task CopyWorkerAsync(ChannelReader<SessionFileRecord> queue, ChannelWriter<string> derive, CancellationTokenSource copyStop, CancellationTokenSource fatal)
    {
        var card = _card!;
        var copier = new VerifiedCopier(card.Source, _services.Settings.VerifyCopies);
        try
        {
            await foreach (var file in queue.ReadAllAsync(copyStop.Token).ConfigureAwait(false))
            {
                var ready = await CopyOneAsync(copier, card, file, copyStop, fatal).ConfigureAwait(false);
                if (ready is not null)
                {
                    await derive.WriteAsync(ready, fatal.Token).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped: card removed, fatal error elsewhere, or the run was cancelled.
        }
    }

    /// <summary>Copies one file; returns a group key that became ready to derive, or null.</summary>
    private async Task<string?> CopyOneAsync(VerifiedCopier copier, CardContext card, SessionFileRecord file, CancellationTokenSource copyStop, CancellationTokenSource fatal)
    {
        var source = card.Files[file.CardPath];
        try
        {
            EnsureFreeSpace(source.SizeBytes);
            var destination = _layout.OriginalPath(file.CardPath);
            if (card.KnownHashes.TryGetValue(file.CardPath, out var known) && _claimed.TryGetValue(known, out var firstKnown))
            {
                // Hashed while planning and the same content is already in this session: no need to read it again.
                return RecordDuplicate(file, known, firstKnown);
            }

            // Claim the content before the copy gets its final name: a second file with the same bytes is discarded
            // as a duplicate without ever appearing in originals/.
            var result = await copier.CopyAsync(source, destination, sha => _claimed.TryAdd(sha, file.CardPath), copyStop.Token).ConfigureAwait(false);
            card.CountRead(result.CardBytesRead);
            if (!result.Kept)
            {
                RemoveEmptyFolders(Path.GetDirectoryName(destination)!);
                return RecordDuplicate(file, result.Sha256, _claimed[result.Sha256]);
            }

            _db.RecordCopied(_session.SessionId, file.CardPath, result.Sha256, result.Bytes, source.MtimeNs, card.Volume.Id, $"{card.Volume.Id}:{file.CardPath}");
            Log.Copied(_logger, file.CardPath, result.Bytes, result.Sha256);
            var done = _counters.FileCopied(result.Bytes);
            _status.Counts(c => c with { CopiedDone = c.CopiedDone + 1, CopiedBytesDone = c.CopiedBytesDone + file.SizeBytes });
            _status.Progress(Status.StatusStep.Ingest, done, _status.Current.Counts.CopiedTotal);
            return _groups.CopyKept(file, result.Sha256);
        }
        catch (OperationCanceledException)
        {
            // Left as it was in the journal (discovered/failed): the next run copies it.
            _groups.CopyAbandoned(file);
            throw;
        }
        catch (Exception e) when (IsDiskFull(e))
        {
            _groups.CopyAbandoned(file);
            await StopForFullDiskAsync(e, $"copying {file.CardPath}", fatal).ConfigureAwait(false);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (!card.IsPresent())
            {
                if (!_cardRemoved)
                {
                    _cardRemoved = true;
                    Log.CardRemoved(_logger, _db.FileCounts(_session.SessionId).NeedCard);
                }

                _groups.CopyAbandoned(file);
                await copyStop.CancelAsync().ConfigureAwait(false);
                return null;
            }

            Log.CopyFailed(_logger, file.CardPath, e.Message);
            _db.MarkFileFailed(_session.SessionId, file.CardPath, e.Message);
            _counters.CopyFailed();
            _status.Counts(c => c with { Failed = c.Failed + 1, CopiedBytesDone = c.CopiedBytesDone + file.SizeBytes });
            return _groups.CopyFailed(file);
        }
    }

    private string? RecordDuplicate(SessionFileRecord file, string sha, string original)
    {
        RemoveLeftoverCopy(_layout, file.CardPath);
        _db.MarkFileDuplicate(_session.SessionId, file.CardPath, sha);
        Log.Duplicate(_logger, file.CardPath, original);
        _counters.DuplicateFound();
        _status.Counts(c => c with { CopiedDone = c.CopiedDone + 1, CopiedBytesDone = c.CopiedBytesDone + file.SizeBytes });
        return _groups.CopyDuplicate(file, sha);
    }

    private void EnsureFreeSpace(long incoming)
    {
        var free = FreeSpace.Available(_layout.Root);
        if (free is { } bytes && bytes - incoming < _services.Settings.MinFreeBytes)
        {
            throw new DiskFullException(_layout.Root,
                $"only {Bytes.Format(bytes)} free on the disk holding {_layout.Root} (need {Bytes.Format(incoming)} plus the {Bytes.Format(_services.Settings.MinFreeBytes)} reserve, GHOSTROLL_MIN_FREE_MB). " +
                "Free some space (or move old sessions) and re-insert the card: copying resumes where it stopped");
        }
    }

    /// <summary>
    /// A duplicate must have no copy of its own. One can only exist if an older version of this code, or a crash between
    /// a rename and its journal entry, left it: it is our file in our session folder, so removing it is safe.
    /// </summary>
    internal static void RemoveLeftoverCopy(SessionLayout layout, string cardPath)
    {
        var path = layout.OriginalPath(cardPath);
        if (File.Exists(path))
        {
            File.Delete(path);
            Libc.FsyncDirectory(Path.GetDirectoryName(path)!);
        }
    }

    /// <summary>Removes folders a discarded duplicate leaves empty, up to originals/ (so the tree mirrors what was kept).</summary>
    private void RemoveEmptyFolders(string directory)
    {
        var stop = _layout.OriginalsDir;
        while (directory.Length > stop.Length && directory.StartsWith(stop, StringComparison.Ordinal))
        {
            try
            {
                if (Directory.EnumerateFileSystemEntries(directory).Any())
                {
                    Libc.FsyncDirectory(directory);
                    return;
                }

                Directory.Delete(directory);
            }
            catch (IOException)
            {
                return; // another worker just put a file there
            }

            directory = Path.GetDirectoryName(directory)!;
        }
    }

    private static bool IsDiskFull(Exception e) => IoErrors.IsDiskFull(e) || e is DatabaseException { IsDiskFull: true };

    /// <summary>
    /// The disk is full (an original, a derivative or the journal could not be written): every stage stops. What the
    /// journal holds stays valid, and the next run goes on from there.
    /// </summary>
    private async Task StopForFullDiskAsync(Exception e, string doing, CancellationTokenSource fatal)
    {
        _fatal = e is DiskFullException ? e : new DiskFullException(
            $"the disk holding {_layout.Root} is full ({Bytes.Format(FreeSpace.Available(_layout.Root) ?? 0)} free) while {doing}: {e.Message} " +
            "Free some space (or move old sessions) and re-insert the card: copying resumes where it stopped", e);
        Log.DiskFull(_logger, _fatal.Message);
        await fatal.CancelAsync().ConfigureAwait(false);
    }
}
