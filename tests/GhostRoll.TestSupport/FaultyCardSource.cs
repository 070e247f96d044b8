using GhostRoll.Ingest;

namespace GhostRoll.TestSupport;

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
