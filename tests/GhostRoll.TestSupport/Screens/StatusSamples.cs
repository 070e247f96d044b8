using GhostRoll.Status;
using Xunit;

namespace GhostRoll.TestSupport.Screens;

/// <summary>One status document per screen state the appliance can show, shared by golden and daemon tests.</summary>
public static class StatusSamples
{
    /// <summary>A short link as a future short-link service would give (~30 characters: QR version 2-3).</summary>
    public const string ShortUrl = "https://gr.example/s/Ab3dE9xQ";

    /// <summary>A real-shaped 7-day SigV4 presigned gallery link (371 characters: QR version 12 at L, 15-20 at M-H).</summary>
    public const string PresignedUrl =
        "https://ghostroll-photos.s3.eu-west-1.amazonaws.com/sessions/shoot-2026-05-14_101502_123456/index.html" +
        "?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20260514%2Feu-west-1%2Fs3%2Faws4_request" +
        "&X-Amz-Date=20260514T101502Z&X-Amz-Expires=604000&X-Amz-SignedHeaders=host" +
        "&X-Amz-Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7";

    public static StatusDocument Idle => new()
    {
        State = StatusStates.Idle, Step = StatusStep.Watch, Hostname = "ghostroll", Ip = "192.168.1.23",
        BatteryPercentage = 87, BatteryCharging = false,
    };

    public static StatusDocument IdleNoBattery => Idle with { BatteryPercentage = null, BatteryCharging = null };

    public static StatusDocument IdleCharging => Idle with { BatteryPercentage = 41.6, BatteryCharging = true };

    public static StatusDocument IdleNoNetwork => Idle with { Ip = null };

    public static StatusDocument Detected => Idle with
    {
        State = StatusStates.Running, Step = StatusStep.Detected, Volume = "/run/ghostroll/card/auto-import", Message = "Card detected",
    };

    public static StatusDocument Scanning => Detected with
    {
        Step = StatusStep.Scan, Message = "Looking for photos and clips", Counts = new StatusCounts { Discovered = 143 },
    };

    public static StatusDocument Copying => Detected with
    {
        Step = StatusStep.Ingest, Message = "DCIM/100CANON/IMG_0412.CR3",
        Counts = new StatusCounts { Discovered = 143, New = 40, Skipped = 103, CopiedDone = 12, CopiedTotal = 40 },
        Progress = new() { ["ingest"] = new StepProgress(12, 40) },
    };

    public static StatusDocument Processing => Copying with
    {
        Step = StatusStep.Process, Message = "Share images and thumbnails",
        Counts = Copying.Counts with { CopiedDone = 40, ProcessedDone = 25, ProcessedTotal = 40 },
        Progress = new() { ["ingest"] = new StepProgress(40, 40), ["process"] = new StepProgress(25, 40) },
    };

    public static StatusDocument Uploading => Processing with
    {
        Step = StatusStep.Upload, Message = "Gallery link is live",
        Counts = Processing.Counts with { ProcessedDone = 40, UploadedDone = 31, UploadedTotal = 40 },
        Progress = new() { ["upload"] = new StepProgress(31, 40) },
        Url = PresignedUrl,
    };

    public static StatusDocument DoneShortUrl => Uploading with
    {
        State = StatusStates.Done, Step = StatusStep.Done, Message = "Gallery ready",
        Counts = Uploading.Counts with { UploadedDone = 40 }, Url = ShortUrl,
    };

    public static StatusDocument DonePresignedUrl => DoneShortUrl with { Url = PresignedUrl };

    public static StatusDocument DoneLocalOnly => DoneShortUrl with { Url = null };

    public static StatusDocument NothingNew => Idle with
    {
        State = StatusStates.Done, Step = StatusStep.Noop, Message = "No new files",
        Counts = new StatusCounts { Discovered = 143, Skipped = 143 },
    };

    public static StatusDocument Error => Copying with
    {
        State = StatusStates.Error, Step = StatusStep.Ingest,
        LastError = "The card was removed while copying. Insert it again to finish; nothing is lost.",
    };

    public static StatusDocument LowBattery => Copying with { BatteryPercentage = 9, BatteryCharging = false };

    public static StatusDocument LowBatteryDone => DoneShortUrl with { BatteryPercentage = 9, BatteryCharging = false };

    /// <summary>14 May 2026, 10:31 UTC: when the samples' imports finished (goldens render times in UTC).</summary>
    public const long FinishedUnix = 1778754660;

    /// <summary>Done as the appliance reports it: the card still in, the finish time known.</summary>
    public static StatusDocument DoneCardIn => DoneShortUrl with { FinishedUnix = FinishedUnix, CardPresent = true };

    /// <summary>Local-only, card still in: the panel says where the photos are.</summary>
    public static StatusDocument DoneLocalOnlyCardIn => DoneLocalOnly with
    {
        FinishedUnix = FinishedUnix, CardPresent = true, GalleryPath = "/home/pi/ghostroll/shoot-2026-05-14_101502_123456/index.html",
    };

    /// <summary>Finished with 3 files still on the card (read errors): not an alarm, an instruction.</summary>
    public static StatusDocument LeftOnCard => Copying with
    {
        State = StatusStates.Error, Step = StatusStep.Done, FinishedUnix = FinishedUnix, CardPresent = true,
        Message = "Copied 37 new files; 3 could not be read. Remove the card.",
        Counts = Copying.Counts with { CopiedDone = 37, Failed = 3 },
    };

    /// <summary>Copying as a current importer reports it: the whole import's progress and a stable time left.</summary>
    public static StatusDocument CopyingOverall => Copying with
    {
        Counts = Copying.Counts with { CopiedBytesDone = 310_000_000, CopiedBytesTotal = 1_000_000_000, ProcessedDone = 4, ProcessedTotal = 40, UploadedTotal = 40 },
        OverallProgress = 0.19, EtaSeconds = 610, CopyBytesPerSecond = 21_500_000,
    };

    /// <summary>Processing after copying: the bar carries on from where copying left it instead of restarting.</summary>
    public static StatusDocument ProcessingOverall => Processing with
    {
        Counts = Processing.Counts with { UploadedTotal = 40 }, OverallProgress = 0.72, EtaSeconds = 170,
    };

    /// <summary>Done with the gallery's own counts: photos and clips, as the CLI and the page say them.</summary>
    public static StatusDocument DonePhotosCardIn => DoneCardIn with { Counts = DoneCardIn.Counts with { Photos = 38, Clips = 2 } };

    /// <summary>Local-only done with the gallery's counts.</summary>
    public static StatusDocument DoneLocalOnlyPhotos => DoneLocalOnlyCardIn with { Counts = DoneLocalOnlyCardIn.Counts with { Photos = 12 } };

    /// <summary>A LAN link as local-only mode makes it (docs/lan.md): IPv4 and a 22-character token.</summary>
    public const string LanUrl = "http://192.168.178.23/GNoS6TFcZIiQlNHbGvbyNg/";

    /// <summary>Local-only with LAN sharing: the LAN link is the share link, with the Wi-Fi network to join.</summary>
    public static StatusDocument DoneLan => DoneLocalOnlyCardIn with { Url = LanUrl, LanUrl = LanUrl, WifiName = "Studio-5G", Counts = DoneLocalOnlyCardIn.Counts with { Photos = 12 } };

    /// <summary>The same when the network's name is unknown (wired, or neither nmcli nor iwgetid): the line is left out.</summary>
    public static StatusDocument DoneLanNoWifiName => DoneLan with { WifiName = null, CardPresent = false };

    /// <summary>Every state with its golden name.</summary>
    public static TheoryData<string> Names => new(All.Keys);

    public static IReadOnlyDictionary<string, StatusDocument> All { get; } = new Dictionary<string, StatusDocument>
    {
        ["idle"] = Idle,
        ["idle-no-battery"] = IdleNoBattery,
        ["idle-charging"] = IdleCharging,
        ["idle-no-network"] = IdleNoNetwork,
        ["detected"] = Detected,
        ["scan"] = Scanning,
        ["copying"] = Copying,
        ["processing"] = Processing,
        ["uploading"] = Uploading,
        ["done-short-url"] = DoneShortUrl,
        ["done-presigned-url"] = DonePresignedUrl,
        ["done-local-only"] = DoneLocalOnly,
        ["nothing-new"] = NothingNew,
        ["error"] = Error,
        ["low-battery"] = LowBattery,
        ["low-battery-done"] = LowBatteryDone,
        ["done-card-in"] = DoneCardIn,
        ["done-local-only-card-in"] = DoneLocalOnlyCardIn,
        ["left-on-card"] = LeftOnCard,
        ["copying-overall"] = CopyingOverall,
        ["processing-overall"] = ProcessingOverall,
        ["done-photos-card-in"] = DonePhotosCardIn,
        ["done-local-only-photos"] = DoneLocalOnlyPhotos,
        ["done-lan"] = DoneLan,
        ["done-lan-no-wifi-name"] = DoneLanNoWifiName,
    };
}
