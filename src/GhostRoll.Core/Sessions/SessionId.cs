using System.Globalization;

namespace GhostRoll.Sessions;

/// <summary>
/// Session ids as the original tool made them: <c>shoot-YYYY-MM-DD_HHMMSS_ffffff</c> in local time
/// (microseconds, so two runs in the same second never collide).
/// </summary>
public static class SessionId
{
    private const string Format = "yyyy-MM-dd_HHmmss_ffffff";

    public static string New(DateTime? localNow = null) =>
        "shoot-" + (localNow ?? DateTime.Now).ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>True for a well-formed id; anything else is refused before it becomes a path or an S3 key.</summary>
    public static bool IsValid(string? id) =>
        id is not null && id.StartsWith("shoot-", StringComparison.Ordinal)
        && DateTime.TryParseExact(id[6..], Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    /// <summary>Also accepts user-chosen ids (--session-id) made of safe characters only.</summary>
    public static bool IsSafe(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= 100 && id[0] != '.' && id[0] != '-'
        && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
