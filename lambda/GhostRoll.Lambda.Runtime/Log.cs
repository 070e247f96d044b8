using Microsoft.Extensions.Logging;

namespace GhostRoll.Lambda.Runtime;

/// <summary>
/// Runtime loop log lines, source-generated; event ids 7000-7049. Never the payload (a Function URL event
/// carries the caller's headers and cookies), only request ids, types and sizes.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(7001, LogLevel.Error, "lambda: invocation {RequestId} failed ({ErrorType}: {ErrorMessage}); reported, waiting for the next one")]
    public static partial void InvocationFailed(this ILogger logger, string requestId, string errorType, string errorMessage);

    [LoggerMessage(7002, LogLevel.Error, "lambda: invocation {RequestId} ran past its deadline; reported")]
    public static partial void DeadlineExceeded(this ILogger logger, string requestId);

    [LoggerMessage(7003, LogLevel.Error, "lambda: could not deliver the outcome of invocation {RequestId}")]
    public static partial void DeliveryFailed(this ILogger logger, string requestId, Exception exception);

    [LoggerMessage(7004, LogLevel.Critical, "lambda: initialisation failed ({ErrorType}: {ErrorMessage}); reported to init/error")]
    public static partial void InitFailed(this ILogger logger, string errorType, string errorMessage);

    [LoggerMessage(7005, LogLevel.Debug, "lambda: invocation {RequestId} answered ({Bytes} bytes)")]
    public static partial void Answered(this ILogger logger, string requestId, int bytes);
}
