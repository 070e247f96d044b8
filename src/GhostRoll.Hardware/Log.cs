using GhostRoll.Hardware.EPaper;
using Microsoft.Extensions.Logging;

namespace GhostRoll.Hardware;

/// <summary>Source-generated log messages of the hardware drivers. Event ids 7000-7099 (issue 7) are stable: grep them in journald.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Debug, Message = "{Panel}: {Requested} update ran as {Effective} in {ElapsedMs} ms")]
    internal static partial void PanelRefreshed(ILogger logger, string panel, RefreshMode requested, RefreshMode effective, long elapsedMs);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "{Panel}: could not put the panel into deep sleep while closing it")]
    internal static partial void PanelSleepFailed(ILogger logger, string panel, Exception error);
}
