using System.Globalization;

namespace GhostRoll.Configuration;

/// <summary>
/// The single list of settings. README's configuration reference, <c>ghostroll config</c>, <c>setup</c> and
/// validation all read from here, so adding a setting is one entry in this file.
/// </summary>
public static class SettingCatalog
{
    public const string EnvironmentPrefix = "GHOSTROLL_";

    public static IReadOnlyList<SettingDefinition> All { get; } =
    [
        // ---- Card and storage -----------------------------------------------------------
        Text("SD_LABEL", "Card", "Volume label that marks a card for import; 'auto-import 1', 'auto-import 2' (macOS duplicates) also match.",
            s => s.SdLabel, (s, v) => s.SdLabel = v),
        Path("BASE_DIR", "Card", "Where sessions are stored: BASE_DIR/shoot-YYYY-MM-DD_HHMMSS_ffffff/.",
            s => s.BaseDir, (s, v) => s.BaseDir = v),
        Path("DB_PATH", "Card", "SQLite database: dedupe ledger, per-session journal, upload ledger.",
            s => s.DbPath, (s, v) => s.DbPath = v),
        new()
        {
            Key = "MOUNT_ROOTS", Group = "Card",
            Description = "Comma-separated folders where 'ghostroll watch' looks for a mounted card.",
            Format = s => string.Join(',', s.MountRoots),
            Apply = (s, v) => s.MountRoots = ParsePathList(v),
        },
        Number("POLL_SECONDS", "Card", "Polling interval of watch mode (when inotify is unavailable) and of the gallery page.",
            0.2, 3600, s => s.PollSeconds, (s, v) => s.PollSeconds = v),
        Int("COPY_WORKERS", "Card", "Files copied from the card at once (1-8). Two overlaps fsync latency without thrashing the card.",
            1, 8, s => s.CopyWorkers, (s, v) => s.CopyWorkers = v),
        Bool("VERIFY_COPIES", "Card", "Re-read every copy from disk (page cache dropped) and compare its SHA-256 before recording it.",
            s => s.VerifyCopies, (s, v) => s.VerifyCopies = v),
        new()
        {
            Key = "MIN_FREE_MB", Group = "Card",
            Description = "Stop copying before the destination has less than this much free space (MB).",
            Format = s => (s.MinFreeBytes / (1024 * 1024)).ToString(CultureInfo.InvariantCulture),
            Apply = (s, v) => s.MinFreeBytes = ParseInt(v, 0, 1_000_000) * 1024L * 1024,
        },

        // ---- Imaging --------------------------------------------------------------------
        Int("SHARE_MAX_LONG_EDGE", "Imaging", "Long edge of share images in pixels (never upscaled).",
            64, 16384, s => s.ShareMaxLongEdge, (s, v) => s.ShareMaxLongEdge = v),
        Int("SHARE_QUALITY", "Imaging", "JPEG quality of share images.", 1, 100, s => s.ShareQuality, (s, v) => s.ShareQuality = v),
        Int("THUMB_MAX_LONG_EDGE", "Imaging", "Long edge of thumbnails in pixels.", 32, 4096, s => s.ThumbMaxLongEdge, (s, v) => s.ThumbMaxLongEdge = v),
        Int("THUMB_QUALITY", "Imaging", "JPEG quality of thumbnails.", 1, 100, s => s.ThumbQuality, (s, v) => s.ThumbQuality = v),
        Int("PROCESS_WORKERS", "Imaging", "Photos decoded at once; default clamp(cores, 1, 6), further limited by the memory budget.",
            1, 64, s => s.ProcessWorkers, (s, v) => s.ProcessWorkers = v),
        new()
        {
            Key = "MAX_IMAGE_MEGAPIXELS", Group = "Imaging",
            Description = "Refuse to decode images that declare more pixels than this (guards memory against corrupt headers).",
            Format = s => (s.MaxImagePixels / 1_000_000).ToString(CultureInfo.InvariantCulture),
            Apply = (s, v) => s.MaxImagePixels = ParseInt(v, 1, 2000) * 1_000_000L,
        },
        Bool("WEBP", "Imaging", "Also write WebP share images and thumbnails; the gallery prefers them and falls back to JPEG.",
            s => s.Webp, (s, v) => s.Webp = v),
        Choice("ENHANCE", "Imaging", "Who makes the enhanced versions behind the gallery's Original/Enhanced toggle: local (this machine, after each share image), lambda (the cloud function in lambda/; none here) or off.",
            ["local", "off", "lambda"], s => s.Enhance, (s, v) => s.Enhance = v),

        // ---- Publishing -----------------------------------------------------------------
        new()
        {
            Key = "S3_BUCKET", Group = "Publishing",
            Description = "Private S3 bucket for the shared gallery. Unset = local-only mode (nothing leaves the machine).",
            Format = s => s.S3Bucket ?? "",
            Apply = (s, v) => s.S3Bucket = string.IsNullOrWhiteSpace(v) ? null : ValidateBucket(v.Trim()),
        },
        new()
        {
            Key = "S3_PREFIX_ROOT", Group = "Publishing",
            Description = "Key prefix for sessions inside the bucket (a trailing '/' is added).",
            Format = s => s.S3PrefixRoot,
            Apply = (s, v) => s.S3PrefixRoot = NormalizePrefix(v),
        },
        new()
        {
            Key = "S3_ENDPOINT", Group = "Publishing",
            Description = "S3-compatible endpoint URL (MinIO, Cloudflare R2, Backblaze B2, Wasabi, Swift). Unset = AWS.",
            Format = s => s.S3Endpoint ?? "",
            Apply = (s, v) => s.S3Endpoint = string.IsNullOrWhiteSpace(v) ? null : ValidateUrl(v.Trim()),
        },
        new()
        {
            Key = "S3_REGION", Group = "Publishing",
            Description = "Bucket region. Unset = from the AWS configuration (AWS_REGION, ~/.aws/config), else us-east-1.",
            Format = s => s.S3Region ?? "",
            Apply = (s, v) => s.S3Region = string.IsNullOrWhiteSpace(v) ? null : v.Trim(),
        },
        Bool("S3_FORCE_PATH_STYLE", "Publishing", "Use path-style URLs (endpoint/bucket/key); needed by most self-hosted servers.",
            s => s.S3ForcePathStyle, (s, v) => s.S3ForcePathStyle = v),
        Int("PRESIGN_EXPIRY_SECONDS", "Publishing",
            "Lifetime of share links. SigV4 allows at most 7 days (604800); GhostRoll keeps a small safety margin below it.",
            60, 604800, s => s.PresignExpirySeconds, (s, v) => s.PresignExpirySeconds = v),
        Int("UPLOAD_WORKERS", "Publishing", "Parallel uploads.", 1, 32, s => s.UploadWorkers, (s, v) => s.UploadWorkers = v),
        Int("PRESIGN_WORKERS", "Publishing", "Parallel URL signing (local CPU only).", 1, 64, s => s.PresignWorkers, (s, v) => s.PresignWorkers = v),
        new()
        {
            Key = "GALLERY_TITLE", Group = "Publishing",
            Description = "Heading of the galleries (and the browser tab). Unset = the photos' capture dates, e.g. 21-23 Jun 2026.",
            Format = s => s.GalleryTitle ?? "",
            Apply = (s, v) => s.GalleryTitle = string.IsNullOrWhiteSpace(v) ? null : ValidateLabel(v),
        },
        new()
        {
            Key = "PHOTOGRAPHER", Group = "Publishing",
            Description = "Your name, shown as 'Photos by …' under the gallery heading. Unset = none.",
            Format = s => s.Photographer ?? "",
            Apply = (s, v) => s.Photographer = string.IsNullOrWhiteSpace(v) ? null : ValidateLabel(v),
        },
        new()
        {
            Key = "LINK_SERVICE_URL", Group = "Publishing",
            Description = "Base URL of a GhostRoll link service (lambda/, or 'ghostroll-links --listen'): share links become short, revocable and outlive the 7-day signature limit. Unset = presigned links.",
            Format = s => s.LinkServiceUrl ?? "",
            Apply = (s, v) => s.LinkServiceUrl = string.IsNullOrWhiteSpace(v) ? null : ValidateUrl(v.Trim()),
        },
        Int("LINK_EXPIRY_DAYS", "Publishing",
            "How long a new short link opens the gallery (0 = until revoked). 'ghostroll share SESSION --expires' changes one link.",
            0, 36500, s => s.LinkExpiryDays, (s, v) => s.LinkExpiryDays = v),
        new()
        {
            Key = "VIDEO_UPLOAD_MAX_MB", Group = "Publishing",
            Description = "Clips up to this size are uploaded for download from the gallery; larger ones stay local (0 = none).",
            Format = s => (s.VideoUploadMaxBytes / (1024 * 1024)).ToString(CultureInfo.InvariantCulture),
            Apply = (s, v) => s.VideoUploadMaxBytes = ParseInt(v, 0, 1_000_000) * 1024L * 1024,
        },

        // ---- Appliance ------------------------------------------------------------------
        Path("STATUS_PATH", "Appliance", "status.json for the display and 'ghostroll status' (written atomically).",
            s => s.StatusPath, (s, v) => s.StatusPath = v),
        Path("STATUS_IMAGE_PATH", "Appliance", "status.png: the 250x122 panel image of the current state.",
            s => s.StatusImagePath, (s, v) => s.StatusImagePath = v),
        Path("MOUNT_DIR", "Appliance", "Where 'ghostroll import' mounts cards read-only.",
            s => s.MountDir, (s, v) => s.MountDir = v),
        Choice("LOG_LEVEL", "Appliance", "debug, info, warning or error.", ["debug", "info", "warning", "error"],
            s => s.LogLevel, (s, v) => s.LogLevel = v),

        // ---- LAN sharing (docs/lan.md) ---------------------------------------------------
        Bool("LAN_SHARING", "LAN", "Serve each session's gallery on the local network at http://<IP>/<token>/ (ghostroll-web.service, nginx); off = no gallery is served, the dashboard stays.",
            s => s.LanSharing, (s, v) => s.LanSharing = v),
        Int("WEB_PORT", "LAN", "TCP port of the LAN galleries and the dashboard (ghostroll-web.service).", 1, 65535, s => s.WebPort, (s, v) => s.WebPort = v),
        new()
        {
            Key = "DASHBOARD_PASSWORD", Group = "LAN", Secret = true,
            Description = "Password of the dashboard at http://<IP>/. Setup and first boot store only its SHA-512 crypt hash (in DASHBOARD_PASSWORD_FILE) and drop this line. No default: unset = the dashboard stays locked.",
            Format = s => s.DashboardPassword ?? "",
            // Everyone on the Wi-Fi can try it (rate-limited): refuse what a short dictionary would find.
            Apply = (s, v) => s.DashboardPassword = string.IsNullOrEmpty(v) ? null
                : v.Length < 8 || v.Any(char.IsControl) ? throw new FormatException("must have at least 8 characters and no control characters")
                : v,
        },
        Path("DASHBOARD_PASSWORD_FILE", "LAN", "The dashboard password's hash (htpasswd format, SHA-512 crypt), written by 'ghostroll setup'.",
            s => s.DashboardPasswordFile, (s, v) => s.DashboardPasswordFile = v),

        // ---- Hardware -------------------------------------------------------------------
        Choice("DISPLAY", "Hardware", "E-ink panel: auto, none, waveshare-2in13-v4, waveshare-2in13-v3, waveshare-2in13-v2, waveshare-2in7-v2.",
            ["auto", "none", "waveshare-2in13-v4", "waveshare-2in13-v3", "waveshare-2in13-v2", "waveshare-2in7-v2"],
            s => s.Display, (s, v) => s.Display = v),
        Int("DISPLAY_ROTATION", "Hardware", "Panel rotation in degrees (0, 90, 180, 270).", 0, 270, s => s.DisplayRotation,
            (s, v) => s.DisplayRotation = v % 90 == 0 ? v : throw new FormatException("must be 0, 90, 180 or 270")),
        Int("DISPLAY_FULL_REFRESH_EVERY", "Hardware", "Full refresh after this many partial refreshes (clears e-ink ghosting).",
            1, 1000, s => s.DisplayFullRefreshEvery, (s, v) => s.DisplayFullRefreshEvery = v),
        Number("DISPLAY_MIN_REFRESH_SECONDS", "Hardware", "Minimum time between panel refreshes.", 0, 3600,
            s => s.DisplayMinRefreshSeconds, (s, v) => s.DisplayMinRefreshSeconds = v),
        Choice("BATTERY", "Hardware", "Battery board: auto, none, pisugar2, pisugar2pro, pisugar3.", ["auto", "none", "pisugar2", "pisugar2pro", "pisugar3"],
            s => s.Battery, (s, v) => s.Battery = v),
        Int("LOW_BATTERY_PERCENT", "Hardware", "Below this (and not charging) copies finish but uploads wait for power.", 0, 100,
            s => s.LowBatteryPercent, (s, v) => s.LowBatteryPercent = v),

        // ---- Hotspot (docs/hotspot.md) ---------------------------------------------------
        Choice("HOTSPOT", "Hotspot", "Own Wi-Fi access point for phones in the field: auto (when no known Wi-Fi is connected HOTSPOT_GRACE_SECONDS after start), always or never.",
            ["auto", "always", "never"], s => s.Hotspot, (s, v) => s.Hotspot = v),
        new()
        {
            Key = "HOTSPOT_SSID", Group = "Hotspot",
            Description = "Network name of the hotspot (1-32 bytes). Unset = GhostRoll-XXXX, XXXX from a keyed hash of /etc/machine-id (no personal data).",
            Format = s => s.HotspotSsid ?? "",
            Apply = (s, v) => s.HotspotSsid = string.IsNullOrWhiteSpace(v) ? null
                : System.Text.Encoding.UTF8.GetByteCount(v.Trim()) <= 32 ? v.Trim() : throw new FormatException("must be at most 32 bytes (802.11 limit)"),
        },
        Int("HOTSPOT_GRACE_SECONDS", "Hotspot", "auto: how long NetworkManager may try known Wi-Fi networks before the hotspot starts.",
            0, 3600, s => s.HotspotGraceSeconds, (s, v) => s.HotspotGraceSeconds = v),
        Text("HOTSPOT_INTERFACE", "Hotspot", "Wi-Fi interface that carries the hotspot.",
            s => s.HotspotInterface, (s, v) => s.HotspotInterface = v),
    ];

    private static readonly Dictionary<string, SettingDefinition> ByKey =
        All.ToDictionary(d => d.Key, StringComparer.OrdinalIgnoreCase);

    /// <summary>Finds a setting by <c>KEY</c> or <c>GHOSTROLL_KEY</c>, case-insensitively.</summary>
    public static SettingDefinition? Find(string name)
    {
        var key = name.Trim();
        if (key.StartsWith(EnvironmentPrefix, StringComparison.OrdinalIgnoreCase))
        {
            key = key[EnvironmentPrefix.Length..];
        }

        return ByKey.GetValueOrDefault(key);
    }

    /// <summary>The closest known key to a misspelt one, for "did you mean" hints.</summary>
    public static string? Suggest(string name)
    {
        var key = name.StartsWith(EnvironmentPrefix, StringComparison.OrdinalIgnoreCase) ? name[EnvironmentPrefix.Length..] : name;
        key = key.ToUpperInvariant();
        var best = All.Select(d => (d.Key, Distance: EditDistance(d.Key, key))).MinBy(x => x.Distance);
        return best.Distance <= Math.Max(2, key.Length / 4) ? best.Key : null;
    }

    // ---- builders -----------------------------------------------------------------------
    private static SettingDefinition Text(string key, string group, string description, Func<GhostRollSettings, string> get, Action<GhostRollSettings, string> set) =>
        new()
        {
            Key = key, Group = group, Description = description, Format = get,
            Apply = (s, v) => set(s, string.IsNullOrWhiteSpace(v) ? throw new FormatException("must not be empty") : v.Trim()),
        };

    private static SettingDefinition Path(string key, string group, string description, Func<GhostRollSettings, string> get, Action<GhostRollSettings, string> set) =>
        new()
        {
            Key = key, Group = group, Description = description, Format = get,
            Apply = (s, v) => set(s, string.IsNullOrWhiteSpace(v) ? throw new FormatException("must be a path") : SettingPaths.Expand(v.Trim())),
        };

    private static SettingDefinition Int(string key, string group, string description, int min, int max, Func<GhostRollSettings, int> get, Action<GhostRollSettings, int> set) =>
        new()
        {
            Key = key, Group = group, Description = description,
            Format = s => get(s).ToString(CultureInfo.InvariantCulture),
            Apply = (s, v) => set(s, ParseInt(v, min, max)),
        };

    private static SettingDefinition Number(string key, string group, string description, double min, double max, Func<GhostRollSettings, double> get, Action<GhostRollSettings, double> set) =>
        new()
        {
            Key = key, Group = group, Description = description,
            Format = s => get(s).ToString(CultureInfo.InvariantCulture),
            Apply = (s, v) =>
            {
                if (!double.TryParse(v.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) || double.IsNaN(d) || d < min || d > max)
                {
                    throw new FormatException($"must be a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}");
                }

                set(s, d);
            },
        };

    private static SettingDefinition Bool(string key, string group, string description, Func<GhostRollSettings, bool> get, Action<GhostRollSettings, bool> set) =>
        new()
        {
            Key = key, Group = group, Description = description,
            Format = s => get(s) ? "true" : "false",
            Apply = (s, v) => set(s, v.Trim().ToLowerInvariant() switch
            {
                "1" or "true" or "yes" or "on" => true,
                "0" or "false" or "no" or "off" => false,
                _ => throw new FormatException("must be true or false (also 1/0, yes/no, on/off)"),
            }),
        };

    private static SettingDefinition Choice(string key, string group, string description, string[] choices, Func<GhostRollSettings, string> get, Action<GhostRollSettings, string> set) =>
        new()
        {
            Key = key, Group = group, Description = description, Format = get,
            Apply = (s, v) =>
            {
                var value = v.Trim().ToLowerInvariant();
                set(s, Array.IndexOf(choices, value) >= 0 ? value : throw new FormatException("must be one of: " + string.Join(", ", choices)));
            },
        };

    internal static int ParseInt(string value, int min, int max) =>
        int.TryParse(value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) && i >= min && i <= max
            ? i
            : throw new FormatException($"must be a whole number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}");

    private static string[] ParsePathList(string value)
    {
        var parts = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return parts.Length == 0 ? throw new FormatException("must list at least one folder") : [.. parts.Select(SettingPaths.Expand)];
    }

    private static string NormalizePrefix(string value)
    {
        var prefix = value.Trim().Trim('/');
        if (prefix.Contains("//", StringComparison.Ordinal) || prefix.Contains("..", StringComparison.Ordinal))
        {
            throw new FormatException("must be a plain key prefix such as 'sessions/'");
        }

        return prefix.Length == 0 ? "" : prefix + "/";
    }

    private static string ValidateBucket(string bucket)
    {
        // S3 bucket naming rules (docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html), relaxed
        // to allow upper case and underscores, which some S3-compatible servers accept.
        if (bucket.Length is < 3 or > 63 || bucket.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_')))
        {
            throw new FormatException("must be a bucket name of 3-63 letters, digits, '-', '.' or '_' (not a URL)");
        }

        return bucket;
    }

    /// <summary>A line of text people see: trimmed, at most 80 characters, no control characters.</summary>
    private static string ValidateLabel(string value)
    {
        var text = value.Trim();
        return text.Length > 80 ? throw new FormatException("must be at most 80 characters")
            : text.Any(char.IsControl) ? throw new FormatException("must be one line of text without control characters")
            : text;
    }

    private static string ValidateUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? url.TrimEnd('/')
            : throw new FormatException("must be an http:// or https:// URL, e.g. http://127.0.0.1:9000");

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
