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

        // A video entry's clip, or a Live Photo's motion part: the same rule for both (location-free copies only).
        foreach (var clip in ClipUploadsOf(context, entry))
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
                Log.ClipNotScrubbed(context.Logger, clip.Key[(clip.Key.LastIndexOf('/') + 1)..], scrubbed.Reason!);
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

    /// <summary>
    /// The clip of a video entry and the motion part of a Live Photo as they would be uploaded (the original's path,
    /// to be scrubbed); none over the size limit. Originals of items without a picture are never uploaded: a RAW's
    /// EXIF can hold GPS and a RAW cannot be rewritten safely (docs/clips.md), so the page says it stays on the appliance.
    /// </summary>
    private IEnumerable<UploadItem> ClipUploadsOf(PublishContext context, GalleryEntry entry)
    {
        if (entry.VideoPath is { } clip && ClipUploadOf(context, clip, entry.VideoBytes, entry.Name) is { } video)
        {
            yield return video;
        }

        if (entry.MotionPath is { } motion && ClipUploadOf(context, motion, entry.MotionBytes, motion[(motion.LastIndexOf('/') + 1)..]) is { } live)
        {
            yield return live;
        }
    }

    private UploadItem? ClipUploadOf(PublishContext context, string clip, long? knownBytes, string name)
    {
        var limit = context.Settings.VideoUploadMaxBytes;
        var bytes = knownBytes ?? new FileInfo(context.Layout.FullPath(clip)).Length;
        if (limit > 0 && bytes <= limit)
        {
            name = name.Replace("\"", "", StringComparison.Ordinal);
            return new UploadItem(context.Layout.FullPath(clip), KeyFor(clip), VideoContentType(clip), ImageCacheControl, $"attachment; filename=\"{name}\"");
        }

        Log.ClipTooLarge(context.Logger, name, bytes / (1024 * 1024));
        return null;
    }
}
