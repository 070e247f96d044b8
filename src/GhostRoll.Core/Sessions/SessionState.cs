namespace GhostRoll.Sessions;

/// <summary>Lifecycle of a session as stored in the journal.</summary>
public enum SessionState
{
    /// <summary>Work in progress (or interrupted: the next run resumes it).</summary>
    Active,

    /// <summary>Everything is local and derived, but some uploads or the final publish are outstanding.</summary>
    PublishPending,

    /// <summary>Finished what it could, but some card files could not be copied: re-insert the card to retry them.</summary>
    Failed,

    /// <summary>Every file copied and verified, every derivative made, the gallery complete (and published, with S3).</summary>
    Done,
}

/// <summary>Per-file state in the journal. Forward-only except Failed, which the next run retries.</summary>
public enum FileState
{
    Discovered,
    Copied,
    Derived,
    Published,

    /// <summary>Same content as another file of this session: recorded, not copied twice.</summary>
    Duplicate,

    /// <summary>Copy failed (read error, card pulled, disk full); the next run with the card retries it.</summary>
    Failed,
}

public static class SessionStateNames
{
    public static string ToName(this SessionState state) => state switch
    {
        SessionState.Active => "active",
        SessionState.PublishPending => "publish_pending",
        SessionState.Failed => "failed",
        _ => "done",
    };

    public static SessionState ParseSessionState(string name) => name switch
    {
        "active" => SessionState.Active,
        "publish_pending" => SessionState.PublishPending,
        "failed" => SessionState.Failed,
        "done" => SessionState.Done,
        _ => throw new FormatException($"unknown session state '{name}'"),
    };

    public static string ToName(this FileState state) => state switch
    {
        FileState.Discovered => "discovered",
        FileState.Copied => "copied",
        FileState.Derived => "derived",
        FileState.Published => "published",
        FileState.Duplicate => "duplicate",
        _ => "failed",
    };

    public static FileState ParseFileState(string name) => name switch
    {
        "discovered" => FileState.Discovered,
        "copied" => FileState.Copied,
        "derived" => FileState.Derived,
        "published" => FileState.Published,
        "duplicate" => FileState.Duplicate,
        "failed" => FileState.Failed,
        _ => throw new FormatException($"unknown file state '{name}'"),
    };
}
