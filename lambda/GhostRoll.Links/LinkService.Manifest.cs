using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using GhostRoll.Gallery.Manifest;
using GhostRoll.Publishing.ShareLink;

namespace GhostRoll.Links;

/// <summary>The manifest route: the session's manifest.json with every URL re-signed by this service.</summary>
public sealed partial class LinkService
{
    /// <summary>A cached signature is reused while at least this share of its lifetime is left (stable URLs between polls).</summary>
    private const double ReuseWhileLeft = 0.5;

    private const int MaxCachedSignatures = 50_000;

    private readonly ConcurrentDictionary<string, (string Url, DateTimeOffset Expires)> _signed = new(StringComparer.Ordinal);
    private string? _bucketOrigin;

    private async Task<LinkResponse> ManifestAsync(LinkRecord record, LinkRequest request, CancellationToken cancellationToken)
    {
        var signed = await SignedManifestAsync(record, cancellationToken).ConfigureAwait(false);
        if (signed is null)
        {
            return Respond(LinkPages.Unavailable(), head: false);
        }

        var response = Respond(200, "application/json", JsonSerializer.SerializeToUtf8Bytes(signed, ManifestJsonContext.Default.GalleryManifest), head: false);
        return request.AcceptsGzip && response.Body.Length > 1024 ? Compress(response) : response;
    }

    /// <summary>
    /// The session's manifest with every URL presigned by this service (an empty, incomplete one while the session
    /// has none yet), or null when the bucket cannot be read or the manifest is not valid (logged).
    /// </summary>
    private async Task<GalleryManifest?> SignedManifestAsync(LinkRecord record, CancellationToken cancellationToken)
    {
        GalleryManifest manifest;
        try
        {
            var bytes = await ReadObjectAsync(record.SessionPrefix + "manifest.json", MaxManifestBytes, cancellationToken).ConfigureAwait(false);
            // No manifest yet (the session is just starting): an empty, incomplete one keeps the page polling.
            manifest = bytes is null
                ? new GalleryManifest { SessionId = record.SessionId, Title = record.Title }
                : JsonSerializer.Deserialize(bytes, ManifestJsonContext.Default.GalleryManifest)
                    ?? throw new JsonException("manifest.json is JSON null");
        }
        catch (JsonException)
        {
            _logger.ManifestInvalid(record.Code[..4]);
            return null;
        }
        catch (Exception e) when (e is AmazonServiceException or HttpRequestException or IOException or TimeoutException)
        {
            _logger.BucketFailed(record.Code[..4], e.GetType().Name, e);
            return null;
        }

        var signer = new ManifestSigner(this, record.SessionPrefix, _time.GetUtcNow());
        var signed = await signer.SignAsync(manifest).ConfigureAwait(false);
        if (signer.Dropped > 0)
        {
            _logger.UrlsDropped(signer.Dropped, record.Code[..4]);
        }

        return signed;
    }

    /// <summary>
    /// The object key a URL in a manifest names, if it is one of this bucket's (path-style <c>/bucket/key</c> or
    /// virtual-host <c>bucket.host/key</c>) and lies inside <paramref name="sessionPrefix"/>; else null. Only such
    /// keys are ever signed: a manifest (written by the appliance, but stored where others might write) cannot
    /// make this service sign <c>links/</c> records, another session, or anything else.
    /// </summary>
    internal static string? KeyOf(string url, string bucket, string sessionPrefix)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return null;
        }

        var path = uri.AbsolutePath; // still escaped; Uri has already resolved literal "." and ".." segments
        string escapedKey;
        if (uri.Host.StartsWith(bucket + ".", StringComparison.OrdinalIgnoreCase))
        {
            escapedKey = path[1..];
        }
        else if (path.StartsWith($"/{bucket}/", StringComparison.Ordinal))
        {
            escapedKey = path[(bucket.Length + 2)..];
        }
        else
        {
            return null;
        }

        var key = Uri.UnescapeDataString(escapedKey);
        if (!key.StartsWith(sessionPrefix, StringComparison.Ordinal) || key.Length == sessionPrefix.Length)
        {
            return null;
        }

        // Escaped dot segments ("%2E%2E") survive Uri's normalisation: refuse them, and empty segments, outright.
        foreach (var segment in key[sessionPrefix.Length..].Split('/'))
        {
            if (segment is "" or "." or ".." || segment.Contains('\\', StringComparison.Ordinal))
            {
                return null;
            }
        }

        return key;
    }

    /// <summary>A GET URL for <paramref name="key"/> valid for <see cref="SignatureLifetime"/> (reused while fresh enough).</summary>
    private async Task<(string Url, DateTimeOffset Expires)> SignAsync(string key, DateTimeOffset now)
    {
        if (_signed.TryGetValue(key, out var cached) && cached.Expires - now >= SignatureLifetime * ReuseWhileLeft)
        {
            return cached;
        }

        var expires = now + SignatureLifetime;
        var url = await _s3.Client.GetPreSignedURLAsync(new GetPreSignedUrlRequest
        {
            BucketName = _s3.Bucket,
            Key = key,
            Verb = HttpVerb.GET,
            Expires = expires.UtcDateTime,
            Protocol = _s3.LinkProtocol,
        }).ConfigureAwait(false);
        if (_signed.Count >= MaxCachedSignatures)
        {
            _signed.Clear(); // a long-running self-hosted server must not grow without bound
        }

        _signed[key] = (url, expires);
        return (url, expires);
    }

    /// <summary>Origin of the bucket's presigned URLs (the page's CSP must allow images from there).</summary>
    private async Task<string> BucketOriginAsync(LinkRecord record)
    {
        if (_bucketOrigin is null)
        {
            var probe = await _s3.Client.GetPreSignedURLAsync(new GetPreSignedUrlRequest
            {
                BucketName = _s3.Bucket,
                Key = record.SessionPrefix + "manifest.json",
                Verb = HttpVerb.GET,
                Expires = _time.GetUtcNow().AddMinutes(5).UtcDateTime,
                Protocol = _s3.LinkProtocol,
            }).ConfigureAwait(false);
            _bucketOrigin = new Uri(probe).GetLeftPart(UriPartial.Authority);
        }

        return _bucketOrigin;
    }

    /// <summary>Re-signs one manifest: every URL mapped back to its key and signed again, or dropped.</summary>
    private sealed class ManifestSigner(LinkService service, string sessionPrefix, DateTimeOffset now)
    {
        private DateTimeOffset _earliest = DateTimeOffset.MaxValue;

        public int Dropped { get; private set; }

        public async Task<GalleryManifest> SignAsync(GalleryManifest manifest)
        {
            var items = new List<ManifestItem>(manifest.Items.Count);
            foreach (var item in manifest.Items)
            {
                items.Add(item with
                {
                    Thumb = await ImageAsync(item.Thumb).ConfigureAwait(false),
                    Share = await ImageAsync(item.Share).ConfigureAwait(false),
                    ThumbWebp = await ImageAsync(item.ThumbWebp).ConfigureAwait(false),
                    ShareWebp = await ImageAsync(item.ShareWebp).ConfigureAwait(false),
                    Enhanced = await UrlAsync(item.Enhanced).ConfigureAwait(false),
                    Video = await FileAsync(item.Video).ConfigureAwait(false),
                });
            }

            var downloadAll = await FileAsync(manifest.DownloadAll).ConfigureAwait(false);
            var expires = _earliest == DateTimeOffset.MaxValue ? now + service.SignatureLifetime : _earliest;
            return manifest with
            {
                Items = items,
                DownloadAll = downloadAll,
                ExpiresUtc = expires.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            };
        }

        private async Task<string?> UrlAsync(string? url)
        {
            if (url is null)
            {
                return null;
            }

            if (KeyOf(url, service._s3.Bucket, sessionPrefix) is not { } key)
            {
                Dropped++;
                return null;
            }

            var (signed, expires) = await service.SignAsync(key, now).ConfigureAwait(false);
            _earliest = expires < _earliest ? expires : _earliest;
            return signed;
        }

        private async Task<ManifestImage?> ImageAsync(ManifestImage? image) =>
            image is not null && await UrlAsync(image.Url).ConfigureAwait(false) is { } url ? image with { Url = url } : null;

        private async Task<ManifestFile?> FileAsync(ManifestFile? file) =>
            file is not null && await UrlAsync(file.Url).ConfigureAwait(false) is { } url ? file with { Url = url } : null;
    }
}
