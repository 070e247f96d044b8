using Microsoft.Extensions.Logging;

namespace GhostRoll.Pipeline;

/// <summary>
/// Pipeline log messages: source-generated (no allocations when disabled) with stable event ids (1000-1999), so
/// <c>journalctl</c> searches and support answers can name them.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1000, LogLevel.Information, "Card {Volume}: {Discovered} camera files ({Size}), {New} new, {Skipped} already imported, ignored {Ignored}")]
    public static partial void Scanned(ILogger logger, string volume, int discovered, string size, int @new, int skipped, string ignored);

    [LoggerMessage(1001, LogLevel.Information, "No new files on {Volume}: nothing to do")]
    public static partial void NoNewFiles(ILogger logger, string volume);

    [LoggerMessage(1002, LogLevel.Information, "Session {SessionId} {Action} in {SessionDir}")]
    public static partial void SessionStarted(ILogger logger, string sessionId, string action, string sessionDir);

    [LoggerMessage(1003, LogLevel.Debug, "Copied {CardPath} ({Bytes} bytes, sha256 {Sha})")]
    public static partial void Copied(ILogger logger, string cardPath, long bytes, string sha);

    [LoggerMessage(1004, LogLevel.Information, "{CardPath} has the same content as {Original}: recorded once")]
    public static partial void Duplicate(ILogger logger, string cardPath, string original);

    [LoggerMessage(1005, LogLevel.Warning, "Could not copy {CardPath}: {Reason}. It stays on the card and the next run retries it")]
    public static partial void CopyFailed(ILogger logger, string cardPath, string reason);

    [LoggerMessage(1006, LogLevel.Warning, "The card was removed (or stopped answering) while copying; {Remaining} files not copied yet. Re-insert it to resume")]
    public static partial void CardRemoved(ILogger logger, int remaining);

    [LoggerMessage(1007, LogLevel.Error, "Destination disk is full: {Message}")]
    public static partial void DiskFull(ILogger logger, string message);

    [LoggerMessage(1008, LogLevel.Warning, "No picture for {Key}: {Error}")]
    public static partial void DeriveFailed(ILogger logger, string key, string error);

    [LoggerMessage(1009, LogLevel.Warning, "Publishing {Key} with {Publisher} failed: {Error}")]
    public static partial void PublishFailed(ILogger logger, string key, string publisher, string error);

    [LoggerMessage(1010, LogLevel.Warning, "Publisher {Publisher} could not {Step}: {Error}")]
    public static partial void PublisherStepFailed(ILogger logger, string publisher, string step, string error);

    [LoggerMessage(1011, LogLevel.Information, "Session {SessionId}: {State}. {Summary}")]
    public static partial void SessionFinished(ILogger logger, string sessionId, string state, string summary);

    [LoggerMessage(1012, LogLevel.Information, "Waiting for another GhostRoll import to finish ({LockFile})")]
    public static partial void WaitingForLock(ILogger logger, string lockFile);

    [LoggerMessage(1013, LogLevel.Information, "Resuming unfinished session {SessionId} ({State})")]
    public static partial void Resuming(ILogger logger, string sessionId, string state);

    [LoggerMessage(1014, LogLevel.Debug, "{CardPath}: hashing first (its size matches an imported file)")]
    public static partial void HashingFirst(ILogger logger, string cardPath);

    [LoggerMessage(1015, LogLevel.Information, "Uploads deferred: battery low and not charging. The session stays publish-pending until power returns")]
    public static partial void UploadsDeferred(ILogger logger);

    [LoggerMessage(1016, LogLevel.Warning, "{CardPath} was in this session but is no longer on the card")]
    public static partial void MissingFromCard(ILogger logger, string cardPath);

    [LoggerMessage(1017, LogLevel.Debug, "Removed {Count} leftover temporary files from an interrupted run")]
    public static partial void RemovedTempFiles(ILogger logger, int count);
}
