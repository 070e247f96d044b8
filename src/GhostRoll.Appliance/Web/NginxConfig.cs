using System.Globalization;
using System.Text;
using GhostRoll.Configuration;
using GhostRoll.Lan;
using GhostRoll.Storage;

namespace GhostRoll.Appliance.Web;

/// <summary>
/// GhostRoll's own nginx configuration (ghostroll-web.service runs <c>nginx -c RUN/nginx.conf</c>; the system's
/// nginx sites are never touched). Written by <c>ghostroll web-config RUN</c> from the settings, so the port, the
/// folders and whether galleries are served follow the settings file. What it serves, and nothing else (404):
/// <list type="bullet">
/// <item><c>/&lt;token&gt;/</c> and the gallery's files below it (index.html, manifest.json, share.zip, derived/share,
/// thumbs, enhanced): what the S3 gallery publishes, never <c>originals/</c>, which may carry GPS.</item>
/// <item><c>/</c>, <c>/status.json</c>, <c>/sessions.json</c>: the dashboard, behind HTTP basic auth with a rate
/// limit; locked (503, a page that says how to set the password) while no password is set.</item>
/// </list>
/// nginx normalises the path (<c>..</c>, <c>//</c>, %-escapes) before it picks a location, so <c>/&lt;token&gt;/../</c>
/// never reaches a file. No access log: the tokens are in the request line.
/// </summary>
public sealed class NginxConfig
{
    public const string DashboardFile = "dashboard.html";
    public const string PasswordFile = "dashboard.htpasswd";

    public required string RunDir { get; init; }

    public required string ServedRoot { get; init; }

    public required string StatusJson { get; init; }

    public required string SessionsJson { get; init; }

    /// <summary>The htpasswd file nginx checks; null = no password yet, the dashboard is locked.</summary>
    public string? PasswordFilePath { get; init; }

    public int Port { get; init; } = 80;

    /// <summary>Listen address; null = every address (the appliance); tests use 127.0.0.1.</summary>
    public string? ListenAddress { get; init; }

    public bool ServeGalleries { get; init; } = true;

    /// <summary>
    /// Writes nginx.conf and dashboard.html into <paramref name="runDir"/> for <paramref name="settings"/>. A plain
    /// DASHBOARD_PASSWORD (from the environment) is hashed into the run folder; otherwise DASHBOARD_PASSWORD_FILE is used
    /// when it exists.
    /// </summary>
    public static NginxConfig Write(GhostRollSettings settings, string runDir, string? listenAddress = null)
    {
        Directory.CreateDirectory(runDir);
        string? password = null;
        if (!string.IsNullOrEmpty(settings.DashboardPassword))
        {
            password = Path.Combine(runDir, PasswordFile);
            AtomicFile.WriteAllText(password, DashboardPassword.FileText(settings.DashboardPassword), UnixFileMode.UserRead | UnixFileMode.UserWrite, durable: false);
        }
        else if (File.Exists(settings.DashboardPasswordFile))
        {
            password = settings.DashboardPasswordFile;
        }

        var config = new NginxConfig
        {
            RunDir = Path.GetFullPath(runDir),
            ServedRoot = new LanGalleries(settings.SessionsDir).ServedRoot,
            StatusJson = Path.GetFullPath(settings.StatusPath),
            SessionsJson = DashboardFiles.SessionsJson(settings),
            PasswordFilePath = password,
            Port = settings.WebPort,
            ListenAddress = listenAddress,
            ServeGalleries = settings.LanSharing,
        };
        AtomicFile.WriteAllText(Path.Combine(runDir, DashboardFile), DashboardPage.Html, durable: false);
        AtomicFile.WriteAllText(Path.Combine(runDir, "nginx.conf"), config.Render(), durable: false);
        return config;
    }

    public string Render()
    {
        var run = RunDir;
        var listen = (ListenAddress is null ? "" : ListenAddress + ":") + Port.ToString(CultureInfo.InvariantCulture);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $$"""
            # Written by 'ghostroll web-config' from the GhostRoll settings; edits are overwritten at the next start.
            worker_processes 1;
            pid {{run}}/nginx.pid;
            error_log stderr warn;
            events { worker_connections 128; }
            http {
                types {
                    text/html html; application/json json; image/jpeg jpg jpeg; image/webp webp; image/png png;
                    application/zip zip; video/mp4 mp4; text/plain txt;
                }
                default_type application/octet-stream;
                charset utf-8;
                charset_types application/json;
                # The gallery tokens are in the request line: nothing is logged.
                access_log off;
                server_tokens off;
                autoindex off;
                sendfile on;
                client_max_body_size 1k;
                client_body_temp_path {{run}}/client_body;
                proxy_temp_path {{run}}/proxy;
                fastcgi_temp_path {{run}}/fastcgi;
                uwsgi_temp_path {{run}}/uwsgi;
                scgi_temp_path {{run}}/scgi;
                # Password guesses: 40 requests a minute per client address on the dashboard, then 429. The page's own
                # polling (status.json every 2 s, sessions.json every 10 s: 36 a minute) fits under it; nginx checks the
                # limit before the password, so it holds for wrong and right passwords alike.
                limit_req_zone $binary_remote_addr zone=dashboard:1m rate=40r/m;
                limit_req_status 429;

                server {
                    listen {{listen}} default_server;
                    add_header X-Content-Type-Options nosniff always;
                    add_header Referrer-Policy no-referrer always;
                    if ($request_method !~ ^(GET|HEAD)$) { return 405; }

                    location / { return 404; }

            """);
        if (ServeGalleries)
        {
            text.Append(CultureInfo.InvariantCulture, $$"""
                        location ~ "^/(?<token>[A-Za-z0-9_-]{{{LanToken.Length}}})/$" {
                            root {{ServedRoot}};
                            add_header Cache-Control no-cache always;
                            try_files /$token/index.html =404;
                        }
                        location ~ "^/[A-Za-z0-9_-]{{{LanToken.Length}}}/(index\.html|manifest\.json)$" {
                            root {{ServedRoot}};
                            add_header Cache-Control no-cache always;
                        }
                        location ~ "^/[A-Za-z0-9_-]{{{LanToken.Length}}}/(share\.zip|derived/(share|thumbs|enhanced)/.+)$" {
                            root {{ServedRoot}};
                        }

                """);
        }

        if (PasswordFilePath is { } passwords)
        {
            var guard = $"""
                            limit_req zone=dashboard burst=20 nodelay;
                            auth_basic "GhostRoll dashboard";
                            auth_basic_user_file {passwords};
                            add_header Cache-Control no-store always;
                """;
            text.Append(CultureInfo.InvariantCulture, $$"""
                        location = / {
                {{guard}}
                            root {{run}};
                            try_files /{{DashboardFile}} =404;
                        }
                        location = /status.json {
                {{guard}}
                            alias {{StatusJson}};
                        }
                        location = /sessions.json {
                {{guard}}
                            alias {{SessionsJson}};
                        }
                    }
                }

                """);
        }
        else
        {
            text.Append("""
                        location = / {
                            default_type text/html;
                            return 503 "<!doctype html><meta charset=utf-8><meta name=viewport content='width=device-width'><title>GhostRoll dashboard locked</title><h1>The dashboard is locked</h1><p>No dashboard password is set. On the GhostRoll, run <code>sudo ghostroll setup</code> and answer the dashboard password question, or put <code>GHOSTROLL_DASHBOARD_PASSWORD=...</code> into ghostroll.env on the boot partition before the first boot. Then restart ghostroll-web.service.</p>";
                        }
                        location ~ ^/(status|sessions)\.json$ { return 503; }
                    }
                }

                """);
        }

        return text.ToString();
    }
}
