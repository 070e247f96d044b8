using System.Diagnostics;
using System.Globalization;
using GhostRoll.Configuration;
using GhostRoll.Ingest;
using GhostRoll.Logging;
using GhostRoll.Pipeline;
using GhostRoll.Status;
using GhostRoll.Storage;
using Microsoft.Extensions.Logging;

// Ingest benchmark: runs the real import pipeline (copy, verify, journal; derive passed through, no publishers) on a
// card folder and prints elapsed time, throughput and bytes read from the card per new byte.
//   ghostroll-ingest-bench CARD WORKDIR [COPY_WORKERS] [VERIFY]
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: GhostRoll.Benchmarks.Ingest CARD WORKDIR [COPY_WORKERS=2] [VERIFY=true]");
    return 2;
}

var card = args[0];
var work = args[1];
var settings = new GhostRollSettings
{
    BaseDir = Path.Combine(work, "sessions"),
    DbPath = Path.Combine(work, "db", "ghostroll.db"),
    StatusPath = Path.Combine(work, "status.json"),
    StatusImagePath = Path.Combine(work, "status.png"),
    CopyWorkers = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 2,
    VerifyCopies = args.Length <= 3 || bool.Parse(args[3]),
    MinFreeBytes = 0,
};
using var db = GhostRollDatabase.Open(settings.DbPath);
using var logging = new GhostRollLoggerProvider(LogLevel.Warning);
await using var status = new StatusReporter([new StatusJsonSink(settings.StatusPath)]);
var source = new CountingCardSource();
var pipeline = new ImportPipeline(new ImportServices { Settings = settings, Database = db, Logging = logging, Status = status });
var clock = Stopwatch.StartNew();
var result = await pipeline.RunAsync(new ImportRequest(card) { Source = source }, CancellationToken.None);
clock.Stop();
var seconds = clock.Elapsed.TotalSeconds;
var newBytes = result.NewBytes;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"outcome={result.Outcome} files={result.Copied} new_bytes={newBytes} card_bytes_read={source.BytesRead} read_ratio={(newBytes == 0 ? 0 : (double)source.BytesRead / newBytes):0.0000} seconds={seconds:0.000} mb_per_s={newBytes / 1048576.0 / seconds:0.0}"));
return 0;

/// <summary>Counts bytes read through the card seam (independently of the pipeline's own counter).</summary>
internal sealed class CountingCardSource : ICardFileSource
{
    private long _bytes;

    public long BytesRead => Interlocked.Read(ref _bytes);

    public Stream OpenRead(string fullPath) => new Counting(FileSystemCardSource.Instance.OpenRead(fullPath), this);

    private sealed class Counting(Stream inner, CountingCardSource owner) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => inner.Length;

        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Add(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Add(await inner.ReadAsync(buffer, cancellationToken));

        private int Add(int n)
        {
            Interlocked.Add(ref owner._bytes, n);
            return n;
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
