using System.Text.Json;
using System.Text.Json.Serialization;
using GhostRoll.Configuration;
using GhostRoll.Lan;
using GhostRoll.Pipeline;
using GhostRoll.Sessions;
using GhostRoll.Storage;

namespace GhostRoll.Publishing.Lan;

/// <summary>One session on the dashboard.</summary>
public sealed record DashboardSession(string Id, string State, long CreatedUnix, string? LanUrl, string? LastError);

/// <summary><c>sessions.json</c> beside status.json: what the dashboard lists (newest first) and its recent errors.</summary>
public sealed record DashboardDocument(long UpdatedUnix, bool LanSharing, List<DashboardSession> Sessions, List<string> Errors);

/// <summary>
/// Writes the dashboard's <c>sessions.json</c> into the status folder, which the web server serves (behind the
/// dashboard password) next to status.json. The LAN link of each session is composed from its token with the
/// current address, so a changed address shows up at the next write. Newest 100 sessions, last 10 errors.
/// </summary>
public static class DashboardData
{
    public static DashboardDocument Build(GhostRollSettings settings, ISessionLinks sessions, string? address)
    {
        var list = sessions.AllSessions().OrderByDescending(s => s.CreatedUtc).Take(100).Select(s =>
        {
            string? url = null;
            if (settings.LanSharing && address is not null && SessionId.IsSafe(s.SessionId)
                && LanGalleries.TokenOf(new SessionLayout(settings.SessionsDir, s.SessionId)) is { } token)
            {
                url = LanAddress.Url(address, settings.WebPort, token);
            }

            return new DashboardSession(s.SessionId, s.State.ToName(), new DateTimeOffset(DateTime.SpecifyKind(s.CreatedUtc, DateTimeKind.Utc)).ToUnixTimeSeconds(), url, s.LastError);
        }).ToList();
        var errors = list.Where(s => s.LastError is not null).Take(10).Select(s => $"{s.Id}: {s.LastError}").ToList();
        return new DashboardDocument(DateTimeOffset.UtcNow.ToUnixTimeSeconds(), settings.LanSharing, list, errors);
    }

    public static void Write(GhostRollSettings settings, ISessionLinks sessions, string? address = null)
    {
        var document = Build(settings, sessions, address ?? LanAddress.DefaultRouteIPv4());
        var path = DashboardFiles.SessionsJson(settings);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        AtomicFile.WriteAllBytes(path, JsonSerializer.SerializeToUtf8Bytes(document, DashboardJsonContext.Default.DashboardDocument), durable: false);
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(DashboardDocument))]
internal sealed partial class DashboardJsonContext : JsonSerializerContext;
