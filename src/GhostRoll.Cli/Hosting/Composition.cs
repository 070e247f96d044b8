using GhostRoll.Configuration;
using GhostRoll.Gallery.Local;
using GhostRoll.Hardware.EPaper;
using GhostRoll.Hardware.Power;
using GhostRoll.Imaging.Deriving;
using GhostRoll.Pipeline;
using GhostRoll.Publishing;
using GhostRoll.Publishing.Lan;
using GhostRoll.Publishing.S3;
using GhostRoll.Screens;
using GhostRoll.Status;
using GhostRoll.Storage;
using Microsoft.Extensions.Logging;

namespace GhostRoll.Cli.Hosting;

/// <summary>
/// The composition root: which real component fills each plug-in point of the pipeline. Kept in one small file
/// so the architecture reads top-down: Core defines stages and contracts, the other projects implement them.
/// </summary>
internal static class Composition
{
    /// <summary>The derive stage: share images, thumbnails, metadata (GhostRoll.Imaging).</summary>
    public static IDeriver CreateDeriver(GhostRollSettings settings, ILoggerFactory? logging = null) => new ImageDeriver(logging);

    /// <summary>
    /// Publishers for one session, in order: the local gallery always, its LAN link (token, served symlink, status
    /// and the dashboard's sessions.json; it names itself the share link only in local-only mode), then S3 when a
    /// bucket is set.
    /// </summary>
    public static IReadOnlyList<ISessionPublisher> CreatePublishers(GhostRollSettings settings, GhostRollDatabase database) =>
        settings.LocalOnly ? [new LocalGalleryPublisher(), new LanPublisher()] : [new LocalGalleryPublisher(), new LanPublisher(), new S3Publisher(settings, new UploadLedger(database))];

    /// <summary>
    /// Where status goes: status.json, and status.png (the panel image) with status-large.png beside it. Temporary
    /// files a power cut left in those folders go first (no session resume sweeps them).
    /// </summary>
    public static IEnumerable<IStatusSink> CreateStatusSinks(GhostRollSettings settings)
    {
        foreach (var folder in new[] { settings.StatusPath, settings.StatusImagePath }.Select(p => Path.GetDirectoryName(Path.GetFullPath(p))!).Distinct(StringComparer.Ordinal))
        {
            AtomicFile.RemoveOrphans(folder);
        }

        return [new StatusJsonSink(settings.StatusPath), PngStatusSink.Create(settings.StatusImagePath, settings.LowBatteryPercent, out _)];
    }

    /// <summary>The e-ink panel for 'ghostroll display' (DISPLAY; null = none found: frames go to PNG files).</summary>
    public static IEPaperPanel? CreatePanel(GhostRollSettings settings, ILogger? logger = null) =>
        EPaperPanelFactory.Open(settings.Display, settings.DisplayRotation, settings.DisplayFullRefreshEvery, logger);

    /// <summary>The battery board for 'ghostroll display' (BATTERY; null = none).</summary>
    public static IBatteryGauge? CreateBatteryGauge(GhostRollSettings settings, ILogger? logger = null) =>
        BatteryGaugeFactory.Open(settings.Battery, logger);

    /// <summary>
    /// Battery board reading for status (null = no board): the PiSugar named by BATTERY (auto probes i2c-1), sampled
    /// twice a second for the process's lifetime; Low follows LOW_BATTERY_PERCENT with hysteresis. A board that cannot
    /// be opened means no battery is shown: it must never stop an import.
    /// </summary>
    public static Func<BatteryReading?>? CreateBatterySource(GhostRollSettings settings)
    {
        BatteryMonitor monitor;
        try
        {
            if (BatteryGaugeFactory.Open(settings.Battery) is not { } gauge)
            {
                return null;
            }

            monitor = new BatteryMonitor(gauge, settings.LowBatteryPercent);
        }
        catch (IOException)
        {
            return null;
        }

        monitor.Start();
        return () => monitor.Latest is { } report ? new BatteryReading(report.Status.Percentage, report.Status.Charging, report.Low) : null;
    }

    public static StatusReporter CreateStatusReporter(GhostRollSettings settings) =>
        new(CreateStatusSinks(settings)) { Battery = CreateBatterySource(settings), FreeSpacePath = settings.BaseDir };

    public static ImportServices CreateImportServices(CliHost host, StatusReporter status) => new()
    {
        Settings = host.Settings,
        Database = host.Database,
        Logging = host.Logging,
        Status = status,
        Deriver = CreateDeriver(host.Settings, host.Logging),
        CreatePublishers = () => CreatePublishers(host.Settings, host.Database),
        // Battery low and not charging (BatteryMonitor's rule): copy everything, publish locally, upload later.
        DeferRemotePublishing = () => status.Battery?.Invoke() is { Low: true },
    };
}
