using System.Globalization;
using System.Text;
using GhostRoll.Status;

namespace GhostRoll.Appliance.Reports;

/// <summary><c>ghostroll status</c>: status.json as a few aligned lines for a person on SSH.</summary>
public static class StatusText
{
    /// <summary>A running import rewrites status every second; this much silence means it stopped or hangs.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(30);

    public static string Render(StatusDocument? status, string path, DateTimeOffset now)
    {
        var text = new StringBuilder();
        if (status is null)
        {
            Line(text, "state", $"idle (no status yet at {path}: nothing has run, or STATUS_PATH points elsewhere)");
            return text.ToString();
        }

        var step = status.Step.Name();
        Line(text, "state", step != status.State ? $"{status.State} ({step})" : status.State);
        Line(text, "message", status.Message);
        Line(text, "card", status.Volume);
        Line(text, "session", status.SessionId);
        Line(text, "link", status.Url);
        Line(text, "gallery", status.GalleryPath);
        var c = status.Counts;
        if (c.Discovered > 0 || c.CopiedTotal > 0)
        {
            Line(text, "files", $"{c.Discovered} found, {c.New} new, {c.Skipped} already imported, {c.Failed} failed; " +
                                $"copied {c.CopiedDone}/{c.CopiedTotal}, processed {c.ProcessedDone}/{c.ProcessedTotal}, uploaded {c.UploadedDone}/{c.UploadedTotal}");
        }

        if (status.State == StatusStates.Running && status.OverallProgress is not null)
        {
            // The whole import and the time left, in the words the panel and the live CLI line use.
            Line(text, "progress", StatusWords.ProgressLine(status));
        }

        if (status.PublishPending > 0)
        {
            Line(text, "pending", $"{status.PublishPending} session(s) still to publish; retried every 15 minutes and by the next import");
        }

        if (status.BatteryPercentage is { } battery)
        {
            Line(text, "battery", $"{battery.ToString("0", CultureInfo.InvariantCulture)}%{(status.BatteryCharging == true ? " (charging)" : "")}{(status.BatteryLow == true ? " LOW: uploads wait for power" : "")}");
        }

        Line(text, "address", status.Ip is null ? status.Hostname : $"{status.Hostname} ({status.Ip})");
        if (status.State == StatusStates.Error)
        {
            Line(text, "error", status.LastError);
        }

        if (status.UpdatedUnix > 0)
        {
            var age = now - DateTimeOffset.FromUnixTimeSeconds(status.UpdatedUnix);
            var ago = age < TimeSpan.Zero ? "just now" : $"{Describe(age)} ago";
            if (status.State == StatusStates.Running && age > StaleAfter)
            {
                ago += ": no update since, so the import has stopped or hangs; see journalctl -u 'ghostroll-import@*'";
            }

            Line(text, "updated", ago);
        }

        return text.ToString();
    }

    internal static string Describe(TimeSpan age) => age.TotalSeconds switch
    {
        < 90 => $"{(int)age.TotalSeconds} s",
        < 5400 => $"{(int)age.TotalMinutes} min",
        < 172800 => $"{(int)age.TotalHours} h",
        _ => $"{(int)age.TotalDays} days",
    };

    private static void Line(StringBuilder text, string label, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            text.Append(label.PadRight(9)).AppendLine(value);
        }
    }
}
