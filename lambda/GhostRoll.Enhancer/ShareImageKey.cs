
namespace GhostRoll.Enhancer;

/// <summary>
/// The bucket layout the enhancer works on, exactly as the appliance publishes it (<c>S3Publisher</c>,
/// <c>SessionLayout.ObjectKeyFor</c>: the session's <c>derived/</c> folder is dropped in the bucket):
/// the share image <c>PREFIX_ROOT/SESSION/share/100CANON/IMG_0001.jpg</c> has its enhanced image at
/// <c>PREFIX_ROOT/SESSION/enhanced/100CANON/IMG_0001.jpg</c>, the key the gallery's manifest already presigns
/// (<c>ManifestBuilder.EnhancedPath</c>).
/// </summary>
public sealed record ShareImageKey(string SourceKey, string EnhancedKey, string SessionId)
{
    private const string ShareFolder = "share/";
    private const string EnhancedFolder = "enhanced/";

    /// <summary>
    /// The share image a key names, or null for any other key. Checked strictly, because the EventBridge rule's
    /// wildcard (<c>*/share/*.jpg</c>) also matches keys such as <c>PREFIX/S/originals/share/x.jpg</c> (a card
    /// folder called share), <c>PREFIX/S/share/a/../x.jpg</c> or a share folder one level too deep:
    /// exactly one safe session id, then <c>share/</c>, then '/'-separated segments that are neither empty nor
    /// <c>.</c>/<c>..</c>, ending in <c>.jpg</c> (what the appliance writes; its WebP variants are left alone).
    /// </summary>
    public static ShareImageKey? TryParse(string prefixRoot, string? key)
    {
        ArgumentNullException.ThrowIfNull(prefixRoot);
        if (string.IsNullOrEmpty(key) || !key.StartsWith(prefixRoot, StringComparison.Ordinal)
            || !key.EndsWith(".jpg", StringComparison.Ordinal) || key.Length > 1024)
        {
            return null;
        }

        var rest = key[prefixRoot.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0)
        {
            return null;
        }

        var session = rest[..slash];
        var inSession = rest[(slash + 1)..];
        if (!GhostRoll.Sessions.SessionId.IsSafe(session) || !inSession.StartsWith(ShareFolder, StringComparison.Ordinal))
        {
            return null;
        }

        var name = inSession[ShareFolder.Length..];
        if (name.Length <= ".jpg".Length || name.Split('/').Any(s => s is "" or "." or ".." || s.Any(char.IsControl)))
        {
            return null;
        }

        return new ShareImageKey(key, $"{prefixRoot}{session}/{EnhancedFolder}{name}", session);
    }
}
