using GhostRoll.Ingest;

namespace GhostRoll.Pipeline;

/// <summary>What to import.</summary>
/// <param name="VolumePath">Root of a mounted card (the folder that holds <c>DCIM/</c>).</param>
public sealed record ImportRequest(string VolumePath)
{
    /// <summary>Create a session even when there is nothing new (original tool's <c>--always-create-session</c>).</summary>
    public bool AlwaysCreateSession { get; init; }

    /// <summary>Use this session id for a new session (original tool's <c>--session-id</c>).</summary>
    public string? SessionId { get; init; }

    /// <summary>Volume label when known (from udev/blkid); otherwise read from the mount table.</summary>
    public string? VolumeLabel { get; init; }

    /// <summary>Identity of the card for the fingerprint fast path; computed from the mount when null.</summary>
    public string? VolumeId { get; init; }

    /// <summary>Reads card files; tests substitute a fault-injecting source. Null = the real filesystem, read-only.</summary>
    public ICardFileSource? Source { get; init; }
}

public enum ImportOutcome
{
    /// <summary>Nothing new on the card and nothing unfinished: no session was created.</summary>
    NoNewFiles,

    /// <summary>The session is done: every file copied, verified, derived and published.</summary>
    Completed,

    /// <summary>
    /// The run finished, but the session is not done: some files failed to copy (re-insert the card) or some
    /// uploads are pending (the next run or <c>ghostroll publish</c> finishes them).
    /// </summary>
    CompletedWithProblems,

    /// <summary>Stopped early (card removed, SIGTERM); the journal is intact and the next run resumes.</summary>
    Interrupted,
}

/// <summary>How an import ended, for the CLI, the appliance runtime and tests.</summary>
public sealed record ImportResult
{
    public required ImportOutcome Outcome { get; init; }

    public required string Message { get; init; }

    public string? SessionId { get; init; }

    public string? SessionDir { get; init; }

    /// <summary>Local gallery (<c>index.html</c>), opens straight from disk.</summary>
    public string? GalleryPath { get; init; }

    /// <summary>Presigned share link when publishing to S3.</summary>
    public string? ShareUrl { get; init; }

    public int Discovered { get; init; }

    public int NewFiles { get; init; }

    public int Skipped { get; init; }

    public int Ignored { get; init; }

    public int Copied { get; init; }

    public int Duplicates { get; init; }

    public int Failed { get; init; }

    public int DeriveErrors { get; init; }

    /// <summary>Gallery items that are photos, and clips: the counts the panel and the page show (<see cref="Status.StatusWords"/>).</summary>
    public int Photos { get; init; }

    public int Clips { get; init; }

    public bool PublishPending { get; init; }

    /// <summary>Bytes read from the card (for the read-amplification benchmark).</summary>
    public long CardBytesRead { get; init; }

    public long NewBytes { get; init; }

    /// <summary>Bytes copied (and verified) from the card in this run: less than <see cref="NewBytes"/> when files failed or were duplicates.</summary>
    public long CopiedBytes { get; init; }

    /// <summary>Other unfinished sessions this run also moved forward (publish retries, derives).</summary>
    public IReadOnlyList<string> ResumedSessions { get; init; } = [];
}

/// <summary>A fatal problem that stops an import before or while it runs, worded for the user.</summary>
public sealed class ImportException : Exception
{
    public ImportException(string message) : base(message)
    {
    }

    public ImportException(string message, Exception inner) : base(message, inner)
    {
    }

    public ImportException() : base("import failed")
    {
    }
}
