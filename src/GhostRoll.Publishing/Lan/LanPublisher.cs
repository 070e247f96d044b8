using GhostRoll.Lan;
using GhostRoll.Pipeline;
using GhostRoll.Publishing.ShareLink;
using GhostRoll.Storage;

namespace GhostRoll.Publishing.Lan;

/// <summary>
/// The session's gallery on the local network ("lan"): at the start of a run the session gets its token and served
/// symlink (<see cref="LanGalleries"/>), and its link goes into status.json. In local-only mode the LAN link is the
/// share link (status <c>url</c>, share.txt, share-qr.png, the panel's QR); with S3 the bucket's link keeps those and
/// the LAN link is <c>lan_url</c>. It also keeps the dashboard's sessions.json current. Nothing leaves the machine
/// and nothing here may stop an import: every failure is logged and the run goes on.
/// </summary>
public sealed class LanPublisher(Func<string?>? address = null, Func<string?>? wifiName = null) : ISessionPublisher
{
    private readonly Func<string?> _address = address ?? (() => LanAddress.DefaultRouteIPv4());
    private readonly Func<string?> _wifiName = wifiName ?? WifiNetwork.CurrentName;

    public string Name => "lan";

    public Task BeginAsync(PublishContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            if (Link(context) is { } url)
            {
                var lan = new LanLink(url, _wifiName());
                if (context.Settings.LocalOnly)
                {
                    WriteShareFiles(context, url);
                    context.Links.SetShareUrl(context.SessionId, url);
                    context.Progress.ShareLinkReady(url, context.Layout.ShareQrPng, lan);
                }
                else
                {
                    context.Progress.LanLinkReady(lan);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.LanLinkFailed(context.Logger, context.SessionId, e.Message);
        }

        Dashboard(context);
        return Task.CompletedTask;
    }

    public Task PublishAsync(PublishContext context, GalleryEntry entry, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task CompleteAsync(PublishContext context, PublishCompletion completion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        Dashboard(context);
        return Task.CompletedTask;
    }

    /// <summary>The session's LAN link (token made on first use); null when LAN sharing is off or there is no network address.</summary>
    private string? Link(PublishContext context)
    {
        if (!context.Settings.LanSharing)
        {
            return null;
        }

        var token = new LanGalleries(context.Settings.SessionsDir).Serve(context.Layout);
        return _address() is { } ip ? LanAddress.Url(ip, context.Settings.WebPort, token) : null;
    }

    private static void WriteShareFiles(PublishContext context, string url)
    {
        using var qr = new ShareQrCode(url);
        AtomicFile.WriteAllText(context.Layout.ShareTxt, url + "\n", durable: false);
        AtomicFile.WriteAllBytes(context.Layout.ShareQrPng, qr.Png(), durable: false);
    }

    private static void Dashboard(PublishContext context)
    {
        try
        {
            DashboardData.Write(context.Settings, context.Links);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.DashboardWriteFailed(context.Logger, e.Message);
        }
    }
}
