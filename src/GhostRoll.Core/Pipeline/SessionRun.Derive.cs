using System.Threading.Channels;
using GhostRoll.Media;
using GhostRoll.Storage;

namespace GhostRoll.Pipeline;

/// <summary>Derive stage: a copied group → share image, thumbnail, metadata (through the plugged-in <see cref="IDeriver"/>).</summary>
internal sealed partial class SessionRun
{
    private async Task DeriveWorkerAsync(ChannelReader<string> queue, ChannelWriter<GalleryEntry> publish, CancellationTokenSource fatal)
    {
        var cancellationToken = fatal.Token;
        var settings = _services.Settings;
        var options = new DeriveOptions(settings.ShareMaxLongEdge, settings.ShareQuality, settings.ThumbMaxLongEdge, settings.ThumbQuality, settings.MaxImagePixels, settings.Webp, settings.EnhanceLocally);
        try
        {
            await foreach (var key in queue.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                if (await DeriveOneAsync(key, options, cancellationToken).ConfigureAwait(false) is { } entry)
                {
                    await publish.WriteAsync(entry, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e) when (IsDiskFull(e))
        {
            // The journal could not record a derived group: like a copy, the run stops and the next one derives it.
            await StopForFullDiskAsync(e, "recording share images", fatal).ConfigureAwait(false);
        }
    }

    /// <summary>Derives one group; returns the gallery entry it produced for the publishers, or null when there is none.</summary>
    private async Task<GalleryEntry?> DeriveOneAsync(string key, DeriveOptions options, CancellationToken cancellationToken)
    {
        var group = _groups.ToDerive(key);
        if (group.Members.Count == 0)
        {
            return null;
        }

        if (!group.Displayable)
        {
            // Sidecars without a photo or clip (an orphan XMP, a voice note): kept as originals, nothing to show.
            _db.MarkGroupWithoutEntry(_session.SessionId, key);
            _groups.Published(key);
            return null;
        }

        List<GroupMember> members = [.. group.Members.Select(f => new GroupMember(f.CardPath, _layout.OriginalPath(f.CardPath), f.Kind, f.Sha256!, f.SizeBytes))];
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
        _groups.Derived(key);
        if (outcome.Error is not null)
        {
            Log.DeriveFailed(_logger, key, outcome.Error);
        }

        var done = _counters.GroupDerived(failed: outcome.Error is not null);
        _status.Counts(c => c with { ProcessedDone = done });
        _status.Progress(Status.StatusStep.Process, done, _status.Current.Counts.ProcessedTotal);

        // The entry as the journal now holds it: the publishers get it from here rather than reading it back.
        return GalleryItemRow.Of(key, kind, outcome).ToEntry(group.EntryFiles);
    }
}
