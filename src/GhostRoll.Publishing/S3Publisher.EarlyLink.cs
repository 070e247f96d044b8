using System.Diagnostics;
using System.Text;
using GhostRoll.Gallery;
using GhostRoll.Gallery.Manifest;
using GhostRoll.Pipeline;
using GhostRoll.Publishing.S3;
using GhostRoll.Publishing.ShareLink;
using GhostRoll.Storage;

namespace GhostRoll.Publishing;

/// <summary>The early link: the share URL and its QR exist while the card is still copying.</summary>
public sealed partial class S3Publisher
{
    /// <summary>
    /// Uploads the loading page and the first manifest, presigns the page, writes share.txt and share-qr.png,
    /// prints the QR, and puts the link into status.json and the journal. Never throws for an unreachable bucket:
    /// the import goes on locally and <see cref="PublishAsync"/> tries the early link again (and throws, leaving
    /// the session publish-pending, if it still cannot).
    /// </summary>
    public async Task BeginAsync(PublishContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
        try
        {
            await EnsureBegunAsync(context, _options.EarlyLinkRetry, cancellationToken).ConfigureAwait(false);
        }
        catch (PublishException e)
        {
            Log.EarlyLinkFailed(context.Logger, context.SessionId, e.Message);
            if (e.Unavailable)
            {
                // Do not wait out a full retry round again for the first entry: the bucket was just found unreachable.
                _unreachable = e;
            }
        }
    }

    private async Task EnsureBegunAsync(PublishContext context, S3RetryPolicy retry, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _begun))
        {
            return;
        }

        await _beginGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_begun)
            {
                await PublishEarlyLinkAsync(context, retry, cancellationToken).ConfigureAwait(false);
                Volatile.Write(ref _begun, true);
            }
        }
        finally
        {
            _beginGate.Release();
        }
    }

    /// <summary>index.html; with <paramref name="preview"/> its title and link preview describe that manifest.</summary>
    private string PageFor(PublishContext context, GalleryManifest? preview) => GalleryPage.Render(new GalleryPageModel
    {
        Title = preview?.Title ?? context.SessionId,
        ManifestUrl = ManifestUrl,
        PollSeconds = context.Settings.PollSeconds,
        PreviewManifest = preview,
    });

    private async Task PublishEarlyLinkAsync(PublishContext context, S3RetryPolicy retry, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var logger = context.Logger;
        if (_connection is null)
        {
            _connection = S3Connection.Create(context.Settings, _options.Credentials);
            _prefix = _connection.SessionPrefix(context.SessionId);
            var policy = _options.Retry with { Logger = _options.Retry.Logger ?? logger };
            _uploader = new ObjectUploader(_connection, _uploads, policy, logger, _options.Tuning, Path.Combine(context.Layout.Root, ".publish"));
        }

        var configured = context.Settings.PresignExpirySeconds;
        var lifetime = PresignExpiry.Effective(configured);
        if (lifetime != configured)
        {
            Log.ExpiryClamped(logger, lifetime, configured);
        }

        var now = _options.Time.GetUtcNow().UtcDateTime;
        _signer = new LinkSigner(_connection, now.AddSeconds(lifetime), _options.Signing);
        var shareUrl = ReusableShareUrl(context, now, lifetime) ?? _signer.Sign(IndexKey);

        // What an earlier run already put in the bucket is in the manifest from the first second.
        var ledger = _uploads.UploadsUnder(_prefix);
        foreach (var key in ledger.Keys)
        {
            _keysInBucket.TryAdd(key, 0);
        }

        foreach (var entry in context.ReadyEntries().Where(e => AllKeysKnown(e, ledger)))
        {
            _present.TryAdd(entry.Key, entry);
        }

        ManifestUrl = _signer.Sign(ManifestKey);
        var page = PageFor(context, preview: null);
        var early = retry with { Logger = retry.Logger ?? logger };
        await Task.WhenAll(
            _uploader!.PutBytesAsync(ManifestKey, BuildManifest(context, complete: false), "application/json; charset=utf-8", MutableCacheControl, cancellationToken, early),
            _uploader.PutBytesAsync(IndexKey, Encoding.UTF8.GetBytes(page), "text/html; charset=utf-8", MutableCacheControl, cancellationToken, early)).ConfigureAwait(false);

        PresignedUrl = shareUrl;
        if (context.Settings.LinkServiceUrl is { } service)
        {
            // The presigned link stays in the session folder for anyone without the service; the short one is the
            // link people get (share.txt, the QR, the panel, status.json).
            WriteLocal(context, context.Layout.SharePresignedTxt, p => AtomicFile.WriteAllText(p, shareUrl + "\n", durable: false));
            shareUrl = await ShortLinkAsync(context, new Uri(service), now, early, cancellationToken).ConfigureAwait(false);
        }

        ShareUrl = shareUrl;
        WriteShareFiles(context, shareUrl);
        ReportCounts(context);
        context.Progress.ShareLinkReady(shareUrl, context.Layout.ShareQrPng);
        context.Links.SetShareUrl(context.SessionId, shareUrl);
        Log.ShareLinkReady(logger, context.SessionId, watch.ElapsedMilliseconds, PresignExpiry.ExpiryOf(PresignedUrl) ?? _signer.ExpiresUtc, shareUrl);

        _manifest = new ManifestUpdater(ct => PutManifestAsync(context, complete: false, ct), _options.ManifestInterval, _options.Time, logger);
        _manifest.Start();
    }

    /// <summary>
    /// A resumed session keeps the link people may already have (on the panel, in a chat) while it still has at
    /// least half of the configured lifetime left and points at this session's page; otherwise a fresh one.
    /// </summary>
    private string? ReusableShareUrl(PublishContext context, DateTime now, int lifetime)
    {
        var previous = context.Links.ShareUrl(context.SessionId);
        if (previous is null || PresignExpiry.ExpiryOf(previous) is not { } expires)
        {
            return null;
        }

        var fresh = new Uri(_signer!.Sign(IndexKey));
        var reusable = Uri.TryCreate(previous, UriKind.Absolute, out var old)
            && old.GetLeftPart(UriPartial.Path) == fresh.GetLeftPart(UriPartial.Path)
            && (expires - now).TotalSeconds >= lifetime / 2.0;
        if (reusable)
        {
            Log.ShareLinkReused(context.Logger, context.SessionId, expires);
        }

        return reusable ? previous : null;
    }

    /// <summary>
    /// The session's short link: the one it already has while its record is active (a resumed session keeps the link
    /// people have), else a new code whose record goes into the bucket before the link is shown anywhere.
    /// </summary>
    private async Task<string> ShortLinkAsync(PublishContext context, Uri service, DateTime now, S3RetryPolicy retry, CancellationToken cancellationToken)
    {
        var links = new LinkStore(_connection!, retry);
        var previous = context.Links.ShareUrl(context.SessionId);
        if (previous is not null && ShortLink.CodeOf(previous) is { } known && previous == ShortLink.Compose(service, known)
            && await links.GetAsync(known, cancellationToken).ConfigureAwait(false) is { } existing
            && existing.SessionPrefix == _prefix && existing.StateAt(new DateTimeOffset(now, TimeSpan.Zero)) == LinkState.Active)
        {
            Log.ShareLinkReused(context.Logger, context.SessionId, existing.ExpiresUtc?.UtcDateTime ?? DateTime.MaxValue);
            return previous;
        }

        var record = LinkRecord.New(context.SessionId, _prefix, context.Settings, new DateTimeOffset(now, TimeSpan.Zero));
        await links.PutAsync(record, cancellationToken).ConfigureAwait(false);
        return ShortLink.Compose(service, record.Code);
    }

    /// <summary>share.txt, share-qr.png (and the QR on the terminal). The link is already live: a local write failure is only logged.</summary>
    private void WriteShareFiles(PublishContext context, string shareUrl)
    {
        using var qr = new ShareQrCode(shareUrl);
        var layout = context.Layout;
        WriteLocal(context, layout.ShareTxt, p => AtomicFile.WriteAllText(p, shareUrl + "\n", durable: false));
        WriteLocal(context, layout.ShareQrPng, p => AtomicFile.WriteAllBytes(p, qr.Png(_options.QrPixelsPerModule), durable: false));

        // The QR is a working key to the gallery for days: it goes to a person at a terminal, never to the
        // journal (the log gets the link with its signature redacted, and the path of share-qr.png).
        if (_options.Terminal is { } terminal)
        {
            terminal.WriteLine($"Share link for {context.SessionId} (scan, or open {layout.ShareTxt}):");
            terminal.Write(qr.TerminalText());
            terminal.Flush();
        }
    }

    private static void WriteLocal(PublishContext context, string path, Action<string> write)
    {
        try
        {
            write(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.LocalWriteFailed(context.Logger, path, e.Message);
        }
    }
}
