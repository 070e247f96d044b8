namespace GhostRoll.Configuration;

/// <summary>
/// Every setting GhostRoll reads, with its default. Names follow the original tool's
/// <c>GHOSTROLL_*</c> variables; <see cref="SettingCatalog"/> documents, parses and validates each one.
/// Build with <see cref="SettingsLoader"/>; tests may construct and tweak directly.
/// </summary>
public sealed class GhostRollSettings
{
    // ---- Card and storage -------------------------------------------------------------------
    public string SdLabel { get; set; } = "auto-import";

    public string BaseDir { get; set; } = SettingPaths.Home("ghostroll");

    public string DbPath { get; set; } = SettingPaths.Home(".ghostroll", "ghostroll.db");

    public IReadOnlyList<string> MountRoots { get; set; } = ["/Volumes", "/media", "/run/media", "/mnt"];

    public double PollSeconds { get; set; } = 2;

    public int CopyWorkers { get; set; } = 2;

    public bool VerifyCopies { get; set; } = true;

    public long MinFreeBytes { get; set; } = 512L * 1024 * 1024;

    // ---- Imaging --------------------------------------------------------------------------
    public int ShareMaxLongEdge { get; set; } = 2048;

    public int ShareQuality { get; set; } = 90;

    public int ThumbMaxLongEdge { get; set; } = 512;

    public int ThumbQuality { get; set; } = 85;

    public int ProcessWorkers { get; set; } = Math.Clamp(Environment.ProcessorCount, 1, 6);

    public long MaxImagePixels { get; set; } = 200_000_000;

    /// <summary>
    /// Also write WebP share images and thumbnails. Off by default: at equal SSIM a WebP share image is no smaller
    /// than our JPEG (+1% over the fixtures) and costs more CPU than the whole JPEG path; thumbnails shrink 35%
    /// (docs/benchmarks/imaging.md).
    /// </summary>
    public bool Webp { get; set; }

    /// <summary>
    /// Who makes the enhanced versions the gallery's Original/Enhanced toggle shows: <c>local</c> (this machine, in
    /// the derive stage right after each share image), <c>lambda</c> (the cloud function in lambda/, triggered by the
    /// share image landing in the bucket; the appliance makes none) or <c>off</c>.
    /// </summary>
    public string Enhance { get; set; } = "local";

    /// <summary>True when this machine writes <c>derived/enhanced/</c> images (ENHANCE=local).</summary>
    public bool EnhanceLocally => Enhance == "local";

    // ---- Publishing -----------------------------------------------------------------------
    /// <summary>No bucket = local-only mode: everything works, nothing leaves the machine.</summary>
    public string? S3Bucket { get; set; }

    public string S3PrefixRoot { get; set; } = "sessions/";

    public string? S3Endpoint { get; set; }

    public string? S3Region { get; set; }

    public bool S3ForcePathStyle { get; set; }

    public int PresignExpirySeconds { get; set; } = 604800;

    public int UploadWorkers { get; set; } = 4;

    public int PresignWorkers { get; set; } = 8;

    /// <summary>Heading of every gallery; null = the photos' capture dates ("21–23 Jun 2026").</summary>
    public string? GalleryTitle { get; set; }

    /// <summary>Shown under the gallery heading and in the browser tab ("Photos by …"); null = nothing.</summary>
    public string? Photographer { get; set; }

    /// <summary>Base URL of the link service; null = the presigned link is the share link.</summary>
    public string? LinkServiceUrl { get; set; }

    /// <summary>Lifetime of a new short link in days; 0 = until revoked.</summary>
    public int LinkExpiryDays { get; set; } = 30;

    /// <summary>Video clips larger than this are kept locally but not uploaded (0 = never upload clips).</summary>
    public long VideoUploadMaxBytes { get; set; } = 512L * 1024 * 1024;

    // ---- Appliance ------------------------------------------------------------------------
    public string StatusPath { get; set; } = SettingPaths.Home("ghostroll", "status.json");

    public string StatusImagePath { get; set; } = SettingPaths.Home("ghostroll", "status.png");

    /// <summary>Where <c>ghostroll import</c> mounts cards (read-only). Private to GhostRoll.</summary>
    public string MountDir { get; set; } = "/run/ghostroll/cards";

    public string LogLevel { get; set; } = "info";

    // ---- LAN sharing ----------------------------------------------------------------------
    /// <summary>Serve galleries on the LAN (the token links); the dashboard does not depend on it.</summary>
    public bool LanSharing { get; set; } = true;

    public int WebPort { get; set; } = 80;

    /// <summary>A plain password from the environment or an unapplied file; setup turns it into <see cref="DashboardPasswordFile"/>.</summary>
    public string? DashboardPassword { get; set; }

    public string DashboardPasswordFile { get; set; } = SettingPaths.Home(".ghostroll", "dashboard.htpasswd");

    // ---- Hardware -------------------------------------------------------------------------
    /// <summary>auto, none, waveshare-2in13-v4, waveshare-2in13-v3, waveshare-2in13-v2, waveshare-2in7-v2.</summary>
    public string Display { get; set; } = "auto";

    public int DisplayRotation { get; set; } = 90;

    public int DisplayFullRefreshEvery { get; set; } = 10;

    public double DisplayMinRefreshSeconds { get; set; } = 5;

    /// <summary>auto, none, pisugar2, pisugar2pro, pisugar3.</summary>
    public string Battery { get; set; } = "auto";

    public int LowBatteryPercent { get; set; } = 15;

    // ---- Hotspot ----------------------------------------------------------------------------
    /// <summary>auto, always, never.</summary>
    public string Hotspot { get; set; } = "auto";

    /// <summary>Null: GhostRoll-XXXX from the machine id.</summary>
    public string? HotspotSsid { get; set; }

    public int HotspotGraceSeconds { get; set; } = 60;

    public string HotspotInterface { get; set; } = "wlan0";

    /// <summary>True when no bucket is configured: the run stays entirely on this machine.</summary>
    public bool LocalOnly => string.IsNullOrWhiteSpace(S3Bucket);

    /// <summary>Where a session's folder lives (sessions sit directly under BASE_DIR, as in the original).</summary>
    public string SessionsDir => BaseDir;

    public GhostRollSettings Clone() => (GhostRollSettings)MemberwiseClone();
}

/// <summary>Expands the user's home directory the way the original's <c>~/...</c> defaults did.</summary>
public static class SettingPaths
{
    public static string HomeDirectory
    {
        get
        {
            var home = Environment.GetEnvironmentVariable("HOME");
            return string.IsNullOrEmpty(home) ? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) : home;
        }
    }

    public static string Home(params string[] parts) => Path.Combine([HomeDirectory, .. parts]);

    /// <summary>Expands a leading <c>~</c> or <c>~/</c>; leaves other paths alone and makes them absolute.</summary>
    public static string Expand(string path)
    {
        if (path == "~")
        {
            return HomeDirectory;
        }

        if (path.StartsWith("~/", StringComparison.Ordinal))
        {
            return Path.Combine(HomeDirectory, path[2..]);
        }

        return Path.GetFullPath(path);
    }
}
