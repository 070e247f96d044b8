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

/// <summary>A card source that counts bytes read and can fail: the fault-injection seam over the card.</summary>
public sealed class FaultyCardSource : ICardFileSource
{
    private long _bytesRead;

    /// <summary>Files (by file name) whose reads fail after this many bytes.</summary>
    public Dictionary<string, long> FailAfter { get; } = new(StringComparer.Ordinal);

    /// <summary>Called before each open: lets a test pull the card (delete its tree) at a chosen moment.</summary>
    public Action<string>? BeforeOpen { get; set; }

    public long BytesRead => Interlocked.Read(ref _bytesRead);

    public int Opens { get; private set; }

    public Stream OpenRead(string fullPath)
    {
        BeforeOpen?.Invoke(fullPath);
        Opens++;
        var inner = FileSystemCardSource.Instance.OpenRead(fullPath);
        var limit = FailAfter.TryGetValue(Path.GetFileName(fullPath), out var n) ? n : long.MaxValue;
        return new Wrapper(inner, this, limit);
    }

    private sealed class Wrapper(Stream inner, FaultyCardSource owner, long failAfter) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => inner.Length;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => ReadCore(buffer.AsSpan(offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Check(buffer.Length);
            var read = await inner.ReadAsync(buffer, cancellationToken);
            Count(read);
            return read;
        }

        private int ReadCore(Span<byte> buffer)
        {
            Check(buffer.Length);
            var read = inner.Read(buffer);
            Count(read);
            return read;
        }

        private void Check(int wanted)
        {
            if (_position >= failAfter || (_position + wanted > failAfter && _position > 0))
            {
                throw new IOException("Input/output error (injected)", 5);
            }
        }

        private void Count(int read)
        {
            _position += read;
            Interlocked.Add(ref owner._bytesRead, read);
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
