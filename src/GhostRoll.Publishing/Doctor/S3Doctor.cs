using System.Diagnostics;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Amazon.S3;
using Amazon.S3.Model;
using GhostRoll.Configuration;
using GhostRoll.Doctor;
using GhostRoll.Pipeline;
using GhostRoll.Publishing.S3;
using GhostRoll.Screens.Qr;
using GhostRoll.Sessions;

namespace GhostRoll.Publishing.Doctor;

/// <summary>
/// The S3 part of <c>ghostroll doctor</c>: settings, credentials (and whether they are temporary, since links
/// die with them), a put/get/delete probe under the prefix, that the bucket is not public, the clock against the
/// server's, and whether the share link is short enough for a QR code that scans on the 250×122 panel.
/// Never throws for a problem it finds: every problem is a line that says what to do.
/// </summary>
public sealed class S3Doctor : IDoctorCheck
{
    public string Name => "s3";

    /// <summary>S3 refuses requests signed more than 15 minutes away from its clock (RequestTimeTooSkewed).</summary>
    private static readonly TimeSpan MaxSkew = TimeSpan.FromMinutes(15);

    private static readonly TimeSpan SkewWarning = TimeSpan.FromMinutes(1);

    private readonly GhostRollSettings _settings;
    private readonly AWSCredentials? _credentials;
    private readonly TimeProvider _time;

    /// <param name="credentials">Explicit credentials (tests); null = the standard AWS chain, as the publisher uses.</param>
    public S3Doctor(GhostRollSettings settings, AWSCredentials? credentials = null, TimeProvider? time = null)
    {
        _settings = settings;
        _credentials = credentials;
        _time = time ?? TimeProvider.System;
    }

    public async Task<IReadOnlyList<DoctorResult>> RunAsync(CancellationToken cancellationToken)
    {
        var checks = new List<DoctorResult>();
        if (_settings.LocalOnly)
        {
            checks.Add(DoctorResult.Ok("s3", "no bucket configured (GHOSTROLL_S3_BUCKET): local-only mode, nothing leaves this machine"));
            return checks;
        }

        var lifetime = PresignExpiry.Effective(_settings.PresignExpirySeconds);
        // The setting is validated to at most 604800 s; the publisher keeps a 5-minute margin below it.
        checks.Add(DoctorResult.Ok("s3 link lifetime", lifetime == _settings.PresignExpirySeconds
            ? $"share links live {Describe(TimeSpan.FromSeconds(lifetime))}"
            : $"share links live {Describe(TimeSpan.FromSeconds(lifetime))} (PRESIGN_EXPIRY_SECONDS={_settings.PresignExpirySeconds} less the {PresignExpiry.SafetyMarginSeconds / 60}-minute safety margin below the SigV4 limit)"));

        var credentials = await CheckCredentialsAsync(checks, lifetime, cancellationToken).ConfigureAwait(false);
        if (credentials is null)
        {
            return checks;
        }

        using var connection = S3Connection.Create(_settings, credentials);
        checks.Add(await CheckClockAsync(connection, cancellationToken).ConfigureAwait(false));
        checks.AddRange(await ProbeAsync(connection, cancellationToken).ConfigureAwait(false));
        if (_settings.LinkServiceUrl is { } service)
        {
            checks.AddRange(await LinkServiceCheck.RunAsync(connection, new Uri(service), _time.GetUtcNow(), cancellationToken).ConfigureAwait(false));
        }
        else
        {
            checks.Add(CheckShareLink(connection, lifetime));
        }

        return checks;
    }

    private async Task<AWSCredentials?> CheckCredentialsAsync(List<DoctorResult> checks, int lifetime, CancellationToken cancellationToken)
    {
        AWSCredentials? credentials;
        ImmutableCredentials? resolved;
        try
        {
            credentials = _credentials ?? DefaultAWSCredentialsIdentityResolver.GetCredentials();
            resolved = credentials is null ? null : await credentials.GetCredentialsAsync().ConfigureAwait(false);
        }
        catch (AmazonClientException e)
        {
            checks.Add(DoctorResult.Fail("s3 credentials", $"no usable AWS credentials ({e.Message})", "Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE) in /etc/ghostroll/ghostroll.env"));
            return null;
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (credentials is null || resolved is null || string.IsNullOrEmpty(resolved.AccessKey))
        {
            checks.Add(DoctorResult.Fail("s3 credentials", "no AWS credentials found", "Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE) in /etc/ghostroll/ghostroll.env"));
            return null;
        }

        var key = resolved.AccessKey.Length > 4 ? resolved.AccessKey[..4] + "…" : resolved.AccessKey;
        checks.Add(DoctorResult.Ok("s3 credentials", $"access key {key} from {credentials.GetType().Name.Replace("AWSCredentials", "", StringComparison.Ordinal)}"));
        if (resolved.UseToken)
        {
            var expiration = (credentials as RefreshingAWSCredentials)?.Expiration;
            var now = _time.GetUtcNow().UtcDateTime;
            var message = expiration is { } until && until > now
                ? $"temporary credentials: they expire at {until.ToUniversalTime():yyyy-MM-dd HH:mm} UTC (in {Describe(until.ToUniversalTime() - now)}), and every share link signed with them stops working then, not after {Describe(TimeSpan.FromSeconds(lifetime))}"
                : $"temporary credentials (session token, lifetime unknown here; typically 1-12 hours): share links stop working when they expire, not after {Describe(TimeSpan.FromSeconds(lifetime))}";
            checks.Add(DoctorResult.Warn("s3 temporary credentials", message, "Use an IAM user's long-term key limited to the bucket prefix for week-long links"));
        }

        return credentials;
    }

    /// <summary>Compares the server's Date header with our clock (half the round trip allowed for).</summary>
    private async Task<DoctorResult> CheckClockAsync(S3Connection connection, CancellationToken cancellationToken)
    {
        var endpoint = connection.Endpoint ?? new Uri($"https://s3.{connection.Region}.amazonaws.com/");
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            var before = _time.GetUtcNow();
            var watch = Stopwatch.StartNew();
            using var response = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, endpoint), cancellationToken).ConfigureAwait(false);
            var local = before + (watch.Elapsed / 2);
            if (response.Headers.Date is not { } server)
            {
                return DoctorResult.Warn("s3 clock", $"{endpoint.Host} sent no Date header; cannot compare clocks", "Keep NTP on: timedatectl set-ntp true");
            }

            // Date has one-second resolution: only a skew beyond that is meaningful.
            var skew = local - server;
            var text = $"{Math.Abs(skew.TotalSeconds):0} s {(skew > TimeSpan.Zero ? "ahead of" : "behind")} {endpoint.Host}";
            return skew.Duration() switch
            {
                var d when d >= MaxSkew => DoctorResult.Fail("s3 clock", $"this clock is {text}: S3 refuses requests beyond 15 minutes", "Enable NTP: timedatectl set-ntp true"),
                var d when d >= SkewWarning => DoctorResult.Warn("s3 clock", $"this clock is {text}: links start or stop early by as much", "Enable NTP: timedatectl set-ntp true"),
                _ => DoctorResult.Ok("s3 clock", skew.Duration() <= TimeSpan.FromSeconds(2) ? $"in step with {endpoint.Host}" : $"this clock is {text}"),
            };
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return DoctorResult.Warn("s3 clock", $"could not reach {endpoint.Host} to compare clocks ({e.Message})", "Check the network and GHOSTROLL_S3_ENDPOINT");
        }
    }

    /// <summary>Put, read back, check it is not public, delete: what publishing does, under the prefix, with a tiny object.</summary>
    private static async Task<List<DoctorResult>> ProbeAsync(S3Connection connection, CancellationToken cancellationToken)
    {
        var checks = new List<DoctorResult>();
        var key = $"{connection.PrefixRoot}.ghostroll-doctor/{Guid.NewGuid():N}.txt";
        var body = $"ghostroll doctor probe {DateTime.UtcNow:O}";
        var step = "put";
        try
        {
            await connection.Client.PutObjectAsync(new PutObjectRequest
            {
                BucketName = connection.Bucket, Key = key, ContentBody = body, ContentType = "text/plain", UseChunkEncoding = false,
            }, cancellationToken).ConfigureAwait(false);
            step = "get";
            using (var response = await connection.Client.GetObjectAsync(connection.Bucket, key, cancellationToken).ConfigureAwait(false))
            using (var reader = new StreamReader(response.ResponseStream))
            {
                if (await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false) != body)
                {
                    checks.Add(DoctorResult.Fail("s3 upload", $"{key} read back different bytes than were written", "Check the endpoint (GHOSTROLL_S3_ENDPOINT) and any proxy between it and this GhostRoll"));
                }
            }

            checks.Add(await CheckPrivateAsync(connection, key, body, cancellationToken).ConfigureAwait(false));
            step = "delete";
            await connection.Client.DeleteObjectAsync(connection.Bucket, key, cancellationToken).ConfigureAwait(false);
            if (checks.All(c => c.Check != "s3 upload"))
            {
                checks.Insert(0, DoctorResult.Ok("s3 upload", $"put, get and delete work under s3://{connection.Bucket}/{connection.PrefixRoot}"));
            }
        }
        catch (Exception e) when (e is AmazonServiceException or HttpRequestException or IOException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            checks.Add(DoctorResult.Fail("s3 upload", S3Errors.Translate(e, $"test {step} of {key}", connection).Message));
        }

        return checks;
    }

    private static async Task<DoctorResult> CheckPrivateAsync(S3Connection connection, string key, string body, CancellationToken cancellationToken)
    {
        var signed = new Uri(new LinkSigner(connection, DateTime.UtcNow.AddMinutes(5)).Sign(key));
        var unsigned = signed.GetLeftPart(UriPartial.Path);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var response = await http.GetAsync(new Uri(unsigned), cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return response.IsSuccessStatusCode && text.Contains(body, StringComparison.Ordinal)
            ? DoctorResult.Fail("s3 private", $"anyone can read objects without a link ({unsigned} answered {(int)response.StatusCode})", "Turn on Block Public Access and remove public bucket policies and ACLs")
            : DoctorResult.Ok("s3 private", $"objects need a signed link (an anonymous read answered {(int)response.StatusCode})");
    }

    /// <summary>How long a real share link is, and whether its QR scans on the 122-pixel-high panel.</summary>
    private static DoctorResult CheckShareLink(S3Connection connection, int lifetime)
    {
        var sample = $"{connection.SessionPrefix(SessionId.New())}index.html";
        var url = new LinkSigner(connection, DateTime.UtcNow.AddSeconds(lifetime)).Sign(sample);
        var check = PanelQr.Check(url);
        var fit = PanelQr.Describe(url, check);
        return check.Scans
            ? DoctorResult.Ok("s3 share link", fit)
            : DoctorResult.Warn("s3 share link", $"{fit}: too dense to scan reliably from the e-ink panel (share.txt and share-qr.png still work)", "A link service gives short links that scan: GHOSTROLL_LINK_SERVICE_URL (README, 'Short links')");
    }

    private static string Describe(TimeSpan span)
    {
        var parts = new List<string>();
        if (span.Days > 0)
        {
            parts.Add(span.Days == 1 ? "1 day" : $"{span.Days} days");
        }

        if (span.Hours > 0)
        {
            parts.Add($"{span.Hours} h");
        }

        if (span.Minutes > 0 || parts.Count == 0)
        {
            parts.Add($"{Math.Max(0, span.Minutes)} min");
        }

        return string.Join(' ', parts);
    }
}
