namespace GhostRoll.Ingest;

/// <summary>
/// Opens card files for reading. The seam exists for tests (fault injection: a read that fails half-way, a card
/// that disappears) and for counting bytes read from the card. Implementations must never write to the card.
/// </summary>
public interface ICardFileSource
{
    /// <summary>Opens a card file read-only for one sequential pass.</summary>
    Stream OpenRead(string fullPath);
}

/// <summary>The real card: read-only, sequential, no buffering of our own (the copier reads in large blocks).</summary>
public sealed class FileSystemCardSource : ICardFileSource
{
    public static FileSystemCardSource Instance { get; } = new();

    public Stream OpenRead(string fullPath) =>
        new FileStream(fullPath, new FileStreamOptions
        {
            Mode = FileMode.Open,
            Access = FileAccess.Read,
            Share = FileShare.ReadWrite | FileShare.Delete,
            BufferSize = 0,
            Options = FileOptions.SequentialScan,
        });
}
