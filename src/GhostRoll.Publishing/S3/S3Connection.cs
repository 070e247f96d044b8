using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using GhostRoll.Configuration;

namespace GhostRoll.Publishing.S3;

/// <summary>
/// The bucket GhostRoll publishes to: an SDK client configured from the settings (bucket, region, optional
/// S3-compatible endpoint, path-style) plus the key prefix of the sessions. Credentials come from the standard
/// AWS chain (environment, profile, SSO, container or instance role) unless a caller passes some (tests, doctor).
/// </summary>
public sealed class S3Connection : IDisposable
{
    /// <summary>Region used with a custom endpoint when none is configured (what MinIO, Swift and s3rver expect).</summary>
    public const string DefaultEndpointRegion = "us-east-1";

    private S3Connection(IAmazonS3 client, string bucket, string prefixRoot, Uri? endpoint, string region, AWSCredentials? credentials)
    {
        Client = client;
        Bucket = bucket;
        PrefixRoot = prefixRoot;
        Endpoint = endpoint;
        Region = region;
        Credentials = credentials;
    }

    public IAmazonS3 Client { get; }

    public string Bucket { get; }

    /// <summary>Key prefix of all sessions, with a trailing '/' (or empty): <c>sessions/</c>.</summary>
    public string PrefixRoot { get; }

    /// <summary>The S3-compatible endpoint, or null for AWS itself.</summary>
    public Uri? Endpoint { get; }

    public string Region { get; }

    /// <summary>Credentials passed in explicitly; null = the standard AWS chain.</summary>
    public AWSCredentials? Credentials { get; }

    /// <summary>Presigned links must say http:// for a plain-http endpoint (the SDK would write https://).</summary>
    public Protocol LinkProtocol => Endpoint?.Scheme == Uri.UriSchemeHttp ? Protocol.HTTP : Protocol.HTTPS;

    /// <summary>Key prefix of one session: <c>sessions/shoot-.../</c>.</summary>
    public string SessionPrefix(string sessionId) => $"{PrefixRoot}{sessionId}/";

    public static S3Connection Create(GhostRollSettings settings, AWSCredentials? credentials = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.LocalOnly)
        {
            throw new InvalidOperationException("no S3 bucket configured (GHOSTROLL_S3_BUCKET): GhostRoll runs local-only");
        }

        var config = new AmazonS3Config
        {
            // Our own retry policy (S3RetryPolicy) owns retries, backoff and logging; SDK retries on top of it
            // would multiply attempts and hide them from the log.
            MaxErrorRetry = 0,
            // Checksums only where S3 requires them: the newer default (trailing CRC32 in aws-chunked bodies) is
            // refused by Swift (501), not decoded by s3rver, and unevenly supported by R2, B2 and Wasabi.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            ForcePathStyle = settings.S3ForcePathStyle,
            Timeout = TimeSpan.FromMinutes(5),
        };

        Uri? endpoint = null;
        string region;
        if (!string.IsNullOrEmpty(settings.S3Endpoint))
        {
            endpoint = new Uri(settings.S3Endpoint);
            region = settings.S3Region ?? Environment.GetEnvironmentVariable("AWS_REGION") ?? DefaultEndpointRegion;
            config.ServiceURL = settings.S3Endpoint;
            config.AuthenticationRegion = region;
        }
        else
        {
            region = settings.S3Region ?? Environment.GetEnvironmentVariable("AWS_REGION")
                ?? Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION") ?? DefaultEndpointRegion;
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }

        var client = credentials is null ? new AmazonS3Client(config) : new AmazonS3Client(credentials, config);
        return new S3Connection(client, settings.S3Bucket!, settings.S3PrefixRoot, endpoint, region, credentials);
    }

    public void Dispose() => Client.Dispose();
}
