using System.Collections.Concurrent;
using GhostRoll.Ingest;

namespace GhostRoll.Pipeline;

/// <summary>The card a session run copies from (absent when a session is resumed without its card).</summary>
internal sealed class CardContext
{
    public required string Root { get; init; }

    public required VolumeInfo Volume { get; init; }

    public required ICardFileSource Source { get; init; }

    /// <summary>Files on the card now, by card path.</summary>
    public required IReadOnlyDictionary<string, CardFile> Files { get; init; }

    /// <summary>SHA-256 of files the planner already hashed (size matched something imported): no second hash pass needed to claim them.</summary>
    public required ConcurrentDictionary<string, string> KnownHashes { get; init; }

    private long _bytesRead;

    public long BytesRead => Interlocked.Read(ref _bytesRead);

    public void CountRead(long bytes) => Interlocked.Add(ref _bytesRead, bytes);

    /// <summary>
    /// True while the card still answers: its root and the first media folder can be listed. A read error on a file
    /// while this is false means the card was pulled, not that the file is bad.
    /// </summary>
    public bool IsPresent()
    {
        try
        {
            return Directory.Exists(Root) && Directory.EnumerateFileSystemEntries(Root).Any();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
