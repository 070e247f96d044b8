using System.Text.Json.Serialization;

namespace GhostRoll.Status;

/// <summary>
/// <c>status.json</c>: what the appliance is doing, for the e-ink display, <c>ghostroll status</c> and anyone
/// reading over SSH. Field names and the meaning of <c>state</c>/<c>step</c>/<c>counts</c> follow the original tool;
/// battery, network, per-step progress and the last error are additions.
/// </summary>
public sealed record StatusDocument
{
    /// <summary>idle | running | error | done.</summary>
    public string State { get; init; } = StatusStates.Idle;

    /// <summary>What is being done (<see cref="StatusStep"/>); written as its word: "scan", "ingest", "done" ...</summary>
    public StatusStep Step { get; init; } = StatusStep.Idle;

    public string Message { get; init; } = "";

    public string? SessionId { get; init; }

    public string? Volume { get; init; }

    public StatusCounts Counts { get; init; } = new();

    /// <summary>Per-step progress, keyed by the step's word (<see cref="StatusSteps.Name"/>): <c>{"ingest": {"done": 12, "total": 40}, ...}</c>.</summary>
    public Dictionary<string, StepProgress> Progress { get; init; } = [];

    /// <summary>The share link (presigned gallery URL) once there is one; null in local-only mode.</summary>
    public string? Url { get; init; }

    /// <summary>
    /// The session's gallery on the local network (<c>http://IP/token/</c>) while LAN sharing is on; in local-only
    /// mode it is also <see cref="Url"/>, with S3 the bucket's link stays <see cref="Url"/> and this one is extra.
    /// </summary>
    public string? LanUrl { get; init; }

    /// <summary>Name of the Wi-Fi network the appliance is on (phones must join it to open <see cref="LanUrl"/>); null when unknown or wired.</summary>
    public string? WifiName { get; init; }

    /// <summary>PNG of the share link's QR code.</summary>
    public string? QrPath { get; init; }

    /// <summary>Local gallery (index.html) of the current or last session.</summary>
    public string? GalleryPath { get; init; }

    public string? Hostname { get; init; }

    public string? Ip { get; init; }

    public long UpdatedUnix { get; init; }

    public double? BatteryPercentage { get; init; }

    /// <summary>Bytes free on the disk that holds the sessions (the dashboard shows it); null when unknown.</summary>
    public long? FreeBytes { get; init; }

    public bool? BatteryCharging { get; init; }

    /// <summary>True when the battery is low and not charging: copies finish, uploads wait for power.</summary>
    public bool? BatteryLow { get; init; }

    public string? LastError { get; init; }

    /// <summary>Sessions whose uploads are still outstanding (retried by the next run or <c>ghostroll publish</c>).</summary>
    public int PublishPending { get; init; }

    /// <summary>When the import finished (done or done with problems), Unix seconds; the panel shows it, since e-ink keeps a screen with the power off.</summary>
    public long? FinishedUnix { get; init; }

    /// <summary>True while the imported card is still in the reader after the import (the appliance waits for its removal).</summary>
    public bool? CardPresent { get; init; }

    /// <summary>
    /// The whole import done so far, 0..1, across copy, processing and upload (<see cref="ProgressEstimator.Overall"/>);
    /// null when no import is working. Unlike <see cref="Progress"/> it does not restart at each step.
    /// </summary>
    public double? OverallProgress { get; init; }

    /// <summary>Estimated seconds until the import is done; null until the estimate is stable (<see cref="ProgressEstimator"/>).</summary>
    public int? EtaSeconds { get; init; }

    /// <summary>Smoothed copy speed from the card, bytes per second; null when not copying.</summary>
    public double? CopyBytesPerSecond { get; init; }

    /// <summary>The field hotspot while it is up (docs/hotspot.md); added by the display daemon, never serialized: it carries the passphrase.</summary>
    [JsonIgnore]
    public HotspotView? Hotspot { get; init; }
}

public static class StatusStates
{
    public const string Idle = "idle";
    public const string Running = "running";
    public const string Error = "error";
    public const string Done = "done";
}

public sealed record StatusCounts
{
    /// <summary>Camera files found on the card.</summary>
    public int Discovered { get; init; }

    /// <summary>Files not seen before (to copy in this session).</summary>
    public int New { get; init; }

    /// <summary>Files already ingested earlier (by content), not copied again.</summary>
    public int Skipped { get; init; }

    /// <summary>Files that are not camera media (catalogues, hidden files, AppleDouble) and were left alone.</summary>
    public int Ignored { get; init; }

    public int CopiedDone { get; init; }

    public int CopiedTotal { get; init; }

    public int ProcessedDone { get; init; }

    public int ProcessedTotal { get; init; }

    public int UploadedDone { get; init; }

    public int UploadedTotal { get; init; }

    public int Failed { get; init; }

    /// <summary>Bytes of the files this run copies, and of those copied (verified) so far: copy progress by size, not file count.</summary>
    public long CopiedBytesTotal { get; init; }

    public long CopiedBytesDone { get; init; }

    /// <summary>
    /// Gallery items that are photos, once the run is over (<see cref="Pipeline.GalleryEntryKind.Photo"/> entries): the number the panel, the CLI
    /// summary and the gallery page all call "photos".
    /// </summary>
    public int Photos { get; init; }

    /// <summary>Gallery items that are clips (counted apart from photos).</summary>
    public int Clips { get; init; }
}

public sealed record StepProgress(int Done, int Total);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DictionaryKeyPolicy = JsonKnownNamingPolicy.Unspecified,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(StatusDocument))]
public sealed partial class StatusJsonContext : JsonSerializerContext;
