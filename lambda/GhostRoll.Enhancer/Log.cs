using Microsoft.Extensions.Logging;

namespace GhostRoll.Enhancer;

/// <summary>
/// Enhancer log lines, source-generated; event ids 7200-7249. Message ids, object keys and reasons only: never a
/// message body (receipt handles), never a presigned URL or credential.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(7201, LogLevel.Information, "enhancer: batch of {Messages}: {Enhanced} enhanced, {Already} already done, {Skipped} ignored or dropped, {Failed} to retry")]
    public static partial void BatchDone(this ILogger logger, int messages, int enhanced, int already, int skipped, int failed);

    [LoggerMessage(7202, LogLevel.Information, "enhancer: message {MessageId}: {Outcome}: {Reason}")]
    public static partial void MessageDone(this ILogger logger, string messageId, string outcome, string reason);

    [LoggerMessage(7203, LogLevel.Warning, "enhancer: message {MessageId} dropped (retrying cannot help): {Reason}")]
    public static partial void MessageDropped(this ILogger logger, string messageId, string reason);

    [LoggerMessage(7204, LogLevel.Error, "enhancer: message {MessageId} (receive {Receives}) left for retry: {Reason}")]
    public static partial void MessageRetried(this ILogger logger, string messageId, string receives, string reason);
}
