using GhostRoll.Configuration;

namespace GhostRoll.Lan;

/// <summary>Where the dashboard's data lives: beside status.json, in the status folder the web server may read.</summary>
public static class DashboardFiles
{
    public static string SessionsJson(GhostRollSettings settings) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(settings.StatusPath))!, "sessions.json");
}
