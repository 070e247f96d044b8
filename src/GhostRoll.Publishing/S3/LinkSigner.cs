using System.Collections.Concurrent;
using System.Globalization;
using System.Web;
using Amazon.S3;
using Amazon.S3.Model;

namespace GhostRoll.Publishing.S3;

/// <summary>
/// Presigns GET links (SigV4 query authentication) for one publishing run. Every link of a run shares one
/// absolute expiry, so the whole gallery stops working at one known moment (<c>expires_utc</c> in the
/// manifest), and a key is signed once per run: the manifest keeps stable URLs between updates, so browsers
/// reuse what they already loaded.
/// </summary>
internal sealed class LinkSigner
{
    private readonly S3Connection _connection;
    private readonly ConcurrentDictionary<string, string> _signed = new(StringComparer.Ordinal);

    private readonly Action<string>? _signing;

    /// <param name="signing">Called as each key is signed, on the signing thread (tests observe the parallelism).</param>
    public LinkSigner(S3Connection connection, DateTime expiresUtc, Action<string>? signing = null)
    {
        _connection = connection;
        _signing = signing;
        ExpiresUtc = DateTime.SpecifyKind(expiresUtc, DateTimeKind.Utc);
    }

    public DateTime ExpiresUtc { get; }

    /// <summary>A presigned GET URL for a full object key (cached for this run).</summary>
    /// <exception cref="Pipeline.PublishException">No credentials to sign with (worded for the user).</exception>
    public string Sign(string key) => _signed.GetOrAdd(key, k =>
    {
        _signing?.Invoke(k);
        try
        {
            return _connection.Client.GetPreSignedURL(new GetPreSignedUrlRequest
            {
                BucketName = _connection.Bucket,
                Key = k,
                Verb = HttpVerb.GET,
                Expires = ExpiresUtc,
                Protocol = _connection.LinkProtocol,
            });
        }
        catch (Amazon.Runtime.AmazonClientException e) when (S3Errors.IsMissingCredentials(e))
        {
            // Signing is the first thing that needs credentials: the early link finds a missing key before any upload.
            throw S3Errors.Translate(e, "signing the share link", _connection);
        }
    });
}

/// <summary>How long share links live, and how to read a link's expiry back.</summary>
public static class PresignExpiry
{
    /// <summary>SigV4 query authentication allows at most 7 days (X-Amz-Expires ≤ 604800, AWS S3 API reference).</summary>
    public const int SigV4MaximumSeconds = 604800;

    /// <summary>
    /// Kept below the maximum: the SDK measures the expiry from its own (clock-skew corrected) time, and a
    /// value that ends up above 604800 is silently signed with SigV2 instead, which modern regions reject.
    /// </summary>
    public const int SafetyMarginSeconds = 300;

    public const int MaximumSeconds = SigV4MaximumSeconds - SafetyMarginSeconds;

    public const int MinimumSeconds = 60;

    /// <summary>The lifetime to use for a configured value: clamped into [60 s, 7 days − 5 min].</summary>
    public static int Effective(int configuredSeconds) => Math.Clamp(configuredSeconds, MinimumSeconds, MaximumSeconds);

    /// <summary>When a SigV4 presigned URL stops working (X-Amz-Date + X-Amz-Expires), or null if it is not one.</summary>
    public static DateTime? ExpiryOf(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return null;
        }

        var query = HttpUtility.ParseQueryString(uri.Query);
        if (DateTime.TryParseExact(query["X-Amz-Date"], "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var signed)
            && int.TryParse(query["X-Amz-Expires"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds))
        {
            return signed.AddSeconds(seconds);
        }

        return null;
    }
}
