using System.Globalization;
using GhostRoll.Screens.Qr;
using GhostRoll.Status;

namespace GhostRoll.Screens.Layout;

/// <summary>Which layout a screen uses; a change of layout is a full panel refresh.</summary>
public enum ScreenKind
{
    /// <summary>Waiting for a card: "Insert card", host name and IP for SSH.</summary>
    Idle,

    /// <summary>An import is running: step word, progress bar, counts.</summary>
    Working,

    /// <summary>Finished: the share QR, or a message when there is no scannable link.</summary>
    Done,

    /// <summary>Something stopped the import: a short reason.</summary>
    Error,
}

/// <summary>Battery as the screen shows it.</summary>
/// <param name="Low">Below LOW_BATTERY_PERCENT and not charging: the screen shows a warning.</param>
public sealed record BatteryView(int Percent, bool Charging, bool Low);

/// <summary>Progress of the current step.</summary>
public sealed record ProgressView(int Done, int Total)
{
    public double Fraction => Total <= 0 ? 0 : Math.Clamp((double)Done / Total, 0, 1);
}

/// <summary>
/// What a status screen says, independent of pixels: the words, numbers and link chosen from a
/// <see cref="StatusDocument"/>. Value equality, so "nothing visible changed" is a cheap comparison
/// before any rendering.
/// </summary>
public sealed record ScreenModel
{
    public ScreenKind Kind { get; init; }

    /// <summary>The big word: "Insert card", "Copying", "Done", "Error".</summary>
    public string Headline { get; init; } = "";

    public ProgressView? Progress { get; init; }

    /// <summary>e.g. "12 of 40 copied · 3 already here".</summary>
    public string? Counts { get; init; }

    /// <summary>Secondary lines: SSH address and IP when idle, the step's message while working, the reason on error.</summary>
    public string? Detail { get; init; }

    public string? DetailSecond { get; init; }

    /// <summary>The share link, when there is one (done screen).</summary>
    public string? ShareUrl { get; init; }

    /// <summary>
    /// The Wi-Fi network a phone must be on to open <see cref="ShareUrl"/> ("Wi-Fi: Studio"): set only when the link
    /// is the LAN link (local-only mode) and the network's name is known.
    /// </summary>
    public string? Network { get; init; }

    /// <summary>What to say on the done screen when there is no QR to show (no link, or link too long).</summary>
    public string? Notice { get; init; }

    public BatteryView? Battery { get; init; }

    /// <summary>When the import finished, as the panel shows it ("14 May, 10:31"): e-ink keeps the screen with the power off.</summary>
    public string? Finished { get; init; }

    /// <summary>The card is still in after the import: the screen says to take it out.</summary>
    public bool RemoveCard { get; init; }

    /// <summary>Idle with the field hotspot up: its name, passphrase and joined phones (docs/hotspot.md).</summary>
    public HotspotView? Hotspot { get; init; }

    /// <summary>
    /// What the idle screen's QR encodes while the hotspot is up: the Wi-Fi join code until a phone has joined,
    /// then the gallery link (null when there is no session yet).
    /// </summary>
    public string? IdleQr { get; init; }

    /// <summary>Builds the model. <paramref name="lowBatteryPercent"/> is LOW_BATTERY_PERCENT; times show in <paramref name="zone"/> (default: local).</summary>
    public static ScreenModel From(StatusDocument status, int lowBatteryPercent = 15, TimeZoneInfo? zone = null)
    {
        status = Normalize(status);
        var battery = BatteryFrom(status, lowBatteryPercent);
        var model = status.State switch
        {
            StatusStates.Running => Working(status),
            StatusStates.Done => Done(status),
            StatusStates.Error when status.Step == StatusStep.Done && status.Counts.Failed > 0 => LeftOnCard(status),
            StatusStates.Error => Error(status),
            _ => Idle(status),
        };
        var finished = status.FinishedUnix is { } unix && status.State is StatusStates.Done or StatusStates.Error
            ? TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeSeconds(unix), zone ?? TimeZoneInfo.Local).ToString("d MMM, HH:mm", CultureInfo.InvariantCulture)
            : null;
        return model with { Battery = battery, Finished = finished, RemoveCard = status.CardPresent == true && status.State is StatusStates.Done or StatusStates.Error };
    }

    /// <summary>
    /// status.json comes from another process and may be older, newer or hand-edited: JSON nulls and missing
    /// objects arrive as nulls in non-nullable properties. Screens treat them as empty rather than crash.
    /// </summary>
    private static StatusDocument Normalize(StatusDocument status) => status with
    {
        State = status.State ?? StatusStates.Idle,
        Message = status.Message ?? "",
        Counts = status.Counts ?? new StatusCounts(),
        Progress = status.Progress ?? [],
    };

    private static ScreenModel Idle(StatusDocument status)
    {
        if (status.Hotspot is { } hotspot)
        {
            return HotspotIdle(status, hotspot);
        }

        var host = string.IsNullOrWhiteSpace(status.Hostname) ? null : status.Hostname.Trim();
        var ssh = host is null ? null : "ssh " + (host.Contains('.', StringComparison.Ordinal) ? host : host + ".local");
        var ip = string.IsNullOrWhiteSpace(status.Ip) ? "No network" : "IP " + status.Ip;
        return new ScreenModel
        {
            Kind = ScreenKind.Idle,
            Headline = "Insert card",
            Detail = ssh ?? ip,
            DetailSecond = ssh is null ? null : ip,
            Counts = status.PublishPending > 0 ? Plural(status.PublishPending, "session") + " waiting to upload" : null,
        };
    }

    /// <summary>
    /// The hotspot is up and no card is in: first the phone needs to join (the Wi-Fi QR and, for typing, the name
    /// and passphrase in text); once one has, the last gallery's link, or just "Insert card" before any session.
    /// </summary>
    private static ScreenModel HotspotIdle(StatusDocument status, HotspotView hotspot)
    {
        var joined = hotspot.Stations > 0;
        var url = string.IsNullOrWhiteSpace(status.Url) ? null : status.Url.Trim();
        return new ScreenModel
        {
            Kind = ScreenKind.Idle,
            Headline = joined ? "Insert card" : "Join Wi-Fi",
            Hotspot = hotspot,
            IdleQr = joined ? url : WifiJoinPayload.For(hotspot.Ssid, hotspot.Passphrase),
            Counts = status.PublishPending > 0 ? Plural(status.PublishPending, "session") + " waiting to upload" : null,
        };
    }

    private static ScreenModel Working(StatusDocument status)
    {
        var c = status.Counts;
        var headline = WorkingHeadline(status.Step) ?? "Working";
        var (done, total, counts) = status.Step switch
        {
            StatusStep.Detected => (0, 0, status.Volume is { Length: > 0 } v ? Path.GetFileName(v.TrimEnd('/')) : null),
            StatusStep.Scan => (0, 0, c.Discovered > 0 ? Plural(c.Discovered, "file") + " found" : null),
            StatusStep.Ingest => (c.CopiedDone, c.CopiedTotal, $"{Number(c.CopiedDone)} of {Number(c.CopiedTotal)} copied" + (c.Skipped > 0 ? $" \u00B7 {Number(c.Skipped)} already here" : "")),
            StatusStep.Process => (c.ProcessedDone, c.ProcessedTotal, $"{Number(c.ProcessedDone)} of {Number(c.ProcessedTotal)} processed"),
            StatusStep.Upload => (c.UploadedDone, c.UploadedTotal, $"{Number(c.UploadedDone)} of {Number(c.UploadedTotal)} uploaded"),
            StatusStep.Publish => (0, 0, "Building the gallery"),
            _ => (0, 0, (string?)null),
        };

        // Per-step progress, when the pipeline reports it, is the more precise source.
        if (status.Progress.TryGetValue(status.Step.Name(), out var step))
        {
            (done, total) = (step.Done, step.Total);
        }

        // The whole import, when the importer reports it: the bar and percentage no longer restart at every step.
        // Per mille keeps the bar's resolution above the panel's pixel width.
        var overall = status.OverallProgress is { } o && !double.IsNaN(o) ? (int)Math.Round(Math.Clamp(o, 0, 1) * 1000) : (int?)null;
        var detail = string.IsNullOrWhiteSpace(status.Message) ? null : status.Message.Trim();
        if (overall is not null && status.EtaSeconds is { } eta && eta >= 0)
        {
            // What to expect beats the step's message, which mostly repeats the headline.
            detail = StatusWords.TimeLeft(eta);
        }

        if (c.Failed > 0)
        {
            counts = (counts is null ? "" : counts + " \u00B7 ") + $"{Number(c.Failed)} failed";
        }

        return new ScreenModel
        {
            Kind = ScreenKind.Working,
            Headline = headline,
            Progress = overall is { } permille ? new ProgressView(permille, 1000) : total > 0 ? new ProgressView(Math.Min(done, total), total) : null,
            Counts = counts,
            Detail = detail,
        };
    }

    /// <summary>
    /// The working screen's headline for each step; null only for a value outside the enum (a test holds every step
    /// to having one). Idle, watch, noop, done, removed, interrupted and error are written with a state that is not
    /// "running", so their headlines show only for a status whose state and step disagree (mixed versions, edited).
    /// </summary>
    internal static string? WorkingHeadline(StatusStep step) => step switch
    {
        StatusStep.Detected => "Card found",
        StatusStep.Mount => "Mounting",
        StatusStep.Scan => "Scanning",
        StatusStep.Ingest => "Copying",
        StatusStep.Process => "Processing",
        StatusStep.Upload => "Uploading",
        StatusStep.Publish => "Publishing",
        StatusStep.Noop => "Nothing new",
        StatusStep.Done => "Finishing",
        StatusStep.Removed => "Card removed",
        StatusStep.Interrupted => "Interrupted",
        StatusStep.Error => "Stopping",
        StatusStep.Idle or StatusStep.Watch or StatusStep.Unknown => "Working",
        _ => null,
    };

    private static ScreenModel Done(StatusDocument status)
    {
        var c = status.Counts;
        var nothingNew = status.Step == StatusStep.Noop || (c.New == 0 && c.Skipped > 0);
        // Photos and clips as the gallery counts them (StatusWords); a status without them (an older importer) says files.
        var counts = nothingNew
            ? $"All {Plural(c.Skipped, "file")} already imported"
            : (StatusWords.Media(c.Photos, c.Clips) ?? Plural(c.New, "new file") + (c.Skipped > 0 ? $" \u00B7 {Number(c.Skipped)} skipped" : ""))
              + (c.Failed > 0 ? $" \u00B7 {Number(c.Failed)} failed" : "");
        var url = string.IsNullOrWhiteSpace(status.Url) ? null : status.Url.Trim();
        var notice = url is not null || nothingNew
            ? null
            : status.PublishPending > 0 ? "Saved here. Upload waits for network"
            : WhereSaved(status) ?? "Saved here (local-only mode)";
        return new ScreenModel
        {
            Kind = ScreenKind.Done,
            Headline = nothingNew ? "Nothing new" : "Done",
            Counts = counts,
            ShareUrl = url,
            Network = url is not null && url == status.LanUrl?.Trim() && !string.IsNullOrWhiteSpace(status.WifiName) ? "Wi-Fi: " + status.WifiName.Trim() : null,
            Notice = notice,
        };
    }

    /// <summary>Local-only: where the photos are, in words a photographer can act on (the session folder, and how to reach it).</summary>
    private static string? WhereSaved(StatusDocument status)
    {
        if (string.IsNullOrWhiteSpace(status.GalleryPath))
        {
            return null;
        }

        // The sessions folder (ghostroll/), not the session's own long name: that is the newest one in it.
        var sessions = Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(status.GalleryPath.Trim())));
        var host = string.IsNullOrWhiteSpace(status.Hostname) ? null : status.Hostname.Trim();
        var reach = host is null ? "" : $" \u00B7 ssh {(host.Contains('.', StringComparison.Ordinal) ? host : host + ".local")}";
        return string.IsNullOrEmpty(sessions) ? null : $"Saved on this GhostRoll in {sessions}/{reach}";
    }

    /// <summary>
    /// Finished, but some files could not be copied (read errors, a pull): what is copied is safe and the rest is still
    /// on the card, so this is not an alarm but an instruction: re-insert to finish.
    /// </summary>
    private static ScreenModel LeftOnCard(StatusDocument status)
    {
        var c = status.Counts;
        return new ScreenModel
        {
            Kind = ScreenKind.Done,
            Headline = $"{Number(c.Failed)} left on card",
            Counts = c.CopiedDone > 0 ? $"{Number(c.CopiedDone)} copied safely" : null,
            Notice = "Re-insert the card to copy the rest",
        };
    }

    private static ScreenModel Error(StatusDocument status)
    {
        var reason = FirstNonEmpty(status.LastError, status.Message) ?? "The import stopped";
        return new ScreenModel
        {
            Kind = ScreenKind.Error,
            Headline = "Error",
            Detail = reason,
            Counts = status.Counts.CopiedDone > 0 ? $"{Number(status.Counts.CopiedDone)} copied safely before it stopped" : null,
        };
    }

    private static BatteryView? BatteryFrom(StatusDocument status, int lowBatteryPercent)
    {
        if (status.BatteryPercentage is not { } raw || double.IsNaN(raw))
        {
            return null;
        }

        var percent = (int)Math.Round(Math.Clamp(raw, 0, 100));
        var charging = status.BatteryCharging == true;
        var low = status.BatteryLow ?? (!charging && percent < lowBatteryPercent);
        return new BatteryView(percent, charging, low && !charging);
    }

    private static string? FirstNonEmpty(params string?[] values) =>
        values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();

    private static string Number(int n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string Plural(int n, string noun) => StatusWords.Plural(n, noun);
}
