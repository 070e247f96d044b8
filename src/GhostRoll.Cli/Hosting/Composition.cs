using GhostRoll.Configuration;
using GhostRoll.Hardware.EPaper;
using GhostRoll.Hardware.Power;
using GhostRoll.Pipeline;
using GhostRoll.Screens;
using GhostRoll.Status;

namespace GhostRoll.Cli.Hosting;

/// <summary>
/// The composition root: which real component fills each plug-in point of the pipeline. Kept in one small file
/// so the architecture reads top-down: Core defines stages and contracts, the other projects implement them.
/// </summary>
internal static class Composition
{
    /// <summary>The derive stage: share images, thumbnails, metadata (GhostRoll.Imaging).</summary>
    public static IDeriver CreateDeriver(GhostRollSettings settings) => new PassThroughDeriver();

    /// <summary>Publishers for one session, in order: the local gallery always, then S3 when a bucket is set.</summary>
    public static IReadOnlyList<ISessionPublisher> CreatePublishers(GhostRollSettings settings) => [];

    /// <summary>Where status goes: status.json, and status.png (the panel image) with status-large.png beside it.</summary>
    public static IEnumerable<IStatusSink> CreateStatusSinks(GhostRollSettings settings) =>
        [new StatusJsonSink(settings.StatusPath), PngStatusSink.Create(settings.StatusImagePath, settings.LowBatteryPercent, out _)];

    /// <summary>The e-ink panel for 'ghostroll display' (null = none found: frames go to PNG files).</summary>
    public static IEPaperPanel? CreatePanel(GhostRollSettings settings) => null;

    /// <summary>The battery board for 'ghostroll display' (null = none).</summary>
    public static IBatteryGauge? CreateBatteryGauge(GhostRollSettings settings) => null;

    /// <summary>Battery board reading for status (null = no board).</summary>
    public static Func<BatteryReading?>? CreateBatterySource(GhostRollSettings settings) => null;

    public static StatusReporter CreateStatusReporter(GhostRollSettings settings) =>
        new(CreateStatusSinks(settings)) { Battery = CreateBatterySource(settings) };

    public static ImportServices CreateImportServices(CliHost host, StatusReporter status) => new()
    {
        Settings = host.Settings,
        Database = host.Database,
        Logging = host.Logging,
        Status = status,
        Deriver = CreateDeriver(host.Settings),
        CreatePublishers = () => CreatePublishers(host.Settings),
    };
}
