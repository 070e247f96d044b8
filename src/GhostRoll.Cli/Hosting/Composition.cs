using GhostRoll.Configuration;
using GhostRoll.Imaging.Deriving;
using GhostRoll.Pipeline;
using GhostRoll.Status;
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

    /// <summary>Publishers for one session, in order: the local gallery always, then S3 when a bucket is set.</summary>
    public static IReadOnlyList<ISessionPublisher> CreatePublishers(GhostRollSettings settings) => [];

    /// <summary>Where status goes: status.json always; status.png (the panel image) once screens are plugged in.</summary>
    public static IEnumerable<IStatusSink> CreateStatusSinks(GhostRollSettings settings) => [new StatusJsonSink(settings.StatusPath)];

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
        Deriver = CreateDeriver(host.Settings, host.Logging),
        CreatePublishers = () => CreatePublishers(host.Settings),
    };
}
