using GhostRoll.Configuration;
using GhostRoll.Sessions;
using GhostRoll.Storage;
using Microsoft.Extensions.Logging;

namespace GhostRoll.Pipeline;

/// <summary>
/// What a publisher may use while a session runs: the session's folder and settings, its gallery entries, the
/// session links, and a way to report progress. Publishers get no database and no status reporter: what they store
/// and show goes through these narrow seams, and the pipeline alone decides the status step.
/// </summary>
public sealed class PublishContext
{
    public required SessionLayout Layout { get; init; }

    public required GhostRollSettings Settings { get; init; }

    /// <summary>The session journal's gallery entries (the database, in a run).</summary>
    public required IGalleryJournal Journal { get; init; }

    /// <summary>Where the share link is kept (the sessions table, in a run).</summary>
    public required ISessionLinks Links { get; init; }

    /// <summary>Upload counts and ready links, which the pipeline shows in status.</summary>
    public required IPublishProgress Progress { get; init; }

    public required ILogger Logger { get; init; }

    /// <summary>Gallery items the session will have once everything is derived ("42 of <b>310</b>").</summary>
    public int ExpectedEntries { get; set; }

    public string SessionId => Layout.SessionId;

    /// <summary>Every ready entry so far, in gallery order (read from the journal).</summary>
    public IReadOnlyList<GalleryEntry> ReadyEntries() => Journal.GalleryEntries(Layout.SessionId);
}

/// <summary>The session journal as publishers read it: the entries that are ready to show.</summary>
public interface IGalleryJournal
{
    /// <summary>The session's derived gallery entries, in gallery order.</summary>
    IReadOnlyList<GalleryEntry> GalleryEntries(string sessionId);
}

/// <summary>
/// The sessions' links: the share link a publisher made (kept so a resumed session, <c>ghostroll share</c> and the
/// summary reuse it) and the list of sessions the LAN dashboard links to.
/// </summary>
public interface ISessionLinks
{
    /// <summary>The share link stored for a session, or null (none yet, or no such session).</summary>
    string? ShareUrl(string sessionId);

    /// <summary>Stores (or, with null, clears) a session's share link.</summary>
    void SetShareUrl(string sessionId, string? url);

    /// <summary>Every session, newest first.</summary>
    IReadOnlyList<SessionRecord> AllSessions();
}
