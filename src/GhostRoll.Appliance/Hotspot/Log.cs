using Microsoft.Extensions.Logging;

namespace GhostRoll.Appliance.Hotspot;

/// <summary>The hotspot service's log lines, with stable event ids (6100-6199). The passphrase never appears here.</summary>
internal static partial class HotspotLog
{
    [LoggerMessage(EventId = 6100, Level = LogLevel.Information, Message = "hotspot: mode {Mode}, network {Ssid} on {Interface}, grace {GraceSeconds} s")]
    public static partial void Started(ILogger logger, string mode, string ssid, string @interface, int graceSeconds);

    [LoggerMessage(EventId = 6101, Level = LogLevel.Information, Message = "hotspot: started {Ssid} ({Reason})")]
    public static partial void Up(ILogger logger, string ssid, string reason);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Information, Message = "hotspot: stopped ({Reason})")]
    public static partial void Down(ILogger logger, string reason);

    [LoggerMessage(EventId = 6103, Level = LogLevel.Warning, Message = "hotspot: NetworkManager has no Wi-Fi device {Interface}; nothing to do until it appears. Check HOTSPOT_INTERFACE ('nmcli device' lists the devices)")]
    public static partial void NoDevice(ILogger logger, string @interface);

    [LoggerMessage(EventId = 6104, Level = LogLevel.Warning, Message = "hotspot: {Command} failed: {Problem}. Is NetworkManager running (systemctl status NetworkManager)?")]
    public static partial void ToolFailed(ILogger logger, string command, string problem);

    [LoggerMessage(EventId = 6105, Level = LogLevel.Information, Message = "hotspot: {Stations} phone(s) connected")]
    public static partial void Stations(ILogger logger, int stations);

    [LoggerMessage(EventId = 6106, Level = LogLevel.Information, Message = "hotspot: stopped, HOTSPOT=never")]
    public static partial void Disabled(ILogger logger);
}
