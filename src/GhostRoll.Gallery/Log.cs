using Microsoft.Extensions.Logging;

namespace GhostRoll.Gallery;

/// <summary>Gallery log lines, source-generated. Event ids 5000-5099 (issue 5), stable for grepping journald.</summary>
internal static partial class Log
{
    [LoggerMessage(5001, LogLevel.Debug, "gallery: wrote index.html and manifest.json ({Items} of {Expected} items, complete={Complete})")]
    public static partial void GalleryWritten(this ILogger logger, int items, int expected, bool complete);

    [LoggerMessage(5002, LogLevel.Information, "gallery: share.zip has {Photos} photos ({Megabytes:F1} MB)")]
    public static partial void ShareZipWritten(this ILogger logger, int photos, double megabytes);

    [LoggerMessage(5003, LogLevel.Debug, "gallery: share.zip already holds the {Photos} share images, kept as is")]
    public static partial void ShareZipCurrent(this ILogger logger, int photos);

    [LoggerMessage(5004, LogLevel.Warning, "gallery: could not update {Path}; the next update retries it (free some space if the disk is full)")]
    public static partial void GalleryWriteFailed(this ILogger logger, string path, Exception exception);

    [LoggerMessage(5005, LogLevel.Warning, "gallery: share image {Path} is missing; share.zip leaves it out (re-run 'ghostroll publish' after re-deriving)")]
    public static partial void ShareImageMissing(this ILogger logger, string path);
}
