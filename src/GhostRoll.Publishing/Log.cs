using Microsoft.Extensions.Logging;

namespace GhostRoll.Publishing;

/// <summary>
/// Every log line of the publishing component, with stable event ids (4xxx: issue 4) so they can be grepped in
/// journald. Presigned URLs passed here are redacted by the logging provider (signature, credential, token).
/// </summary>
internal static partial class Log
{
    [LoggerMessage(4001, LogLevel.Information, "Share link ready for {SessionId} ({Milliseconds} ms after start; valid until {ExpiresUtc:u}): {Url}")]
    public static partial void ShareLinkReady(ILogger logger, string sessionId, long milliseconds, DateTime expiresUtc, string url);

    [LoggerMessage(4002, LogLevel.Information, "Reusing the share link of {SessionId} (valid until {ExpiresUtc:u})")]
    public static partial void ShareLinkReused(ILogger logger, string sessionId, DateTime expiresUtc);

    [LoggerMessage(4003, LogLevel.Warning, "Could not publish the early link of {SessionId} yet: {Reason}")]
    public static partial void EarlyLinkFailed(ILogger logger, string sessionId, string reason);

    [LoggerMessage(4004, LogLevel.Debug, "Uploaded {Key} ({Bytes} bytes)")]
    public static partial void Uploaded(ILogger logger, string key, long bytes);

    [LoggerMessage(4005, LogLevel.Debug, "Already in the bucket, not uploaded again: {Key}")]
    public static partial void AlreadyUploaded(ILogger logger, string key);

    [LoggerMessage(4006, LogLevel.Warning, "S3 {What} failed (attempt {Attempt} of {MaxAttempts}), retrying in {DelayMs} ms: {Reason}")]
    public static partial void Retrying(ILogger logger, string what, int attempt, int maxAttempts, int delayMs, string reason);

    [LoggerMessage(4007, LogLevel.Warning, "Manifest update failed, the next update retries: {Reason}")]
    public static partial void ManifestUpdateFailed(ILogger logger, string reason);

    [LoggerMessage(4008, LogLevel.Information, "Resuming the multipart upload of {Key}: {Parts} of {Total} parts already in the bucket")]
    public static partial void MultipartResumed(ILogger logger, string key, int parts, int total);

    [LoggerMessage(4009, LogLevel.Information, "Clip {Name} ({Megabytes} MB) is over VIDEO_UPLOAD_MAX_MB and stays local")]
    public static partial void ClipTooLarge(ILogger logger, string name, long megabytes);

    [LoggerMessage(4010, LogLevel.Information, "Published {SessionId} to S3: {Entries} items, complete={Complete}")]
    public static partial void SessionPublished(ILogger logger, string sessionId, int entries, bool complete);

    [LoggerMessage(4011, LogLevel.Debug, "Share links live {Seconds} s: PRESIGN_EXPIRY_SECONDS={Configured} less the safety margin below the SigV4 limit")]
    public static partial void ExpiryClamped(ILogger logger, int seconds, int configured);

    [LoggerMessage(4012, LogLevel.Warning, "Could not write {Path}: {Reason}")]
    public static partial void LocalWriteFailed(ILogger logger, string path, string reason);

    [LoggerMessage(4013, LogLevel.Warning, "Clips are not uploaded and stay local: {Reason}. A clip can carry the place where it was filmed, so GhostRoll publishes clips only after ffmpeg has removed their metadata. Install it (apt-get install ffmpeg) so that the clips of later imports are uploaded; these stay on the appliance only")]
    public static partial void ClipScrubberMissing(ILogger logger, string reason);

    [LoggerMessage(4014, LogLevel.Warning, "Clip {Name} is not uploaded and stays local: {Reason}. Its metadata (which can hold the place where it was filmed) could not be removed safely")]
    public static partial void ClipNotScrubbed(ILogger logger, string name, string reason);

    [LoggerMessage(4015, LogLevel.Warning, "The LAN link of {SessionId} could not be made ({Reason}); the import goes on, 'ghostroll share' tries again")]
    public static partial void LanLinkFailed(ILogger logger, string sessionId, string reason);

    [LoggerMessage(4016, LogLevel.Warning, "The dashboard's sessions.json could not be written ({Reason}); check that the status folder is writable")]
    public static partial void DashboardWriteFailed(ILogger logger, string reason);
}
