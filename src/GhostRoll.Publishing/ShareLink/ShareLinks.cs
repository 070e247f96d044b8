using System.Globalization;
using GhostRoll.Configuration;
using GhostRoll.Pipeline;
using GhostRoll.Publishing.S3;
using GhostRoll.Sessions;
using GhostRoll.Storage;

namespace GhostRoll.Publishing.ShareLink;

/// <summary>A session's share link as <c>ghostroll share</c> shows it.</summary>
/// <param name="Record">The short link's record; null for a presigned link (no link service).</param>
/// <param name="Expires">When the link stops opening; null = never.</param>
public sealed record ShareLinkInfo(string SessionId, string Url, LinkRecord? Record, LinkState State, DateTimeOffset? Expires);

/// <summary>
/// What <c>ghostroll share SESSION</c> does to a session's short link: show it, change when it expires, revoke it,
/// or renew it (a new code; the old one answers 410 from then on). The record in the bucket is the only state the
/// link service reads, so each change is one write there; share.txt, share-qr.png and the database follow.
/// </summary>
public sealed class ShareLinks(GhostRollSettings settings, GhostRollDatabase database, S3Connection connection, S3RetryPolicy retry, TimeProvider time)
{
    private readonly LinkStore _store = new(connection, retry);

    public async Task<ShareLinkInfo> DescribeAsync(string sessionId, CancellationToken cancellationToken)
    {
        var url = LinkOf(sessionId);
        if (ShortLink.CodeOf(url) is not { } code)
        {
            var expires = PresignExpiry.ExpiryOf(url) is { } e ? new DateTimeOffset(e, TimeSpan.Zero) : (DateTimeOffset?)null;
            var state = expires is { } end && time.GetUtcNow() >= end ? LinkState.Expired : LinkState.Active;
            return new ShareLinkInfo(sessionId, url, null, state, expires);
        }

        var record = await RecordOfAsync(sessionId, code, cancellationToken).ConfigureAwait(false);
        return Info(url, record);
    }

    /// <summary>The short link opens until <paramref name="expires"/> (null = until revoked); also un-expires an expired one.</summary>
    public async Task<ShareLinkInfo> SetExpiryAsync(string sessionId, DateTimeOffset? expires, CancellationToken cancellationToken)
    {
        var (url, record) = await ShortRecordAsync(sessionId, cancellationToken).ConfigureAwait(false);
        if (record.RevokedUtc is not null)
        {
            throw new PublishException($"the link of {sessionId} is revoked and stays revoked: 'ghostroll share {sessionId} --renew' makes a new one");
        }

        var changed = record with { ExpiresUtc = expires };
        await _store.PutAsync(changed, cancellationToken).ConfigureAwait(false);
        return Info(url, changed);
    }

    /// <summary>From now on the link answers 410 (gone); the photos stay in the bucket and on the appliance.</summary>
    public async Task<ShareLinkInfo> RevokeAsync(string sessionId, CancellationToken cancellationToken)
    {
        var (url, record) = await ShortRecordAsync(sessionId, cancellationToken).ConfigureAwait(false);
        var revoked = record.RevokedUtc is null ? record with { RevokedUtc = time.GetUtcNow() } : record;
        if (!ReferenceEquals(revoked, record))
        {
            await _store.PutAsync(revoked, cancellationToken).ConfigureAwait(false);
        }

        return Info(url, revoked);
    }

    /// <summary>
    /// A new code for the session (expiring at <paramref name="expires"/>, or after LINK_EXPIRY_DAYS when null and
    /// <paramref name="keepDefault"/>), then the old code revoked: there is never a moment with no working link.
    /// </summary>
    public async Task<ShareLinkInfo> RenewAsync(string sessionId, DateTimeOffset? expires, bool keepDefault, CancellationToken cancellationToken)
    {
        var service = ServiceBase();
        var url = LinkOf(sessionId);
        var old = ShortLink.CodeOf(url) is { } code ? await _store.GetAsync(code, cancellationToken).ConfigureAwait(false) : null;
        var now = time.GetUtcNow();
        var fresh = LinkRecord.New(sessionId, old?.SessionPrefix ?? connection.SessionPrefix(sessionId), settings, now);
        fresh = fresh with { Title = old?.Title ?? fresh.Title, ExpiresUtc = keepDefault ? fresh.ExpiresUtc : expires };
        await _store.PutAsync(fresh, cancellationToken).ConfigureAwait(false);
        if (old is { RevokedUtc: null })
        {
            await _store.PutAsync(old with { RevokedUtc = now }, cancellationToken).ConfigureAwait(false);
        }

        var link = ShortLink.Compose(service, fresh.Code);
        database.SetShareUrl(sessionId, link);
        WriteShareFiles(sessionId, link);
        return Info(link, fresh);
    }

    /// <summary>Parses a lifetime for <c>--expires</c>: <c>30d</c>, <c>12h</c>, <c>90m</c>, <c>2w</c>, or <c>never</c> (null).</summary>
    public static bool TryParseLifetime(string text, out TimeSpan? lifetime)
    {
        lifetime = null;
        text = text.Trim();
        if (text.Equals("never", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        // At most 100 years whatever the unit (and no TimeSpan overflow on the way there).
        if (text.Length < 2 || !int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            || n <= 0 || n > 36500 * 24 * 60)
        {
            return false;
        }

        lifetime = char.ToLowerInvariant(text[^1]) switch
        {
            'm' => TimeSpan.FromMinutes(n),
            'h' => TimeSpan.FromHours((double)n),
            'd' => TimeSpan.FromDays((double)n),
            'w' => TimeSpan.FromDays(7.0 * n),
            _ => null,
        };
        return lifetime is not null && lifetime <= TimeSpan.FromDays(36500);
    }

    private ShareLinkInfo Info(string url, LinkRecord record) =>
        new(record.SessionId, url, record, record.StateAt(time.GetUtcNow()), record.ExpiresUtc);

    private string LinkOf(string sessionId) =>
        (database.GetSession(sessionId) ?? throw new PublishException($"no session '{sessionId}' in {database.Path}: 'ghostroll sessions' lists them"))
        .ShareUrl ?? throw new PublishException($"{sessionId} has no share link yet: 'ghostroll publish {sessionId}' publishes it");

    private async Task<(string Url, LinkRecord Record)> ShortRecordAsync(string sessionId, CancellationToken cancellationToken)
    {
        ServiceBase();
        var url = LinkOf(sessionId);
        if (ShortLink.CodeOf(url) is not { } code)
        {
            throw new PublishException($"the link of {sessionId} is a presigned link (made without the link service): it cannot be changed or revoked, it expires by itself. 'ghostroll share {sessionId} --renew' gives it a short link");
        }

        return (url, await RecordOfAsync(sessionId, code, cancellationToken).ConfigureAwait(false));
    }

    private async Task<LinkRecord> RecordOfAsync(string sessionId, string code, CancellationToken cancellationToken) =>
        await _store.GetAsync(code, cancellationToken).ConfigureAwait(false)
        ?? throw new PublishException($"the record of {sessionId}'s link ({LinkRecord.KeyFor(code)}) is not in s3://{connection.Bucket}: 'ghostroll share {sessionId} --renew' makes a new link");

    private Uri ServiceBase() => settings.LinkServiceUrl is { } url
        ? new Uri(url)
        : throw new PublishException("no link service is configured: set GHOSTROLL_LINK_SERVICE_URL (see README, 'Short links') to use short, revocable links");

    /// <summary>share.txt and share-qr.png follow the new link (the session folder may be gone: then only the database).</summary>
    private void WriteShareFiles(string sessionId, string link)
    {
        var layout = new SessionLayout(settings.SessionsDir, sessionId);
        if (!Directory.Exists(layout.Root))
        {
            return;
        }

        using var qr = new ShareQrCode(link);
        AtomicFile.WriteAllText(layout.ShareTxt, link + "\n", durable: false);
        AtomicFile.WriteAllBytes(layout.ShareQrPng, qr.Png(), durable: false);
    }
}
