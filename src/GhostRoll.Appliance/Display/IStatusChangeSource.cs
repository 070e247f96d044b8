namespace GhostRoll.Appliance.Display;

/// <summary>Tells the display daemon that status.json may have changed.</summary>
internal interface IStatusChangeSource : IDisposable
{
    /// <summary>How changes are noticed, for the start-up log line ("inotify", "polling every 2 s").</summary>
    string Mode { get; }

    /// <summary>
    /// Completes with true as soon as the status file changed since the previous call (created, rewritten,
    /// replaced by rename, deleted), or with false when <paramref name="timeout"/> passes first.
    /// </summary>
    Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken);
}
