using System.Text;
using System.Text.Json;
using GhostRoll.Gallery;
using GhostRoll.Gallery.Manifest;
using GhostRoll.Pipeline;
using GhostRoll.Publishing.S3;

namespace GhostRoll.Publishing;

/// <summary>The end of a run: share.zip ("Download all") and the final manifest.</summary>
public sealed partial class S3Publisher
{
    /// <summary>
    /// Stops the interim manifest updates, uploads share.zip (written by the local gallery publisher, which runs
    /// first) and the final manifest, marked complete when the session is. Throws <see cref="PublishException"/>
    /// if any of it cannot be stored: the session stays publish-pending.
    /// </summary>
    public async Task CompleteAsync(PublishContext context, PublishCompletion completion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(completion);
        if (_manifest is not null)
        {
            await _manifest.StopAsync().ConfigureAwait(false); // an interim update in flight lands before the final one
            await _manifest.DisposeAsync().ConfigureAwait(false);
        }

        try
        {
            if (_unreachable is { } down)
            {
                throw new PublishException(down.Message, down) { Unavailable = true, Reported = true }; // the early link logged it
            }

            await FinishAsync(context, completion, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // The run is over for this publisher: release the HTTP connections. A later call (not expected by the
            // pipeline's contract) would begin again, which is idempotent.
            _connection?.Dispose();
            _connection = null;
            Volatile.Write(ref _begun, false);
            _unreachable = null;
        }
    }

    private async Task FinishAsync(PublishContext context, PublishCompletion completion, CancellationToken cancellationToken)
    {
        await EnsureBegunAsync(context, _options.Retry, cancellationToken).ConfigureAwait(false);

        ManifestFile? downloadAll = null;
        var zip = context.Layout.ShareZip;
        if (File.Exists(zip))
        {
            context.Progress.UploadingArchive();
            // Saved under the gallery's name ("21-23 Jun 2026.zip"), as the manifest's download_all names it.
            var title = ManifestBuilder.TitleFor(_settings.GalleryTitle, context.SessionId, completion.Entries);
            var disposition = $"attachment; filename=\"{Gallery.Local.ShareZip.FileNameFor(title)}\"";
            await _uploader!.UploadFileAsync(new UploadItem(zip, ShareZipKey, "application/zip", MutableCacheControl, disposition), cancellationToken).ConfigureAwait(false);
            _keysInBucket.TryAdd(ShareZipKey, 0);
            downloadAll = new ManifestFile(_signer!.Sign(ShareZipKey), new FileInfo(zip).Length);
        }

        // Entries from the pipeline carry the final metadata; only those whose files are in the bucket are listed.
        foreach (var entry in completion.Entries.Where(e => _present.ContainsKey(e.Key)))
        {
            _present[entry.Key] = entry;
        }

        var complete = completion.SessionComplete && completion.Entries.All(e => _present.ContainsKey(e.Key));
        var manifest = ManifestFor(context, complete, completion.Entries, downloadAll);
        await _uploader!.PutBytesAsync(ManifestKey, JsonSerializer.SerializeToUtf8Bytes(manifest, ManifestJsonContext.Default.GalleryManifest), "application/json; charset=utf-8", MutableCacheControl, cancellationToken).ConfigureAwait(false);
        // The page again, now with the session's title and link preview in its markup: messaging apps read the
        // served HTML and never run its script.
        await _uploader.PutBytesAsync(IndexKey, Encoding.UTF8.GetBytes(PageFor(context, manifest)), "text/html; charset=utf-8", MutableCacheControl, cancellationToken).ConfigureAwait(false);
        ReportCounts(context);
        Log.SessionPublished(context.Logger, context.SessionId, _present.Count, complete);
    }
}
