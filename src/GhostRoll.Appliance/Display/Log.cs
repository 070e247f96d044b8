using GhostRoll.Hardware.EPaper;
using Microsoft.Extensions.Logging;

namespace GhostRoll.Appliance.Display;

/// <summary>The display daemon's log lines, with stable event ids (6000-6099) to grep in journald.</summary>
internal static partial class DisplayLog
{
    [LoggerMessage(EventId = 6000, Level = LogLevel.Information, Message = "display: {Panel} ({Width}x{Height}), text by {TextEngine}, watching {StatusPath} by {WatchMode}")]
    public static partial void Started(ILogger logger, string panel, int width, int height, string textEngine, string statusPath, string watchMode);

    [LoggerMessage(EventId = 6001, Level = LogLevel.Debug, Message = "display: {Mode} refresh, '{Headline}'")]
    public static partial void Refreshed(ILogger logger, RefreshMode mode, string headline);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Debug, Message = "display: panel in deep sleep")]
    public static partial void Sleeping(ILogger logger);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Warning, Message = "display: {Problem}")]
    public static partial void FontFallback(ILogger logger, string problem);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Warning, Message = "display: cannot watch {Folder} with inotify ({Reason}); polling every {Seconds} s instead")]
    public static partial void WatchFallback(ILogger logger, string folder, string reason, double seconds);

    [LoggerMessage(EventId = 6005, Level = LogLevel.Warning, Message = "display: battery board {Board} stopped answering ({Reason}); the screen shows no battery until it answers again")]
    public static partial void BatteryFailed(ILogger logger, string board, string reason);

    [LoggerMessage(EventId = 6006, Level = LogLevel.Information, Message = "display: battery board {Board} answers again")]
    public static partial void BatteryBack(ILogger logger, string board);

    [LoggerMessage(EventId = 6007, Level = LogLevel.Error, Message = "display: the panel failed ({Reason}); retrying with a full refresh. Check the HAT's connection and that SPI is enabled (dtparam=spi=on)")]
    public static partial void PanelFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 6008, Level = LogLevel.Warning, Message = "display: status says running but has not changed for {Minutes:0} min; showing the import as stopped")]
    public static partial void StaleStatus(ILogger logger, double minutes);

    [LoggerMessage(EventId = 6009, Level = LogLevel.Information, Message = "display: stopped; panel left asleep showing the last frame")]
    public static partial void Stopped(ILogger logger);
}
