using GhostRoll.Pipeline;
using GhostRoll.Publishing.Clips;
using GhostRoll.Publishing.S3;

namespace GhostRoll.Publishing;

/// <summary>Upload-as-ready: each entry's images (and its clip, within the size limit) as soon as they exist.</summary>
public sealed partial class S3Publisher
{
    /// <summary>Set once the "ffmpeg is missing" warning was logged: one warning per run, not one per clip.</summary>
    private int _scrubberMissingWarned;

    /// <summary>
    /// Uploads the entry's variants and, for clips up to VIDEO_UPLOAD_MAX_MB, a copy of the clip without its
    /// metadata (<see cref="ClipScrubber"/>: never the original, which can carry GPS); content already in the
    /// bucket (ledger) is not sent again. A clip that cannot be scrubbed stays local: the entry is published
    /// without a download. Safe to call concurrently. Throws <see cref="PublishException"/> when the bucket stays
    /// unreachable after retries: the entry stays unpublished and a later run finishes it.
    /// </summary>
    public async Task PublishAsync(PublishContext context, GalleryEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(entry);
        _context ??= context;
        if (_unreachable is { } down)
        {
            throw new PublishException(down.Message, down) { Unavailable = true, Reported = true }; // the early link logged it
        }

        await EnsureBegunAsync(context, _options.Retry, cancellationToken).ConfigureAwait(false);

        foreach (var item in ImageUploadsOf(context, entry))
        {
            await UploadAsync(entry, item, cancellationToken).ConfigureAwait(false);
        }

        if (ClipUploadOf(context, entry) is { } clip)
        {
            if (!File.Exists(clip.LocalPath))
            {
                throw new PublishException($"{entry.Key}: {clip.LocalPath} is missing locally, so it cannot be uploaded");
            }

            // The location-free copy goes beside the session (never on the card) and is deleted after the upload.
            using var scrubbed = await _options.Clips.ScrubAsync(clip.LocalPath, Path.Combine(context.Layout.Root, ".publish", "clips"), cancellationToken).ConfigureAwait(false);
            if (scrubbed.Path is { } clean)
            {
                await UploadAsync(entry, clip with { LocalPath = clean }, cancellationToken).ConfigureAwait(false);
            }
            else if (scrubbed.Failure == ScrubFailure.ToolMissing)
            {
                if (Interlocked.Exchange(ref _scrubberMissingWarned, 1) == 0)
                {
                    Log.ClipScrubberMissing(context.Logger, scrubbed.Reason!);
                }
            }
            else
            {
                Log.ClipNotScrubbed(context.Logger, entry.Name, scrubbed.Reason!);
            }
        }

        _present[entry.Key] = entry;
        ReportCounts(context);
        _manifest?.RequestUpdate();
    }

    private async Task UploadAsync(GalleryEntry entry, UploadItem item, CancellationToken cancellationToken)
    {
        if (!File.Exists(item.LocalPath))
        {
            throw new PublishException($"{entry.Key}: {item.LocalPath} is missing locally, so it cannot be uploaded; the next run derives it again");
        }

        await _uploader!.UploadFileAsync(item, cancellationToken).ConfigureAwait(false);
        _keysInBucket.TryAdd(item.Key, 0);
    }

    private IEnumerable<UploadItem> ImageUploadsOf(PublishContext context, GalleryEntry entry) =>
        entry.Variants.Select(variant => new UploadItem(context.Layout.FullPath(variant.Path), KeyFor(variant.Path), VariantContentType(variant), ImageCacheControl));

    /// <summary>The clip of a video entry as it would be uploaded (the original's path, to be scrubbed), or null: no clip, or over the size limit.</summary>
    private UploadItem? ClipUploadOf(PublishContext context, GalleryEntry entry)
    {
        if (entry.VideoPath is not { } clip)
        {
            return null;
        }

        var limit = context.Settings.VideoUploadMaxBytes;
        var bytes = entry.VideoBytes ?? new FileInfo(context.Layout.FullPath(clip)).Length;
        if (limit > 0 && bytes <= limit)
        {
            var name = entry.Name.Replace("\"", "", StringComparison.Ordinal);
            return new UploadItem(context.Layout.FullPath(clip), KeyFor(clip), VideoContentType(clip), ImageCacheControl, $"attachment; filename=\"{name}\"");
        }

        Log.ClipTooLarge(context.Logger, entry.Name, bytes / (1024 * 1024));
        return null;
    }
}
