using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using GhostRoll.Gallery.Manifest;
using GhostRoll.Lan;
using GhostRoll.Screens.Layout;
using GhostRoll.Sessions;
using GhostRoll.Status;
using GhostRoll.Storage;
using GhostRoll.TestSupport;
using GhostRoll.TestSupport.Browser;
using GhostRoll.TestSupport.S3;
using static Microsoft.Playwright.Assertions;

namespace GhostRoll.Integration.Tests;

/// <summary>
/// Sharing without the cloud (docs/lan.md), end to end with the real pieces: a local-only import of a real card, the
/// configuration 'ghostroll web-config' writes, Debian's nginx serving it on a loopback port as the test user, and
/// Chromium at phone size opening the session's token link. Only the gallery is reachable: unknown tokens, the
/// originals (they may carry GPS), the token file, the log and paths that climb out answer 404; the dashboard
/// answers 401 without its password and 200 with it; a revoked link answers 404.
/// </summary>
public sealed class LanGalleryTests
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task A_local_only_import_opens_on_a_phone_from_its_token_link_and_nothing_else_is_served()
    {
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory("lan");
        var (ghostroll, port) = Appliance(temp);
        var (sessionDir, _) = await ImportAsync(ghostroll, temp);
        var sessionId = Path.GetFileName(sessionDir);
        var token = File.ReadAllText(Path.Combine(sessionDir, "lan-token")).Trim();
        Assert.Matches("^[A-Za-z0-9_-]{22}$", token);
        // The share link of local-only mode is the LAN link (when this machine has an IPv4 address on a network).
        if (File.Exists(Path.Combine(sessionDir, "share.txt")))
        {
            var link = File.ReadAllText(Path.Combine(sessionDir, "share.txt")).Trim();
            Assert.Matches($"^http://\\d+\\.\\d+\\.\\d+\\.\\d+:{port}/{token}/$", link);
            Assert.Contains($"\"url\": \"{link}\"", File.ReadAllText(temp.Combine("home", "status.json")), StringComparison.Ordinal);
        }

        // The session as a failed import leaves it (files that could not be copied), so the dashboard has an error to
        // list; 'ghostroll share' re-makes the link and rewrites sessions.json from the database.
        const string CopyError = "3 files could not be copied; re-insert the card to retry them";
        using (var db = GhostRollDatabase.Open(temp.Combine("home", "db", "ghostroll.db")))
        {
            db.SetSessionState(sessionId, SessionState.Failed, CopyError);
        }

        var share = await ghostroll.RunAsync("share", sessionId);
        var lanAddress = LanAddress.DefaultRouteIPv4();
        if (lanAddress is null)
        {
            Assert.True(share.ExitCode == 1, share.Stdout + share.Stderr);
            Assert.Contains("no IPv4 address on a network", share.Stderr, StringComparison.Ordinal);
        }
        else
        {
            // Local-only: the LAN link is the share link, printed as the 'link' line and kept in share.txt.
            Assert.True(share.ExitCode == 0, share.Stdout + share.Stderr);
            var lanLink = $"http://{lanAddress}:{port}/{token}/";
            Assert.Contains($"link     {lanLink}\n", share.Stdout, StringComparison.Ordinal);
            Assert.Contains($"state    opens on this network until revoked ('ghostroll share {sessionId} --revoke-lan')", share.Stdout, StringComparison.Ordinal);
            Assert.DoesNotContain("lan      ", share.Stdout, StringComparison.Ordinal); // no second line: the link is the LAN link
            Assert.Equal(lanLink, File.ReadAllText(Path.Combine(sessionDir, "share.txt")).Trim());
        }

        ghostroll.Environment["GHOSTROLL_DASHBOARD_PASSWORD"] = Password;
        await WebConfigAsync(ghostroll, temp);
        Assert.DoesNotContain(Password, File.ReadAllText(temp.Combine("run", "nginx.conf")) + File.ReadAllText(temp.Combine("run", "dashboard.htpasswd")), StringComparison.Ordinal);
        using var nginx = await Nginx.StartAsync(temp.Combine("run"), port, ct);
        var origin = $"http://127.0.0.1:{port}";
        using var http = new HttpClient();

        // ---- only the gallery below a known token
        var original = Directory.GetFiles(Path.Combine(sessionDir, "originals"), "*", SearchOption.AllDirectories).First();
        var originalPath = Path.GetRelativePath(sessionDir, original).Replace('\\', '/');
        Assert.Equal(HttpStatusCode.OK, await StatusOf(http, $"{origin}/{token}/", ct));
        Assert.Equal(HttpStatusCode.OK, await StatusOf(http, $"{origin}/{token}/manifest.json", ct));
        foreach (var path in new[]
                 {
                     $"/{LanTokenLike(token)}/", $"/{token}/{originalPath}", $"/{token}/lan-token", $"/{token}/ghostroll.log",
                     $"/{token}/../{sessionId}/{originalPath}", $"/{token}/%2e%2e/{sessionId}/{originalPath}", $"/{sessionId}/index.html",
                     $"/.lan/{token}/index.html", $"/{token}/derived/", $"/{token}/originals/",
                 })
        {
            Assert.True(await RawStatusAsync(port, path, ct) == 404, $"{path} must answer 404");
        }

        // ---- the page at phone size: every tile, pictures decode, the lightbox opens
        var manifest = JsonSerializer.Deserialize(File.ReadAllBytes(Path.Combine(sessionDir, "manifest.json")), ManifestJsonContext.Default.GalleryManifest)!;
        await using (var chromium = await HeadlessChromium.LaunchAsync())
        await using (var phone = await chromium.NewSessionAsync(DeviceProfile.Phone))
        {
            await phone.Page.GotoAsync($"{origin}/{token}/");
            var tiles = phone.Page.Locator("#grid .tile");
            await Expect(tiles).ToHaveCountAsync(manifest.Items.Count);
            await phone.Page.WaitForFunctionAsync(
                "() => [...document.querySelectorAll('#grid .tile img')].filter(i => i.getBoundingClientRect().top < innerHeight).every(i => i.complete && i.naturalWidth > 0)",
                null);
            await tiles.First.ClickAsync();
            await Expect(phone.Page.Locator("#lb")).ToBeVisibleAsync();
            await phone.Page.ScreenshotAsync(new() { Path = Path.Combine(Artifacts.Dir("integration"), "lan-gallery-phone-lightbox.png") });
            Assert.Empty(phone.Requests.LeavingLoopback());

            // The dashboard in the browser, with the password: the session is listed, and progress written to
            // status.json shows up without a reload (the page polls).
            await using var context = await chromium.Browser.NewContextAsync(new() { HttpCredentials = new() { Username = "ghostroll", Password = Password } });
            var dashboard = await context.NewPageAsync();
            await dashboard.GotoAsync(origin + "/");
            await Expect(dashboard.Locator("#sessions")).ToContainTextAsync(sessionId);
            await Expect(dashboard.Locator("#space")).ToContainTextAsync("Free space "); // from the import's own status.json
            if (lanAddress is not null)
            {
                // The last errors, from sessions.json as 'ghostroll share' wrote it.
                await Expect(dashboard.Locator("#errors li.err")).ToHaveTextAsync($"{sessionId}: {CopyError}");
            }

            // The battery as the display daemon writes it into status.json (battery_percentage, battery_charging).
            File.WriteAllText(temp.Combine("home", "status.json"), """{"state": "running", "step": "ingest", "message": "live from the importer", "overall_progress": 0.5, "battery_percentage": 73.4, "battery_charging": true}""");
            await Expect(dashboard.Locator("#message")).ToHaveTextAsync("live from the importer");
            await Expect(dashboard.Locator("#progress")).ToBeVisibleAsync();
            await Expect(dashboard.Locator("#battery")).ToHaveTextAsync("Battery 73 % (charging)");
        }

        // ---- the dashboard: the password, the session, its link
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusOf(http, origin + "/", ct));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusOf(http, origin + "/sessions.json", ct));
        using (var wrong = new HttpRequestMessage(HttpMethod.Get, origin + "/"))
        {
            wrong.Headers.Authorization = Basic("not the password");
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(wrong, ct)).StatusCode);
        }

        using (var authorised = new HttpRequestMessage(HttpMethod.Get, origin + "/"))
        {
            authorised.Headers.Authorization = Basic(Password);
            var page = await http.SendAsync(authorised, ct);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("setInterval(poll, 2000)", await page.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        }

        using (var listing = new HttpRequestMessage(HttpMethod.Get, origin + "/sessions.json"))
        {
            listing.Headers.Authorization = Basic(Password);
            var json = await (await http.SendAsync(listing, ct)).Content.ReadAsStringAsync(ct);
            Assert.Contains($"\"id\": \"{sessionId}\"", json, StringComparison.Ordinal);
        }

        // nginx's memory while it served all of the above (docs/lan.md): master plus worker, resident.
        var rssKb = nginx.ResidentKilobytes();
        File.WriteAllText(Path.Combine(Artifacts.Dir("integration"), "lan-nginx-rss.txt"), $"nginx master+worker VmRSS {rssKb} kB\n");
        Assert.InRange(rssKb, 1, 64 * 1024); // the unit's MemoryMax

        // ---- revoke: the link is dead at once, share.txt no longer holds it
        var revoke = await ghostroll.RunAsync("share", sessionId, "--revoke-lan");
        Assert.True(revoke.ExitCode == 0, revoke.Stdout + revoke.Stderr);
        Assert.Equal(HttpStatusCode.NotFound, await StatusOf(http, $"{origin}/{token}/", ct));
        Assert.False(File.Exists(Path.Combine(sessionDir, "share.txt")));

        // The dashboard's data after the revoke: the session's error is still listed, its link is gone.
        using (var document = await SessionsJsonAsync(http, origin, ct))
        {
            Assert.Equal([$"{sessionId}: {CopyError}"], document.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetString()));
            var listed = Assert.Single(document.RootElement.GetProperty("sessions").EnumerateArray());
            Assert.Equal("failed", listed.GetProperty("state").GetString());
            Assert.Equal(JsonValueKind.Null, listed.GetProperty("lan_url").ValueKind);
        }
    }

    [Fact]
    public async Task Without_a_password_the_dashboard_is_locked_and_says_how_to_set_one()
    {
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory("lan-locked");
        var (ghostroll, port) = Appliance(temp);
        await WebConfigAsync(ghostroll, temp);
        using var nginx = await Nginx.StartAsync(temp.Combine("run"), port, ct);
        using var http = new HttpClient();

        var page = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/"), ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        Assert.Contains("ghostroll setup", await page.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await StatusOf(http, $"http://127.0.0.1:{port}/status.json", ct));
    }

    [Fact]
    public async Task Guessing_the_dashboard_password_is_cut_off_with_429_after_the_burst_while_the_galleries_still_open()
    {
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory("lan-limit");
        var (ghostroll, port) = Appliance(temp);
        var (sessionDir, _) = await ImportAsync(ghostroll, temp);
        var token = File.ReadAllText(Path.Combine(sessionDir, "lan-token")).Trim();
        ghostroll.Environment["GHOSTROLL_DASHBOARD_PASSWORD"] = Password;
        await WebConfigAsync(ghostroll, temp);
        using var nginx = await Nginx.StartAsync(temp.Combine("run"), port, ct);
        var origin = $"http://127.0.0.1:{port}";
        using var http = new HttpClient();

        // limit_req rate=40r/m burst=20 nodelay: the first guess and the 20 of the burst reach the password check
        // (401); the next one within the same 1.5 s is refused before it (429). A slow machine may let one more
        // through per 1.5 s that passed, hence "at least 21" and a cap on how many guesses it may take.
        var answers = new List<HttpStatusCode>();
        while (answers.Count < 40 && !answers.Contains(HttpStatusCode.TooManyRequests))
        {
            answers.Add(await DashboardStatusAsync(http, origin + "/", "not the password", ct));
        }

        var summary = string.Join(", ", answers.Select(a => (int)a));
        Assert.True(answers[^1] == HttpStatusCode.TooManyRequests, $"no 429 after {answers.Count} wrong passwords: {summary}");
        Assert.True(answers.Count > 21 && answers.SkipLast(1).All(a => a == HttpStatusCode.Unauthorized), summary);

        // The limit comes before the password check: the right password and the dashboard's JSON are refused too.
        Assert.Equal(HttpStatusCode.TooManyRequests, await DashboardStatusAsync(http, origin + "/", Password, ct));
        Assert.Equal(HttpStatusCode.TooManyRequests, await DashboardStatusAsync(http, origin + "/status.json", Password, ct));

        // The galleries are not limited: a phone opening one (page, manifest, thumbnails, share images, more requests
        // than the dashboard's burst) gets all of it from the same address.
        var galleryPaths = new[] { "", "manifest.json", "share.zip" }
            .Concat(new[] { "thumbs", "share" }.SelectMany(d => Directory.GetFiles(Path.Combine(sessionDir, "derived", d), "*", SearchOption.AllDirectories)).Select(f => Path.GetRelativePath(sessionDir, f).Replace('\\', '/')))
            .ToList();
        for (var i = 0; i < 30; i++)
        {
            var path = galleryPaths[i % galleryPaths.Count];
            Assert.True(await StatusOf(http, $"{origin}/{token}/{path}", ct) == HttpStatusCode.OK, $"/{token}/{path} while the dashboard is limited");
        }

        // One request per 1.5 s comes free again: the owner is back in after a short wait, not locked out.
        await Task.Delay(TimeSpan.FromSeconds(2), ct);
        Assert.Equal(HttpStatusCode.OK, await DashboardStatusAsync(http, origin + "/", Password, ct));
    }

    [Fact]
    public async Task With_LAN_sharing_off_no_link_is_made_and_every_token_path_answers_404_while_the_dashboard_stays()
    {
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory("lan-off");
        var (ghostroll, port) = Appliance(temp);
        ghostroll.Environment["GHOSTROLL_LAN_SHARING"] = "off";
        var (sessionDir, output) = await ImportAsync(ghostroll, temp);
        var sessionId = Path.GetFileName(sessionDir);

        // No link anywhere: no token, nothing below the served root, no share files, none in status.json or the output.
        Assert.DoesNotContain("link     ", output, StringComparison.Ordinal);
        foreach (var file in new[] { "lan-token", "share.txt", "share-qr.png" })
        {
            Assert.False(File.Exists(Path.Combine(sessionDir, file)), $"{file} was written with LAN sharing off");
        }

        var servedRoot = temp.Combine("home", "sessions", ".lan");
        Assert.True(!Directory.Exists(servedRoot) || Directory.GetFileSystemEntries(servedRoot).Length == 0, "a gallery is linked for serving");
        using (var status = JsonDocument.Parse(File.ReadAllText(temp.Combine("home", "status.json"))))
        {
            Assert.Equal("done", status.RootElement.GetProperty("state").GetString());
            Assert.Equal(JsonValueKind.Null, status.RootElement.GetProperty("url").ValueKind);
            Assert.Equal(JsonValueKind.Null, status.RootElement.GetProperty("lan_url").ValueKind);
        }

        var panel = ScreenModel.From(StatusFile.TryRead(temp.Combine("home", "status.json"))!);
        Assert.Null(panel.ShareUrl); // no QR: the done screen says where the photos are instead
        Assert.StartsWith("Saved on this GhostRoll in sessions/", panel.Notice, StringComparison.Ordinal);

        var refused = await ghostroll.RunAsync("share", sessionId);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("LAN sharing is off (GHOSTROLL_LAN_SHARING=off)", refused.Stderr, StringComparison.Ordinal);
        Assert.Empty(refused.Stdout);

        // A link shared while sharing was on stops opening once it is off: the server has no gallery locations at all.
        ghostroll.Environment["GHOSTROLL_LAN_SHARING"] = "on";
        await ghostroll.RunAsync("share", sessionId); // makes the token (and the link when this machine has an address)
        var token = File.ReadAllText(Path.Combine(sessionDir, "lan-token")).Trim();
        ghostroll.Environment["GHOSTROLL_LAN_SHARING"] = "off";
        ghostroll.Environment["GHOSTROLL_DASHBOARD_PASSWORD"] = Password;
        await WebConfigAsync(ghostroll, temp);
        Assert.DoesNotContain(servedRoot, File.ReadAllText(temp.Combine("run", "nginx.conf")), StringComparison.Ordinal);
        using var nginx = await Nginx.StartAsync(temp.Combine("run"), port, ct);
        var origin = $"http://127.0.0.1:{port}";
        using var http = new HttpClient();
        var thumb = Directory.GetFiles(Path.Combine(sessionDir, "derived", "thumbs"), "*", SearchOption.AllDirectories).First();
        foreach (var path in new[] { "", "index.html", "manifest.json", "share.zip", Path.GetRelativePath(sessionDir, thumb).Replace('\\', '/') })
        {
            Assert.Equal(HttpStatusCode.NotFound, await StatusOf(http, $"{origin}/{token}/{path}", ct));
        }

        // The dashboard stays, behind its password, and says that LAN sharing is off.
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusOf(http, origin + "/", ct));
        Assert.Equal(HttpStatusCode.OK, await DashboardStatusAsync(http, origin + "/", Password, ct));
        using var sessions = await SessionsJsonAsync(http, origin, ct);
        Assert.Equal(sessionId, Assert.Single(sessions.RootElement.GetProperty("sessions").EnumerateArray()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task With_S3_the_bucket_link_stays_the_share_link_on_the_panel_and_the_LAN_link_is_lan_url_and_its_own_line()
    {
        var ct = TestContext.Current.CancellationToken;
        var address = LanAddress.DefaultRouteIPv4();
        if (address is null)
        {
            Assert.Skip("this machine has no IPv4 address on a network, so no LAN link is made");
            return;
        }

        await using var s3 = await S3rverServer.StartNewAsync(ct);
        var bucket = await s3.CreateBucketAsync("lan");
        using var temp = new TempDirectory("lan-s3");
        var (ghostroll, port) = Appliance(temp);
        ghostroll.PublishingTo(s3, bucket);
        var (sessionDir, _) = await ImportAsync(ghostroll, temp);
        var sessionId = Path.GetFileName(sessionDir);
        var lanLink = $"http://{address}:{port}/{File.ReadAllText(Path.Combine(sessionDir, "lan-token")).Trim()}/";
        var bucketLink = File.ReadAllText(Path.Combine(sessionDir, "share.txt")).Trim();
        Assert.StartsWith($"{s3.Endpoint}/{bucket}/sessions/{sessionId}/", bucketLink, StringComparison.Ordinal);

        // status.json: url is the bucket's link, lan_url the LAN link; the panel draws url.
        var statusPath = temp.Combine("home", "status.json");
        using (var status = JsonDocument.Parse(File.ReadAllText(statusPath)))
        {
            Assert.Equal(bucketLink, status.RootElement.GetProperty("url").GetString());
            Assert.Equal(lanLink, status.RootElement.GetProperty("lan_url").GetString());
        }

        var panel = ScreenModel.From(StatusFile.TryRead(statusPath)!);
        Assert.Equal(ScreenKind.Done, panel.Kind);
        Assert.Equal(bucketLink, panel.ShareUrl);
        Assert.Null(panel.Network); // "Wi-Fi: ..." goes with the LAN link only

        // 'ghostroll share': the bucket's link is the link line, the LAN link a line of its own.
        var share = await ghostroll.RunAsync("share", sessionId);
        Assert.True(share.ExitCode == 0, share.Stdout + share.Stderr);
        var lines = share.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith($"link     {s3.Endpoint}/{bucket}/sessions/{sessionId}/", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("state    ", lines[1], StringComparison.Ordinal);
        Assert.Equal($"lan      {lanLink}", lines[2]);
        Assert.Equal(3, lines.Length);
        Assert.Equal(bucketLink, File.ReadAllText(Path.Combine(sessionDir, "share.txt")).Trim()); // share.txt keeps the bucket's link
    }

    /// <summary>'ghostroll run' of the <c>basic</c> fixture card: the session's folder and what the run printed.</summary>
    private static async Task<(string SessionDir, string Stdout)> ImportAsync(GhostRollProcess ghostroll, TempDirectory temp)
    {
        var run = await ghostroll.RunAsync("run", TestCards.FromFixtures(temp.Combine("card"), "basic"));
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        return (Directory.GetDirectories(temp.Combine("home", "sessions"), "shoot-*").Single(), run.Stdout);
    }

    /// <summary>'ghostroll web-config' into temp/run for a loopback listener, as ghostroll-web.service runs it.</summary>
    private static async Task WebConfigAsync(GhostRollProcess ghostroll, TempDirectory temp)
    {
        var config = await ghostroll.RunAsync("web-config", temp.Combine("run"), "--listen", "127.0.0.1");
        Assert.True(config.ExitCode == 0, config.Stderr);
    }

    /// <summary>A well-formed token that was never issued: the same as the real one with its first character changed.</summary>
    private static string LanTokenLike(string token) => (token[0] == 'A' ? 'B' : 'A') + token[1..];

    private static AuthenticationHeaderValue Basic(string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("ghostroll:" + password)));

    private static async Task<HttpStatusCode> DashboardStatusAsync(HttpClient http, string url, string password, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = Basic(password);
        using var response = await http.SendAsync(request, ct);
        return response.StatusCode;
    }

    /// <summary>The dashboard's sessions.json as nginx serves it to the owner.</summary>
    private static async Task<JsonDocument> SessionsJsonAsync(HttpClient http, string origin, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, origin + "/sessions.json");
        request.Headers.Authorization = Basic(Password);
        using var response = await http.SendAsync(request, ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
    }

    private static async Task<HttpStatusCode> StatusOf(HttpClient http, string url, CancellationToken ct)
    {
        using var response = await http.GetAsync(new Uri(url, UriKind.Absolute), ct);
        return response.StatusCode;
    }

    /// <summary>The status code for a request line sent byte for byte: System.Uri would remove "../" before nginx saw it.</summary>
    private static async Task<int> RawStatusAsync(int port, string path, CancellationToken ct)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port, ct);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n"), ct);
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var statusLine = await reader.ReadLineAsync(ct) ?? "";
        return int.Parse(statusLine.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>ghostroll in a fresh home, its web server on a free loopback port.</summary>
    private static (GhostRollProcess Ghostroll, int Port) Appliance(TempDirectory temp)
    {
        var port = FreePort();
        var ghostroll = new GhostRollProcess(temp.Combine("home"));
        ghostroll.Environment["GHOSTROLL_WEB_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return (ghostroll, port);
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>Debian's nginx with the generated configuration, in the foreground, stopped with the test.</summary>
    private sealed class Nginx : IDisposable
    {
        private readonly Process _process;

        private Nginx(Process process) => _process = process;

        public static async Task<Nginx> StartAsync(string runDir, int port, CancellationToken ct)
        {
            // As root (CI containers), nginx would hand its workers to 'nobody', which cannot read the test's 0600
            // files; the appliance runs the whole server as 'ghostroll' (ghostroll-web.service), as a non-root test does.
            var directives = Environment.UserName == "root" ? "daemon off; user root;" : "daemon off;";
            var info = new ProcessStartInfo("nginx") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var a in new[] { "-c", Path.Combine(runDir, "nginx.conf"), "-e", "stderr", "-g", directives })
            {
                info.ArgumentList.Add(a);
            }

            var process = Process.Start(info)!;
            var nginx = new Nginx(process);
            using var http = new HttpClient();
            var answered = false;
            try
            {
                await Eventually.UntilAsync(
                    async () =>
                    {
                        try
                        {
                            using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/nothing"), ct);
                            return answered = true;
                        }
                        catch (HttpRequestException)
                        {
                            return process.HasExited; // stop waiting: it will never answer
                        }
                    },
                    every: TimeSpan.FromMilliseconds(50), what: $"nginx to answer on port {port}");
            }
            catch
            {
                nginx.Dispose(); // gave up waiting
                throw;
            }

            if (!answered)
            {
                var error = await process.StandardError.ReadToEndAsync(ct);
                nginx.Dispose();
                throw new InvalidOperationException($"nginx did not start on port {port}: {error}");
            }

            return nginx;
        }

        /// <summary>VmRSS of the master and its workers (/proc/PID/status), in kB.</summary>
        public long ResidentKilobytes()
        {
            var pids = new List<int> { _process.Id };
            foreach (var dir in Directory.GetDirectories("/proc").Select(Path.GetFileName))
            {
                if (int.TryParse(dir, out var pid) && File.Exists($"/proc/{pid}/stat"))
                {
                    try
                    {
                        var stat = File.ReadAllText($"/proc/{pid}/stat");
                        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                        if (int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture) == _process.Id)
                        {
                            pids.Add(pid);
                        }
                    }
                    catch (IOException)
                    {
                    }
                }
            }

            return pids.Sum(pid => long.Parse(File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture));
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }

            _process.Dispose();
        }
    }
}
