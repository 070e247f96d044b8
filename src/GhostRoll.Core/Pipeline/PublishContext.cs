using GhostRoll.Configuration;
using GhostRoll.Sessions;
using GhostRoll.Status;
using GhostRoll.Storage;
using Microsoft.Extensions.Logging;

namespace GhostRoll.Pipeline;

/// <summary>What a publisher may use while a session runs.</summary>
public sealed class PublishContext
{
    public required SessionLayout Layout { get; init; }

    public required GhostRollSettings Settings { get; init; }

    public required GhostRollDatabase Database { get; init; }

    public required ILogger Logger { get; init; }

    public required StatusReporter Status { get; init; }

    /// <summary>Gallery items the session will have once everything is derived ("42 of <b>310</b>").</summary>
    public int ExpectedEntries { get; set; }

    public string SessionId => Layout.SessionId;

    /// <summary>Every ready entry so far, in gallery order (read from the journal).</summary>
    public IReadOnlyList<GalleryEntry> ReadyEntries() => Database.GalleryEntries(Layout.SessionId);
}
