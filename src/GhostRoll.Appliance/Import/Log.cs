using Microsoft.Extensions.Logging;

namespace GhostRoll.Appliance.Import;

/// <summary>Log lines of card imports (event ids 6100-6199: greppable in journald). The VM test waits for 6105 and 6107.</summary>
internal static partial class Log
{
    [LoggerMessage(6100, LogLevel.Information, "card {Card} detected (label {Label})")]
    public static partial void Detected(ILogger logger, string card, string label);

    [LoggerMessage(6101, LogLevel.Information, "card {Card} is already being imported by another GhostRoll process; nothing to do")]
    public static partial void AlreadyRunning(ILogger logger, string card);

    [LoggerMessage(6102, LogLevel.Information, "card {Card} opened read-only at {Path} (mounted by this process: {MountedByUs})")]
    public static partial void Opened(ILogger logger, string card, string path, bool mountedByUs);

    [LoggerMessage(6103, LogLevel.Error, "card {Card}: {Message}")]
    public static partial void Failed(ILogger logger, string card, string message, Exception exception);

    [LoggerMessage(6104, LogLevel.Warning, "card {Card} was removed before the import finished; insert it again to resume")]
    public static partial void PulledMidRun(ILogger logger, string card);

    [LoggerMessage(6105, LogLevel.Information, "import of card {Card} finished ({Outcome}): {New} new, {Skipped} already imported, {Failed} failed; remove the card")]
    public static partial void Finished(ILogger logger, string card, string outcome, int @new, int skipped, int failed);

    [LoggerMessage(6106, LogLevel.Debug, "waiting for card {Card} to be removed")]
    public static partial void WaitingForRemoval(ILogger logger, string card);

    [LoggerMessage(6107, LogLevel.Information, "card {Card} removed; ready for the next card")]
    public static partial void Removed(ILogger logger, string card);

    [LoggerMessage(6108, LogLevel.Warning, "import of card {Card} stopped before it finished; the next run resumes")]
    public static partial void Stopped(ILogger logger, string card);
}
