using System.Globalization;

namespace GhostRoll.Status;

/// <summary>
/// The words for counts and time left that the panel, the CLI and <c>ghostroll status</c> share, so the same
/// import is never "14" on one and "12" on another.
/// <list type="bullet">
/// <item>"photos": gallery items that are photos (a RAW+JPEG pair is one photo; a duplicate is not another one);
/// "clips": gallery items that are videos. Both are what the gallery page counts (its manifest's items).</item>
/// <item>"files": camera files on the card (photos, RAWs, clips, sidecars), the unit of copying.</item>
/// </list>
/// </summary>
public static class StatusWords
{
    /// <summary>"12 photos", "12 photos · 1 clip", "1 clip"; null when the gallery is empty.</summary>
    public static string? Media(int photos, int clips)
    {
        if (photos <= 0 && clips <= 0)
        {
            return null;
        }

        var parts = new List<string>(2);
        if (photos > 0)
        {
            parts.Add(Plural(photos, "photo"));
        }

        if (clips > 0)
        {
            parts.Add(Plural(clips, "clip"));
        }

        return string.Join(" \u00B7 ", parts);
    }

    /// <summary>
    /// "about 3 min left": whole minutes (under 90 min) or ten-minute steps, so the words change at most once a
    /// minute and a panel showing them needs no extra refresh.
    /// </summary>
    public static string TimeLeft(int seconds) => seconds switch
    {
        <= 0 => "finishing",
        < 60 => "under a minute left",
        < 90 * 60 => $"about {(seconds + 59) / 60} min left",
        _ => Hours(seconds),
    };

    /// <summary>"42%" (rounded down: 100% only when everything is done).</summary>
    public static string Percent(double fraction) => $"{(int)Math.Floor(Math.Clamp(fraction, 0, 1) * 100)}%";

    /// <summary>
    /// One line for a terminal or a log: "Copying 42% · 120 of 400 files · 38.2 MB/s · about 3 min left". The
    /// percentage is the whole import's when the importer reports it, else the step's.
    /// </summary>
    public static string ProgressLine(StatusDocument status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var c = status.Counts ?? new StatusCounts();
        var (word, done, total, unit) = status.Step switch
        {
            StatusStep.Scan => ("Scanning", c.Discovered, 0, "files found"),
            // The same words as the panel's working screen ("12 of 40 copied").
            StatusStep.Ingest => ("Copying", c.CopiedDone, c.CopiedTotal, "copied"),
            StatusStep.Process => ("Processing", c.ProcessedDone, c.ProcessedTotal, "processed"),
            StatusStep.Upload => ("Uploading", c.UploadedDone, c.UploadedTotal, "uploaded"),
            StatusStep.Publish => ("Publishing", 0, 0, ""),
            StatusStep.Unknown => ("Working", 0, 0, ""),
            var other => (Title(other.Name()), 0, 0, ""),
        };
        var parts = new List<string>(4);
        var fraction = status.OverallProgress ?? (total > 0 ? (double)done / total : (double?)null);
        parts.Add(fraction is { } f ? $"{word} {Percent(f)}" : word);
        if (total > 0)
        {
            parts.Add($"{done.ToString("N0", CultureInfo.InvariantCulture)} of {total.ToString("N0", CultureInfo.InvariantCulture)} {unit}");
        }
        else if (done > 0)
        {
            parts.Add($"{done.ToString("N0", CultureInfo.InvariantCulture)} {unit}");
        }

        if (status.CopyBytesPerSecond is > 0 and var rate)
        {
            parts.Add((rate / 1e6).ToString("0.0", CultureInfo.InvariantCulture) + " MB/s");
        }

        if (status.EtaSeconds is { } eta)
        {
            parts.Add(TimeLeft(eta));
        }

        return string.Join(" \u00B7 ", parts);
    }

    private static string Title(string word) => char.ToUpperInvariant(word[0]) + word[1..];

    /// <summary>"1,234 files".</summary>
    public static string Plural(int n, string noun) => $"{n.ToString("N0", CultureInfo.InvariantCulture)} {noun}{(n == 1 ? "" : "s")}";

    private static string Hours(int seconds)
    {
        var tens = (int)Math.Round(seconds / 600.0);
        var (hours, minutes) = (tens / 6, tens % 6 * 10);
        return minutes == 0 ? $"about {hours} h left" : $"about {hours} h {minutes} min left";
    }
}
