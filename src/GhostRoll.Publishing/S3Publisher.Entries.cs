using GhostRoll.Pipeline;
using GhostRoll.Publishing.S3;

namespace GhostRoll.Publishing;

/// <summary>Upload-as-ready: each entry's images (and its clip, within the size limit) as soon as they exist.</summary>
public sealed partial class S3Publisher
{
    /// <summary>
    /// Uploads the entry's variants and, for clips up to VIDEO_UPLOAD_MAX_MB, the clip; content already in the
    /// bucket (ledger) is not sent again. Safe to call concurrently. Throws <see cref="PublishException"/> when the
    /// bucket stays unreachable after retries: the entry stays unpublished and a later run finishes it.
    /// </summary>
    public async Task PublishAsync(PublishContext context, GalleryEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(entry);
        _context ??= context;
        await EnsureBegunAsync(context, _options.Retry, cancellationToken).ConfigureAwait(false);

        foreach (var item in UploadsOf(context, entry))
        {
            if (!File.Exists(item.LocalPath))
            {
                throw new PublishException($"{entry.Key}: {item.LocalPath} is missing locally, so it cannot be uploaded; the next run derives it again");
            }

            await _uploader!.UploadFileAsync(item, cancellationToken).ConfigureAwait(false);
            _keysInBucket.TryAdd(item.Key, 0);
        }

        _present[entry.Key] = entry;
        ReportCounts(context);
        _manifest?.RequestUpdate();
    }

    private IEnumerable<UploadItem> UploadsOf(PublishContext context, GalleryEntry entry)
    {
        foreach (var variant in entry.Variants)
        {
            yield return new UploadItem(context.Layout.FullPath(variant.Path), KeyFor(variant.Path), VariantContentType(variant), ImageCacheControl);
        }

        if (entry.VideoPath is { } clip)
        {
            var limit = context.Settings.VideoUploadMaxBytes;
            var bytes = entry.VideoBytes ?? new FileInfo(context.Layout.FullPath(clip)).Length;
            if (limit > 0 && bytes <= limit)
            {
                var name = entry.Name.Replace("\"", "", StringComparison.Ordinal);
                yield return new UploadItem(context.Layout.FullPath(clip), KeyFor(clip), VideoContentType(clip), ImageCacheControl, $"attachment; filename=\"{name}\"");
            }
            else
            {
                Log.ClipTooLarge(context.Logger, entry.Name, bytes / (1024 * 1024));
            }
        }
    }
}
