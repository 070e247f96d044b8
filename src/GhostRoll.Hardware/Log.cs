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

    [LoggerMessage(EventId = 7010, Level = LogLevel.Information, Message = "No e-paper panel: {Reason}")]
    internal static partial void PanelNotFound(ILogger logger, string reason);

    [LoggerMessage(EventId = 7011, Level = LogLevel.Information, Message = "{Panel} on {Spi}, control lines on {Chip} ({Label})")]
    internal static partial void PanelOpened(ILogger logger, string panel, string spi, string chip, string label);

    [LoggerMessage(EventId = 7012, Level = LogLevel.Warning, Message = "Could not drive the HAT power switch GPIO{Line} high; older HATs do not need it: {Error}")]
    internal static partial void PanelPowerLineUnavailable(ILogger logger, int line, string error);

    [LoggerMessage(EventId = 7020, Level = LogLevel.Information, Message = "No battery board: {Reason}")]
    internal static partial void BatteryNotFound(ILogger logger, string reason);

    [LoggerMessage(EventId = 7021, Level = LogLevel.Information, Message = "{Board} found at I2C address 0x{Address:X2} on {Bus}: {Percentage:0} % ({Volts:0.000} V)")]
    internal static partial void BatteryFound(ILogger logger, string board, int address, string bus, double percentage, double volts);

    [LoggerMessage(EventId = 7022, Level = LogLevel.Debug, Message = "Battery probe at I2C address 0x{Address:X2} on {Bus}: {Error}")]
    internal static partial void BatteryProbeFailed(ILogger logger, int address, string bus, string error);

    [LoggerMessage(EventId = 7023, Level = LogLevel.Warning, Message = "{Board} stopped answering ({Failures} readings failed): battery level hidden. Last error: {Error}")]
    internal static partial void BatteryGone(ILogger logger, string board, int failures, string error);

    [LoggerMessage(EventId = 7024, Level = LogLevel.Warning, Message = "{Board}: battery low = {Low} at {Percentage:0} % (charging: {Charging})")]
    internal static partial void BatteryLowChanged(ILogger logger, string board, bool low, double percentage, bool charging);
}
