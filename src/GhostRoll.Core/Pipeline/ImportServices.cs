using GhostRoll.Configuration;
using GhostRoll.Logging;
using GhostRoll.Status;
using GhostRoll.Storage;

namespace GhostRoll.Pipeline;

/// <summary>Everything an import needs, assembled by the composition root (the CLI) or by tests.</summary>
public sealed class ImportServices
{
    public required GhostRollSettings Settings { get; init; }

    public required GhostRollDatabase Database { get; init; }

    public required GhostRollLoggerProvider Logging { get; init; }

    public required StatusReporter Status { get; init; }

    /// <summary>The derive stage (imaging). <see cref="PassThroughDeriver"/> lists items without pictures.</summary>
    public IDeriver Deriver { get; init; } = new PassThroughDeriver();

    /// <summary>
    /// Creates the publishers for one session run, in order (local gallery first, then S3 when configured).
    /// Called once per session the run touches, so publishers may keep per-session state (manifest, counters).
    /// </summary>
    public Func<IReadOnlyList<ISessionPublisher>> CreatePublishers { get; init; } = () => [];

    /// <summary>
    /// True while uploads should wait (battery low and not charging): copies and the local gallery finish, remote
    /// publishers are skipped and the session stays "publish pending" until a later run.
    /// </summary>
    public Func<bool> DeferRemotePublishing { get; init; } = () => false;

    /// <summary>Time source for rate limits and timestamps (tests may substitute one).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
