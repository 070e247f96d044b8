using System.CommandLine;
using System.Globalization;
using GhostRoll.Cli.Hosting;
using GhostRoll.Gallery;
using GhostRoll.Lan;
using GhostRoll.Pipeline;
using GhostRoll.Publishing.Lan;
using GhostRoll.Publishing.S3;
using GhostRoll.Publishing.ShareLink;
using GhostRoll.Sessions;
using GhostRoll.Status;
using GhostRoll.Storage;

namespace GhostRoll.Cli.Commands;

/// <summary>
/// <c>ghostroll share SESSION [--title TEXT] [--expires 30d|never] [--revoke] [--renew]</c>: a session's share link,
/// and with a link service (GHOSTROLL_LINK_SERVICE_URL) when it expires, revoking it, or replacing it with a new one.
/// <c>--title</c> names that session's gallery and publishes its page again (heading, browser tab, link preview).
/// </summary>
internal static class ShareCommand
{
    public static Command Create()
    {
        var sessionArgument = new Argument<string>("SESSION") { Description = "Session id (shoot-YYYY-MM-DD_HHMMSS_ffffff); 'ghostroll sessions' lists them." };
        var expires = new Option<string?>("--expires")
        {
            Description = "How long the short link opens the gallery from now: 30d, 12h, 90m, 2w, or 'never' (until revoked).",
        };
        var revokeLan = new Option<bool>("--revoke-lan") { Description = "The session's LAN link stops working at once (404); the next 'ghostroll share' makes a new one." };
        var revoke = new Option<bool>("--revoke") { Description = "The link stops working at once (it answers 'gone'); the photos stay." };
        var renew = new Option<bool>("--renew") { Description = "A new short link for the session; the old one stops working." };
        var title = new Option<string?>("--title")
        {
            Description = $"Heading of this session's gallery, its browser tab and link preview (at most {SessionGalleryTitle.MaxLength} characters; \"\" = back to GALLERY_TITLE or the capture dates). The gallery is published again.",
        };
        var command = new Command("share", "Show a session's share link; name its gallery; with a link service, change when it expires, revoke it or renew it.")
        {
            sessionArgument, title, expires, revoke, renew, revokeLan,
        };
        command.SetAction((parse, cancel) => CliHost.RunAsync(parse, async host =>
        {
            var id = parse.GetValue(sessionArgument)!;
            if (!SessionId.IsSafe(id))
            {
                return CliHost.Fail(ExitCodes.Usage, $"'{id}' is not a session id; they look like shoot-2024-05-01_101500_123456 ('ghostroll sessions' lists them)");
            }

            TimeSpan? lifetime = null;
            if (parse.GetValue(expires) is { } text && !ShareLinks.TryParseLifetime(text, out lifetime))
            {
                return CliHost.Fail(ExitCodes.Usage, $"--expires '{text}' is not a lifetime: use a number with d, h, m or w (30d, 12h), or 'never'");
            }

            if (parse.GetValue(revoke) && (parse.GetValue(renew) || parse.GetValue(expires) is not null))
            {
                return CliHost.Fail(ExitCodes.Usage, "--revoke cannot be combined with --renew or --expires: revoke, then renew if a new link is wanted");
            }

            if (parse.GetValue(title) is { } heading)
            {
                var retitled = await RetitleAsync(host, id, heading, cancel).ConfigureAwait(false);
                if (retitled != ExitCodes.Ok || host.Settings.LocalOnly)
                {
                    return retitled;
                }
            }

            if (parse.GetValue(revokeLan))
            {
                return RevokeLan(host, id);
            }

            if (host.Settings.LocalOnly)
            {
                return ShareOnLan(host, id);
            }


            using var connection = S3Connection.Create(host.Settings);
            var links = new ShareLinks(host.Settings, host.Database, connection, new S3RetryPolicy { Logger = host.Logger }, TimeProvider.System);
            var until = lifetime is { } span ? DateTimeOffset.UtcNow + span : (DateTimeOffset?)null;
            try
            {
                ShareLinkInfo info;
                if (parse.GetValue(renew))
                {
                    var before = host.Database.GetSession(id)?.ShareUrl;
                    info = await links.RenewAsync(id, until, keepDefault: parse.GetValue(expires) is null, cancel).ConfigureAwait(false);
                    FollowOnPanel(host, before, info);
                }
                else if (parse.GetValue(revoke))
                {
                    info = await links.RevokeAsync(id, cancel).ConfigureAwait(false);
                }
                else if (parse.GetValue(expires) is not null)
                {
                    info = await links.SetExpiryAsync(id, until, cancel).ConfigureAwait(false);
                }
                else
                {
                    info = await links.DescribeAsync(id, cancel).ConfigureAwait(false);
                }

                // The link goes to the person who asked (stdout), never to the log.
                Console.WriteLine(ShareLinkOutput.Line(info.Url, new SessionLayout(host.Settings.SessionsDir, id).Root));
                Console.WriteLine($"state    {Describe(info)}");
                // With S3 the LAN link is the second way in (status.json lan_url, the dashboard). It opens the gallery
                // too, so it goes to a person at a terminal only, never to the journal.
                if (!ShareLinkOutput.StdoutIsJournal() && LanLink(host, id) is { } lan)
                {
                    Console.WriteLine($"lan      {lan}");
                }

                return ExitCodes.Ok;
            }
            catch (PublishException e)
            {
                return CliHost.Fail(ExitCodes.Failure, e.Message);
            }
        }));
        return command;
    }

    /// <summary>
    /// Stores the title with the session and publishes the session again (as 'ghostroll publish' does: nothing is
    /// uploaded twice), so the local page and the bucket's index.html and manifest carry it.
    /// </summary>
    private static async Task<int> RetitleAsync(CliHost host, string id, string heading, CancellationToken cancel)
    {
        string text;
        try
        {
            text = SessionGalleryTitle.Validate(heading);
        }
        catch (FormatException e)
        {
            return CliHost.Fail(ExitCodes.Usage, $"--title: {e.Message}");
        }

        if (host.Database.GetSession(id) is null)
        {
            return UnknownSession(host, id);
        }

        var layout = new SessionLayout(host.Settings.SessionsDir, id);
        try
        {
            SessionGalleryTitle.Write(layout, text);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return CliHost.Fail(ExitCodes.Failure, $"could not store the title in {SessionGalleryTitle.PathFor(layout)}: {e.Message}; check that the session folder is writable");
        }

        await using var status = Composition.CreateStatusReporter(host.Settings);
        var pipeline = new ImportPipeline(Composition.CreateImportServices(host, status));
        try
        {
            var result = await pipeline.ResumeAsync(id, cancel).ConfigureAwait(false);
            Console.WriteLine(text.Length == 0 ? $"title    removed; the gallery is headed by GALLERY_TITLE or its capture dates again" : $"title    {text}");
            Console.WriteLine($"gallery  {result.GalleryPath}");
            return result.Outcome == ImportOutcome.Interrupted ? ExitCodes.Interrupted
                : result.PublishPending ? CliHost.Fail(ExitCodes.Incomplete, $"the title is stored, but the gallery could not be published again ({result.Message}); 'ghostroll publish {id}' retries")
                : ExitCodes.Ok;
        }
        catch (PublishException e)
        {
            return CliHost.Fail(ExitCodes.Incomplete, $"the title is stored, but the gallery could not be published again: {e.Message}; 'ghostroll publish {id}' retries");
        }
    }

    private static string Describe(ShareLinkInfo info)
    {
        var kind = info.Record is null ? "presigned link" : "short link";
        static string When(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        return info.State switch
        {
            LinkState.Revoked => $"revoked {When(info.Record!.RevokedUtc!.Value)} ({kind}; it answers 'gone')",
            LinkState.Expired => $"expired {When(info.Expires!.Value)} ({kind})",
            _ => info.Expires is { } end ? $"opens until {When(end)} ({kind})" : $"opens until revoked ({kind})",
        };
    }

    /// <summary>The panel shows the new link when it was showing the old one (status.json names the link).</summary>
    private static void FollowOnPanel(CliHost host, string? before, ShareLinkInfo info)
    {
        if (before is not null && StatusFile.TryRead(host.Settings.StatusPath) is { } status && status.Url == before)
        {
            StatusFile.Write(host.Settings.StatusPath, status with { Url = info.Url });
        }
    }

    /// <summary>
    /// Local-only: the LAN link is the share link. It is made (or re-made with the current address) and written to
    /// share.txt, share-qr.png and, when the panel shows this session, status.json.
    /// </summary>
    private static int ShareOnLan(CliHost host, string id)
    {
        if (host.Database.GetSession(id) is null)
        {
            return UnknownSession(host, id);
        }

        if (!host.Settings.LanSharing)
        {
            return CliHost.Fail(ExitCodes.Usage, $"no S3 bucket is configured and LAN sharing is off (GHOSTROLL_LAN_SHARING=off): the gallery is only in {host.Settings.SessionsDir}; turn LAN sharing on to share it on this network");
        }

        if (LanLink(host, id) is not { } url)
        {
            return CliHost.Fail(ExitCodes.Failure, "this machine has no IPv4 address on a network (no default route): connect it to the Wi-Fi or a cable and try again");
        }

        var layout = new SessionLayout(host.Settings.SessionsDir, id);
        using (var qr = new ShareQrCode(url))
        {
            AtomicFile.WriteAllText(layout.ShareTxt, url + "\n", durable: false);
            AtomicFile.WriteAllBytes(layout.ShareQrPng, qr.Png(), durable: false);
        }

        host.Database.SetShareUrl(id, url);
        if (StatusFile.TryRead(host.Settings.StatusPath) is { } status && status.SessionId == id)
        {
            StatusFile.Write(host.Settings.StatusPath, status with { Url = url, LanUrl = url, QrPath = layout.ShareQrPng });
        }

        DashboardData.Write(host.Settings, host.Database);
        Console.WriteLine(ShareLinkOutput.Line(url, layout.Root));
        Console.WriteLine("state    opens on this network until revoked ('ghostroll share " + id + " --revoke-lan')");
        return ExitCodes.Ok;
    }

    /// <summary>The session's LAN link with the current address, its token made on first use; null when off, unknown or offline.</summary>
    private static string? LanLink(CliHost host, string id)
    {
        if (!host.Settings.LanSharing || host.Database.GetSession(id) is null)
        {
            return null;
        }

        var token = new LanGalleries(host.Settings.SessionsDir).Serve(new SessionLayout(host.Settings.SessionsDir, id));
        return LanAddress.DefaultRouteIPv4() is { } ip ? LanAddress.Url(ip, host.Settings.WebPort, token) : null;
    }

    private static int RevokeLan(CliHost host, string id)
    {
        var layout = new SessionLayout(host.Settings.SessionsDir, id);
        var before = LanGalleries.TokenOf(layout);
        if (!new LanGalleries(host.Settings.SessionsDir).Revoke(layout))
        {
            Console.WriteLine($"lan      {id} had no LAN link");
            return ExitCodes.Ok;
        }

        // The revoked link must not stay on show: share.txt, the QR and the panel held it in local-only mode.
        if (host.Settings.LocalOnly)
        {
            File.Delete(layout.ShareTxt);
            File.Delete(layout.ShareQrPng);
            host.Database.SetShareUrl(id, null);
        }

        if (StatusFile.TryRead(host.Settings.StatusPath) is { } status && status.LanUrl?.Contains(before!, StringComparison.Ordinal) == true)
        {
            StatusFile.Write(host.Settings.StatusPath, status with { LanUrl = null, Url = status.Url == status.LanUrl ? null : status.Url });
        }

        DashboardData.Write(host.Settings, host.Database);
        Console.WriteLine($"lan      revoked: the LAN link of {id} answers 404 now; 'ghostroll share {id}' makes a new one");
        return ExitCodes.Ok;
    }

    private static int UnknownSession(CliHost host, string id) =>
        CliHost.Fail(ExitCodes.Usage, $"no session '{id}' in {host.Database.Path}; 'ghostroll sessions' lists them");
}
