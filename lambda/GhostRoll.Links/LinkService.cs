using System.IO.Compression;
using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using GhostRoll.Gallery;
using GhostRoll.Publishing.S3;
using GhostRoll.Publishing.ShareLink;
using Microsoft.Extensions.Logging;

namespace GhostRoll.Links;

/// <summary>
/// The link service: <c>GET /CODE</c> → the gallery page, <c>GET /CODE/manifest.json</c> → the session's manifest
/// with every URL freshly presigned. The only state is <c>links/CODE.json</c> in the private bucket (one read per
/// request whatever the outcome, then the session's manifest for a link that is live); nothing is listed, nothing is
/// written.
/// </summary>
public sealed partial class LinkService
{
    /// <summary>Lifetime of the URLs this service signs: long enough for a viewing, short enough to leak little.</summary>
    public static readonly TimeSpan DefaultSignatureLifetime = TimeSpan.FromHours(6);

    public const string ManifestRoute = "manifest.json";

    public const int MinimumPollSeconds = 2;

    /// <summary>Records and manifests are small; anything larger is not ours (and must not fill the function's memory).</summary>
    private const int MaxRecordBytes = 64 * 1024;
    private const int MaxManifestBytes = 64 * 1024 * 1024;

    private readonly S3Connection _s3;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    public LinkService(S3Connection s3, ILogger logger, TimeProvider? time = null, TimeSpan? signatureLifetime = null)
    {
        ArgumentNullException.ThrowIfNull(s3);
        _s3 = s3;
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _time = time ?? TimeProvider.System;
        SignatureLifetime = signatureLifetime ?? DefaultSignatureLifetime;
        if (SignatureLifetime < TimeSpan.FromMinutes(2) || SignatureLifetime.TotalSeconds > PresignExpiry.MaximumSeconds)
        {
            throw new ArgumentOutOfRangeException(nameof(signatureLifetime), "between 2 minutes and 7 days (SigV4)");
        }
    }

    public TimeSpan SignatureLifetime { get; }

    public async Task<LinkResponse> HandleAsync(LinkRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var head = request.Method == "HEAD";
        if (request.Method != "GET" && !head)
        {
            return Respond(LinkPages.MethodNotAllowed(), head: false, extra: [new("Allow", "GET, HEAD")]);
        }

        var (code, route) = ParsePath(request.Path);
        if (code is null)
        {
            // Malformed: known to be no code without asking the bucket.
            return Respond(LinkPages.NotFound(), head);
        }

        var response = await HandleCodeAsync(code, route, request, cancellationToken).ConfigureAwait(false);
        _logger.Served(request.Method, route is null ? "page" : "manifest", code[..4], response.Status);
        return head ? response with { Body = [] } : response;
    }

    private async Task<LinkResponse> HandleCodeAsync(string code, string? route, LinkRequest request, CancellationToken cancellationToken)
    {
        LinkRecord? record;
        try
        {
            // The one read every code costs, known or not (same work, comparable time: no oracle for guessing).
            var bytes = await ReadObjectAsync(LinkRecord.KeyFor(code), MaxRecordBytes, cancellationToken).ConfigureAwait(false);
            record = bytes is null ? null : LinkRecord.FromJson(bytes);
        }
        catch (Exception e) when (e is AmazonServiceException or HttpRequestException or IOException or TimeoutException)
        {
            _logger.BucketFailed(code[..4], e.GetType().Name, e);
            return Respond(LinkPages.Unavailable(), head: false);
        }

        // A record must name its own code and a session under the sessions prefix (never links/ or the bucket root).
        if (record is null || record.Code != code || !record.SessionPrefix.EndsWith('/')
            || !record.SessionPrefix.StartsWith(_s3.PrefixRoot, StringComparison.Ordinal) || record.SessionPrefix.Length == _s3.PrefixRoot.Length)
        {
            return Respond(LinkPages.NotFound(), head: false);
        }

        switch (record.StateAt(_time.GetUtcNow()))
        {
            case LinkState.Revoked:
                return Respond(LinkPages.Revoked(), head: false);
            case LinkState.Expired:
                return Respond(LinkPages.Expired(), head: false);
        }

        if (route is null)
        {
            return await GalleryAsync(record, request, cancellationToken).ConfigureAwait(false);
        }

        return await ManifestAsync(record, request, cancellationToken).ConfigureAwait(false);
    }

    private async Task<LinkResponse> GalleryAsync(LinkRecord record, LinkRequest request, CancellationToken cancellationToken)
    {
        if (!TryOrigin(request, out var origin))
        {
            return Respond(LinkPages.BadRequest(), head: false);
        }

        var manifestUrl = $"{origin}/{record.Code}/{ManifestRoute}";
        var html = GalleryPage.Render(new GalleryPageModel
        {
            Title = record.Title,
            ManifestUrl = manifestUrl,
            // Each poll costs two bucket reads and the signing: no faster than every 2 s, whatever the record says.
            PollSeconds = Math.Max(MinimumPollSeconds, record.PollSeconds),
            LinkExpiresUtc = record.ExpiresUtc ?? DateTimeOffset.MaxValue,
            // The manifest comes from here, the pictures from the bucket's own host.
            AllowedOrigins = [manifestUrl, await BucketOriginAsync(record).ConfigureAwait(false)],
            // The link preview a messaging app shows (title, "12 photos · date", first picture) is read from this
            // HTML, never from the page's script: so the page carries the session's manifest of the moment. When
            // the bucket cannot be read the page still opens without a preview and says so when it polls.
            PreviewManifest = await SignedManifestAsync(record, cancellationToken).ConfigureAwait(false),
        });
        return Respond(200, "text/html; charset=utf-8", System.Text.Encoding.UTF8.GetBytes(html), head: false,
            extra: [new("Content-Security-Policy", "frame-ancestors 'none'")]);
    }

    /// <summary>Reads a whole object, or null when it does not exist (AWS answers 403 when the role may not list).</summary>
    private async Task<byte[]?> ReadObjectAsync(string key, int maxBytes, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _s3.Client.GetObjectAsync(
                new GetObjectRequest { BucketName = _s3.Bucket, Key = key }, cancellationToken).ConfigureAwait(false);
            if (response.ContentLength > maxBytes)
            {
                return null;
            }

            using var buffer = new MemoryStream();
            await response.ResponseStream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            return buffer.Length > maxBytes ? null : buffer.ToArray();
        }
        catch (AmazonS3Exception e) when (e.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden)
        {
            return null;
        }
    }

    /// <summary>"/CODE" or "/CODE/manifest.json" (the code case-insensitive, as base32 is); anything else → (null, null).</summary>
    internal static (string? Code, string? Route) ParsePath(string path)
    {
        var parts = path.TrimStart('/').Split('/');
        var code = parts[0].ToUpperInvariant();
        if (!LinkCode.IsWellFormed(code))
        {
            return (null, null);
        }

        return parts.Length switch
        {
            1 => (code, null),
            2 when parts[1] == ManifestRoute => (code, ManifestRoute),
            _ => (null, null),
        };
    }

    /// <summary>scheme://host[:port] the viewer used, only if it is a plain authority (no user info, path or junk).</summary>
    private static bool TryOrigin(LinkRequest request, out string origin)
    {
        origin = "";
        var scheme = request.Scheme is "http" or "https" ? request.Scheme : "https";
        if (string.IsNullOrEmpty(request.Authority)
            || !Uri.TryCreate($"{scheme}://{request.Authority}/", UriKind.Absolute, out var uri)
            || !string.Equals(uri.Authority, request.Authority, StringComparison.OrdinalIgnoreCase)
            || !string.IsNullOrEmpty(uri.UserInfo))
        {
            return false;
        }

        origin = uri.GetLeftPart(UriPartial.Authority);
        return true;
    }

    private static LinkResponse Respond((int Status, string Html) page, bool head, KeyValuePair<string, string>[]? extra = null) =>
        Respond(page.Status, "text/html; charset=utf-8", System.Text.Encoding.UTF8.GetBytes(page.Html), head,
            [new("Content-Security-Policy", LinkPages.Policy), .. extra ?? []]);

    private static LinkResponse Respond(int status, string contentType, byte[] body, bool head, KeyValuePair<string, string>[]? extra = null)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Content-Type"] = contentType,
            // Every answer depends on the record's current state (revocation must take effect at once).
            ["Cache-Control"] = "no-store",
            ["X-Content-Type-Options"] = "nosniff",
            // The code is in the page's URL: never send it to the bucket or anywhere else as a Referer.
            ["Referrer-Policy"] = "no-referrer",
        };
        foreach (var (name, value) in extra ?? [])
        {
            headers[name] = value;
        }

        return new LinkResponse(status, headers, head ? [] : body);
    }

    /// <summary>gzip for clients that take it: a manifest is mostly presigned URLs, which compress about 5-10x.</summary>
    private static LinkResponse Compress(LinkResponse response)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(response.Body);
        }

        var headers = new Dictionary<string, string>(response.Headers, StringComparer.OrdinalIgnoreCase)
        {
            ["Content-Encoding"] = "gzip",
            ["Vary"] = "Accept-Encoding",
        };
        return response with { Headers = headers, Body = buffer.ToArray() };
    }
}
