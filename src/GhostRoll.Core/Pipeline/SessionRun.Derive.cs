using System.Threading.Channels;
using GhostRoll.Media;
using GhostRoll.Sessions;
using GhostRoll.Storage;

namespace GhostRoll.Pipeline;

/// <summary>Derive stage: a copied group → share image, thumbnail, metadata (through the plugged-in <see cref="IDeriver"/>).</summary>
internal sealed partial class SessionRun
{
    private async Task DeriveWorkerAsync(ChannelReader<string> queue, ChannelWriter<string> publish, CancellationToken cancellationToken)
    {
        var settings = _services.Settings;
        var options = new DeriveOptions(settings.ShareMaxLongEdge, settings.ShareQuality, settings.ThumbMaxLongEdge, settings.ThumbQuality, settings.MaxImagePixels, settings.Webp, settings.EnhanceLocally);
        try
        {
            await foreach (var key in queue.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                if (await DeriveOneAsync(key, options, cancellationToken).ConfigureAwait(false))
                {
                    await publish.WriteAsync(key, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Derives one group; true when it produced a gallery entry to publish.</summary>
    private async Task<bool> DeriveOneAsync(string key, DeriveOptions options, CancellationToken cancellationToken)
    {
        List<GroupMember> members;
        bool displayable;
        lock (_groupsGate)
        {
            var group = _groups[key];
            displayable = group.Displayable;
            members = [.. group.Files
                .Where(f => f.State is FileState.Copied or FileState.Derived or FileState.Published && f.Sha256 is not null)
                .Select(f => new GroupMember(f.CardPath, _layout.OriginalPath(f.CardPath), f.Kind, f.Sha256!, f.SizeBytes))];
        }

        if (members.Count == 0)
        {
            return false;
        }

        if (!displayable)
        {
            // Sidecars without a photo or clip (an orphan XMP, a voice note): kept as originals, nothing to show.
            _db.MarkGroupWithoutEntry(_session.SessionId, key);
            MarkGroupState(key, FileState.Published);
            return false;
        }

        _status.Step(Status.StatusStates.Running, Status.StatusStep.Process, "Making share images and thumbnails…");
        DeriveOutcome outcome;
        try
        {
            outcome = await _services.Deriver.DeriveAsync(new DeriveRequest(new MediaGroup(key, members), _layout.Root, options), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A deriver must not throw for bad files; if one does anyway, that photo goes without a picture and
            // the run carries on.
            outcome = DeriveOutcome.Failed($"{e.GetType().Name}: {e.Message}", members[0].CardPath);
        }

        var kind = members.Any(m => m.Kind.IsPhoto()) ? GalleryEntryKind.Photo : GalleryEntryKind.Video;
        _db.RecordDerived(_session.SessionId, key, kind, outcome);
        MarkGroupState(key, FileState.Derived);
        if (outcome.Error is not null)
        {
            Interlocked.Increment(ref _deriveErrors);
            Log.DeriveFailed(_logger, key, outcome.Error);
        }

        var done = Interlocked.Increment(ref _derived);
        _status.Counts(c => c with { ProcessedDone = done });
        _status.Progress("process", done, _status.Current.Counts.ProcessedTotal);
        return true;
    }

    private void MarkGroupState(string key, FileState state)
    {
        lock (_groupsGate)
        {
            var files = _groups[key].Files;
            for (var i = 0; i < files.Count; i++)
            {
                if (files[i].State is FileState.Copied or FileState.Derived)
                {
                    files[i] = files[i] with { State = state };
                }
            }
        }
    }
}
