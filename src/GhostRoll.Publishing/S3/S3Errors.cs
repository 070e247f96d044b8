using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using Amazon.S3;
using GhostRoll.Pipeline;

namespace GhostRoll.Publishing.S3;

/// <summary>
/// The one place that decides what an S3 failure means: whether trying again can help, and what to tell the
/// user (what happened, what to do). Everything the publisher throws goes through <see cref="Translate"/>.
/// </summary>
public static class S3Errors
{
    /// <summary>
    /// True for failures a later attempt may fix: throttling (503 SlowDown, 429), server errors (5xx), request
    /// timeouts, clock skew the SDK has just corrected, and network errors (refused, reset, DNS, timeouts).
    /// </summary>
    public static bool IsTransient(Exception exception, CancellationToken cancellationToken = default)
    {
        switch (exception)
        {
            case OperationCanceledException when cancellationToken.IsCancellationRequested:
                return false;
            case OperationCanceledException:
                return true; // HttpClient reports its own timeout as a cancellation
            case AmazonServiceException service when service.StatusCode != 0:
                var status = (int)service.StatusCode;
                return status >= 500 || status == 429 || service.ErrorCode is "SlowDown" or "Throttling" or "RequestTimeout"
                    or "RequestTimeTooSkewed" or "InternalError" or "ServiceUnavailable";
            case HttpRequestException or SocketException or IOException or TimeoutException:
                return true;
            case AmazonClientException or AmazonServiceException when exception.InnerException is { } inner:
                return IsTransient(inner, cancellationToken);
            case AmazonServiceException:
                return true; // no status at all: the request never got an answer
            default:
                return false;
        }
    }

    /// <summary>What to do when the AWS credential chain finds nothing (the same advice as 'ghostroll doctor').</summary>
    public const string MissingCredentialsAdvice =
        "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE) in /etc/ghostroll/ghostroll.env, then run 'ghostroll publish' (the photos are safe here)";

    /// <summary>
    /// True when the SDK found no credentials at all (environment, profile, web identity, instance metadata): it
    /// throws a client exception whose multi-line message lists every provider it tried, before any request is sent.
    /// </summary>
    public static bool IsMissingCredentials(Exception exception) =>
        exception is AmazonClientException && exception.Message.StartsWith("Failed to resolve AWS credentials", StringComparison.Ordinal);

    /// <summary>A <see cref="PublishException"/> whose message says what failed and what to do about it.</summary>
    public static PublishException Translate(Exception exception, string what, S3Connection connection)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(connection);
        var where = connection.Endpoint is null ? $"bucket '{connection.Bucket}' ({connection.Region})" : $"bucket '{connection.Bucket}' at {connection.Endpoint}";
        if (IsMissingCredentials(exception))
        {
            // Every request of the run would fail the same way: one line, and the destination is skipped for the run.
            return new PublishException($"{what} on {where} failed (no AWS credentials found): {MissingCredentialsAdvice}", exception) { Unavailable = true };
        }

        var code = (exception as AmazonServiceException)?.ErrorCode;
        var status = (exception as AmazonServiceException)?.StatusCode ?? 0;
        var advice = code switch
        {
            "NoSuchBucket" => $"the bucket does not exist: create it (private) or fix GHOSTROLL_S3_BUCKET",
            "InvalidAccessKeyId" => "the access key is unknown to the server: check AWS_ACCESS_KEY_ID or the AWS profile",
            "SignatureDoesNotMatch" => "the server rejected the signature: check AWS_SECRET_ACCESS_KEY, the region (GHOSTROLL_S3_REGION) and the clock",
            "ExpiredToken" or "TokenRefreshRequired" => "the temporary credentials expired: refresh them (aws sso login, new role session)",
            "AccessDenied" => $"access denied: the credentials need s3:PutObject, s3:GetObject and s3:DeleteObject on {connection.PrefixRoot}*",
            "RequestTimeTooSkewed" => "this machine's clock is off by more than 15 minutes: enable NTP (timedatectl set-ntp true)",
            "AuthorizationHeaderMalformed" => "the region is wrong for this bucket: set GHOSTROLL_S3_REGION",
            "PermanentRedirect" => "the bucket is in another region: set GHOSTROLL_S3_REGION to the bucket's region",
            _ when status == HttpStatusCode.Forbidden => "the server refused the request (403): check the credentials and the bucket policy",
            _ when IsNetwork(exception) => "the server could not be reached: check the network and GHOSTROLL_S3_ENDPOINT; nothing is lost, the next run or 'ghostroll publish' finishes the upload",
            _ when IsTransient(exception) => "the server is busy or failing; nothing is lost, the next run or 'ghostroll publish' finishes the upload",
            _ => "see the log for details; the next run or 'ghostroll publish' retries",
        };
        var detail = exception is AmazonServiceException s && s.StatusCode != 0
            ? $"{(int)s.StatusCode} {s.ErrorCode}".TrimEnd()
            : Innermost(exception).Message;
        // Almost every S3 failure that survives the retries (network down, server failing, bad credentials, missing
        // bucket) will fail every other object too: say so, and the pipeline stops trying this destination for the
        // rest of the run. Only request-specific rejections leave the other entries worth trying.
        var perObject = code is "EntityTooLarge" or "KeyTooLongError" or "InvalidArgument" or "InvalidRequest" or "InvalidDigest" or "BadDigest";
        return new PublishException($"{what} on {where} failed ({detail}): {advice}", exception) { Unavailable = !perObject };
    }

    private static bool IsNetwork(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is HttpRequestException or SocketException)
            {
                return true;
            }
        }

        return false;
    }

    private static Exception Innermost(Exception exception)
    {
        var e = exception;
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }

        return e;
    }
}
