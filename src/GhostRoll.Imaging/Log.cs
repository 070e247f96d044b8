using Microsoft.Extensions.Logging;

namespace GhostRoll.Imaging;

/// <summary>Imaging log lines: source-generated, stable event ids 3000-3099 (greppable in journald).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "{CardPath}: no picture made: {Reason}")]
    public static partial void DeriveFailed(ILogger logger, string cardPath, string reason);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "{CardPath}: {Reason}; using {Fallback} instead")]
    public static partial void FellBack(ILogger logger, string cardPath, string reason, string fallback);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Debug, Message = "{CardPath}: {Kind} {SourceWidth}x{SourceHeight} -> share {ShareWidth}x{ShareHeight}, thumb {ThumbWidth}x{ThumbHeight} in {Milliseconds} ms")]
    public static partial void Derived(ILogger logger, string cardPath, string kind, int sourceWidth, int sourceHeight, int shareWidth, int shareHeight, int thumbWidth, int thumbHeight, long milliseconds);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Debug, Message = "{CardPath}: colours converted from {ColorSpace} to sRGB")]
    public static partial void ColorConverted(ILogger logger, string cardPath, string colorSpace);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Information, Message = "{CardPath}: RAW without a preview or THM; listed without a picture (the original is kept)")]
    public static partial void NoPicture(ILogger logger, string cardPath);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Debug, Message = "{CardPath}: waiting for {Megabytes} MB of the imaging memory budget")]
    public static partial void WaitingForMemory(ILogger logger, string cardPath, long megabytes);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Debug, Message = "{Key}: enhanced version written ({Outcome}) in {Milliseconds} ms")]
    private static partial void EnhancedCore(ILogger logger, string key, string outcome, long milliseconds);

    public static void Enhanced(ILogger logger, string key, bool changed, long milliseconds) =>
        EnhancedCore(logger, key, changed ? "adjusted" : "needed no change", milliseconds);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Warning, Message = "{Key}: no enhanced version made: {Reason}; the gallery shows the original")]
    public static partial void EnhanceFailed(ILogger logger, string key, string reason);

    [LoggerMessage(EventId = 3009, Level = LogLevel.Warning, Message = "{CardPath}: clip not readable by ffmpeg ({Reason}); kept and listed without a poster or length")]
    public static partial void ClipUnreadable(ILogger logger, string cardPath, string reason);
}
