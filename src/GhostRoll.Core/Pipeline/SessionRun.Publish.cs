using System.Threading.Channels;

namespace GhostRoll.Pipeline;

/// <summary>Publish stage: ready gallery entries → every publisher (local gallery, then S3), in parallel up to UPLOAD_WORKERS.</summary>
internal sealed partial class SessionRun
{
    private async Task PublishWorkerAsync(ChannelReader<GalleryEntry> queue, IReadOnlyList<ISessionPublisher> publishers, PublishContext context, CancellationTokenSource fatal)
    {
        var cancellationToken = fatal.Token;
        try
        {
            await foreach (var entry in queue.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                var key = entry.Key;
                var ok = true;
                foreach (var publisher in publishers)
                {
                    if (_unavailable.ContainsKey(publisher))
                    {
                        ok = false; // its destination is down for this run: the entry waits for the next one
                        _counters.PublishFailed();
                        continue;
                    }

                    try
                    {
                        await publisher.PublishAsync(context, entry, cancellationToken).ConfigureAwait(false);
                    }
                    catch (PublishException e) when (e.Unavailable)
                    {
                        ok = false;
                        _counters.PublishFailed();
                        if (_unavailable.TryAdd(publisher, 0) && !e.Reported)
                        {
                            Log.PublisherUnavailable(_logger, publisher.Name, e.Message);
                        }
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        ok = false;
                        _counters.PublishFailed();
                        Log.PublishFailed(_logger, key, publisher.Name, e.Message);
                    }
                }

                // With uploads deferred (low battery) the entry is only local: it stays unpublished for the next run.
                if (ok && !_remoteDeferred)
                {
                    _db.MarkPublished(_session.SessionId, key);
                    _groups.Published(key);
                    var done = _counters.EntryPublished();
                    _status.Counts(c => c with { UploadedDone = done });
                    _status.Progress(Status.StatusStep.Upload, done, _status.Current.Counts.UploadedTotal);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e) when (IsDiskFull(e))
        {
            // The journal could not record a published entry: the run stops, and the next one publishes it again.
            await StopForFullDiskAsync(e, "recording published photos", fatal).ConfigureAwait(false);
        }
    }
}
