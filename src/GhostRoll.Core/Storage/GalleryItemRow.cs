using System.Globalization;
using GhostRoll.Media;
using GhostRoll.Pipeline;

namespace GhostRoll.Storage;

/// <summary>
/// A derived item as the journal stores it (<c>session_items</c> joined with its <c>media_metadata</c>), in its stored
/// form: times and offsets as the text the database holds. The derive stage builds its gallery entry from the same
/// row it writes, so the entry it hands to the publishers is the one a later run reads back from the journal.
/// </summary>
internal sealed record GalleryItemRow(
    string Key,
    string? SourcePath,
    GalleryEntryKind Kind,
    IReadOnlyList<ImageVariant> Variants,
    string? Error,
    string? CapturedLocal,
    string? CapturedOffset,
    string? Make,
    string? Model,
    string? ClipType,
    double? ClipSeconds)
{
    /// <summary>Metadata is stored (and joined) by the rendered member's content hash: without one it is not kept.</summary>
    public static GalleryItemRow Of(string key, GalleryEntryKind kind, DeriveOutcome outcome)
    {
        var metadata = outcome.SourceSha256 is null ? null : outcome.Metadata;
        return new GalleryItemRow(key, outcome.SourceCardPath, kind, [.. outcome.Variants], outcome.Error,
            FormatCapturedLocal(metadata?.CapturedLocal), metadata?.CapturedOffset is { } o ? GhostRollDatabase.FormatOffset(o) : null,
            metadata?.Make, metadata?.Model, outcome.Clip?.Type, outcome.Clip?.Duration?.TotalSeconds);
    }

    internal static string? FormatCapturedLocal(DateTime? local) => local?.ToString("yyyy-MM-ddTHH:mm:ss.fff", CultureInfo.InvariantCulture);

    internal static DateTime? ParseCapturedLocal(string? text) => text is null ? null : DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.None);

    /// <summary>The gallery entry of this item, given its group's files that are not duplicates (card order).</summary>
    public GalleryEntry ToEntry(IReadOnlyList<SessionFileRecord> group)
    {
        var video = group.FirstOrDefault(f => f.Kind == MediaKind.Video);
        var name = Kind == GalleryEntryKind.Video && video is not null ? video.CardPath : SourcePath ?? group.FirstOrDefault()?.CardPath ?? Key;
        var duration = ClipSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;

        // A photo with a clip beside it is a Live Photo: the clip is its motion part.
        var motion = Kind == GalleryEntryKind.Photo ? video : null;

        // Nothing to look at (a RAW without preview, a corrupt photo): offer the file that was tried, so the
        // item is no dead end. Clips are offered as clips already.
        var original = Kind == GalleryEntryKind.Photo && Variants.Count == 0
            ? group.FirstOrDefault(f => f.CardPath == SourcePath) ?? group.FirstOrDefault(f => f.Kind.IsPhoto())
            : null;
        return new GalleryEntry
        {
            Key = Key,
            Name = name[(name.LastIndexOf('/') + 1)..],
            Kind = Kind,
            CapturedLocal = ParseCapturedLocal(CapturedLocal),
            CapturedOffset = CapturedOffset is { } o ? GhostRollDatabase.ParseOffset(o) : null,
            Camera = CameraName.Of(Make, Model),
            Variants = Variants,
            VideoPath = Kind == GalleryEntryKind.Video && video is not null ? "originals/" + video.CardPath : null,
            VideoBytes = Kind == GalleryEntryKind.Video ? video?.SizeBytes : null,
            VideoType = Kind == GalleryEntryKind.Video ? ClipType : null,
            Duration = Kind == GalleryEntryKind.Video || motion is not null ? duration : null,
            MotionPath = motion is null ? null : "originals/" + motion.CardPath,
            MotionBytes = motion?.SizeBytes,
            MotionType = motion is null ? null : ClipType,
            OriginalPath = original is null ? null : "originals/" + original.CardPath,
            OriginalBytes = original?.SizeBytes,
            Members = [.. group.Select(f => f.CardPath[(f.CardPath.LastIndexOf('/') + 1)..])],
            Error = Error,
        };
    }
}
