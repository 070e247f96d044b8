using Microsoft.Extensions.Logging;

namespace GhostRoll.Links;

/// <summary>
/// Link service log lines, source-generated; event ids 7100-7149. Codes are secrets (whoever has one sees the
/// gallery): only their first 4 characters are logged. Signed URLs are never logged.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(7101, LogLevel.Information, "links: {Method} {Route} for {CodeStart}… → {Status}")]
    public static partial void Served(this ILogger logger, string method, string route, string codeStart, int status);

    [LoggerMessage(7102, LogLevel.Warning, "links: the bucket could not be read for {CodeStart}… ({ErrorType}); answered 502")]
    public static partial void BucketFailed(this ILogger logger, string codeStart, string errorType, Exception exception);

    [LoggerMessage(7103, LogLevel.Warning, "links: manifest of {CodeStart}… is not valid JSON; answered 502")]
    public static partial void ManifestInvalid(this ILogger logger, string codeStart);

    [LoggerMessage(7104, LogLevel.Warning, "links: {Dropped} URL(s) in the manifest of {CodeStart}… point outside the session; left out unsigned")]
    public static partial void UrlsDropped(this ILogger logger, int dropped, string codeStart);

    [LoggerMessage(7105, LogLevel.Information, "links: listening on {Address}")]
    public static partial void Listening(this ILogger logger, string address);
}
