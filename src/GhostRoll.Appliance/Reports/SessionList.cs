using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using GhostRoll.Sessions;
using GhostRoll.Storage;

namespace GhostRoll.Appliance.Reports;

/// <summary>One session as <c>ghostroll sessions</c> shows it.</summary>
public sealed record SessionSummary(
    string SessionId,
    string State,
    string Meaning,
    DateTime CreatedUtc,
    DateTime? CompletedUtc,
    int Files,
    int NeedCard,
    string? VolumeLabel,
    string? ShareUrl,
    string? LastError,
    string SessionDir);

/// <summary><c>ghostroll sessions</c>: every session with its state (done, publish pending, failed, in progress), newest first.</summary>
public static class SessionList
{
    public static List<SessionSummary> Read(GhostRollDatabase database) =>
    [
        .. database.Sessions().Select(s =>
        {
            var counts = database.FileCounts(s.SessionId);
            return new SessionSummary(s.SessionId, s.State.ToName(), Meaning(s.State, counts), s.CreatedUtc, s.CompletedUtc,
                counts.Total - counts.Duplicate, counts.NeedCard, s.VolumeLabel, s.ShareUrl, s.LastError, s.SessionDir);
        }),
    ];

    /// <summary>What the state means for the person reading, with what to do when something is left.</summary>
    public static string Meaning(SessionState state, SessionFileCounts counts) => state switch
    {
        SessionState.Done => "done",
        SessionState.PublishPending => "publish pending: retried every 15 minutes and by the next import (or now: 'ghostroll publish')",
        SessionState.Failed => $"failed: {counts.NeedCard} file(s) not copied yet ({counts.Failed} with errors); insert the card again to retry",
        _ => counts.NeedCard > 0
            ? $"in progress or interrupted: {counts.NeedCard} file(s) still on the card; insert it again to resume"
            : "in progress or interrupted: the next import finishes it",
    };

    public static string Render(IReadOnlyList<SessionSummary> sessions)
    {
        if (sessions.Count == 0)
        {
            return "No sessions yet: insert a card labelled for import (or run 'ghostroll run FOLDER').\n";
        }

        var text = new StringBuilder();
        foreach (var s in sessions)
        {
            text.Append(s.SessionId).Append("  ").Append(s.State.PadRight(15)).Append(' ')
                .Append(s.Files.ToString(CultureInfo.InvariantCulture).PadLeft(5)).Append(" files  ")
                .AppendLine(s.CreatedUtc.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
            if (s.State != "done")
            {
                text.Append("    ").AppendLine(s.Meaning);
            }

            if (s.LastError is { Length: > 0 } error)
            {
                text.Append("    last error: ").AppendLine(error);
            }

            if (s.ShareUrl is { Length: > 0 } url)
            {
                text.Append("    link: ").AppendLine(url);
            }
        }

        var counts = sessions.GroupBy(s => s.State).Select(g => $"{g.Count()} {g.Key.Replace('_', ' ')}");
        text.AppendLine().Append(sessions.Count).Append(" sessions: ").AppendLine(string.Join(", ", counts));
        return text.ToString();
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(List<SessionSummary>))]
public sealed partial class SessionListJsonContext : JsonSerializerContext;
