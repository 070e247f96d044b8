using GhostRoll.Configuration;
using GhostRoll.Ingest;
using GhostRoll.Logging;
using GhostRoll.Pipeline;
using GhostRoll.Status;
using GhostRoll.Storage;
using GhostRoll.TestSupport;
using Microsoft.Extensions.Logging;

namespace GhostRoll.Core.Tests.Support;

/// <summary>
/// A real pipeline in a temp folder: real SQLite database, real files, real status.json. Only the card source can
/// be swapped (fault injection). Logs are captured for assertions.
/// </summary>
public sealed class PipelineHarness : IAsyncDisposable
{
    private readonly TempDirectory _temp = new("pipeline");

    public PipelineHarness(Action<GhostRollSettings>? configure = null)
    {
        Settings = new GhostRollSettings
        {
            BaseDir = _temp.Combine("sessions"),
            DbPath = _temp.Combine("db", "ghostroll.db"),
            StatusPath = _temp.Combine("status.json"),
            StatusImagePath = _temp.Combine("status.png"),
            MinFreeBytes = 0,
            ProcessWorkers = 2,
        };
        configure?.Invoke(Settings);
        Database = GhostRollDatabase.Open(Settings.DbPath);
        Logging = new GhostRollLoggerProvider(LogLevel.Debug, LogText, journald: false);
    }

    public GhostRollSettings Settings { get; }

    public GhostRollDatabase Database { get; }

    public GhostRollLoggerProvider Logging { get; }

    public StringWriter LogText { get; } = new();

    public string Root => _temp.Path;

    public string NewFolder(string name) => Directory.CreateDirectory(_temp.Combine(name)).FullName;

    public IDeriver Deriver { get; set; } = new PassThroughDeriver();

    public Func<IReadOnlyList<ISessionPublisher>> Publishers { get; set; } = () => [];

    public Func<bool> DeferRemote { get; set; } = () => false;

    public async Task<ImportResult> RunAsync(string volume, ICardFileSource? source = null, bool alwaysCreate = false)
    {
        await using var status = new StatusReporter([new StatusJsonSink(Settings.StatusPath)]);
        var pipeline = new ImportPipeline(Services(status));
        return await pipeline.RunAsync(new ImportRequest(volume) { Source = source, AlwaysCreateSession = alwaysCreate }, TestContext.Current.CancellationToken);
    }

    public async Task<ImportResult> ResumeAsync(string sessionId)
    {
        await using var status = new StatusReporter([new StatusJsonSink(Settings.StatusPath)]);
        return await new ImportPipeline(Services(status)).ResumeAsync(sessionId, TestContext.Current.CancellationToken);
    }

    public ImportServices Services(StatusReporter status) => new()
    {
        Settings = Settings,
        Database = Database,
        Logging = Logging,
        Status = status,
        Deriver = Deriver,
        CreatePublishers = Publishers,
        DeferRemotePublishing = DeferRemote,
    };

    /// <summary>Every regular file under the sessions folder's originals, relative to originals/.</summary>
    public List<string> Originals(string sessionDir) =>
        [.. Directory.EnumerateFiles(Path.Combine(sessionDir, "originals"), "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Path.Combine(sessionDir, "originals"), f).Replace('\\', '/')).Order(StringComparer.Ordinal)];

    public ValueTask DisposeAsync()
    {
        Database.Dispose();
        Logging.Dispose();
        _temp.Dispose();
        return ValueTask.CompletedTask;
    }
}
