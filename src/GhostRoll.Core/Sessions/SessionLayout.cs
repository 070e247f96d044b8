namespace GhostRoll.Sessions;

/// <summary>
/// Where everything of one session lives, locally and in the bucket. Card-relative paths are '/'-separated
/// and keep the card's folders: <c>DCIM/100CANON/IMG_0001.JPG</c> is copied to
/// <c>originals/DCIM/100CANON/IMG_0001.JPG</c>; its derivatives are <c>derived/share/100CANON/IMG_0001.jpg</c>
/// and <c>derived/thumbs/100CANON/IMG_0001.jpg</c> (the group key plus <c>.jpg</c>, as in the original tool).
/// </summary>
public sealed class SessionLayout
{
    public SessionLayout(string sessionsDir, string sessionId)
    {
        if (!Sessions.SessionId.IsSafe(sessionId))
        {
            throw new ArgumentException($"'{sessionId}' is not a usable session id", nameof(sessionId));
        }

        SessionId = sessionId;
        Root = Path.Combine(Path.GetFullPath(sessionsDir), sessionId);
    }

    public string SessionId { get; }

    public string Root { get; }

    public string OriginalsDir => Path.Combine(Root, "originals");

    public string DerivedDir => Path.Combine(Root, "derived");

    public string ShareDir => Path.Combine(DerivedDir, "share");

    public string ThumbsDir => Path.Combine(DerivedDir, "thumbs");

    public string EnhancedDir => Path.Combine(DerivedDir, "enhanced");

    public string IndexHtml => Path.Combine(Root, "index.html");

    public string ManifestJson => Path.Combine(Root, "manifest.json");

    public string ShareZip => Path.Combine(Root, "share.zip");

    public string ShareTxt => Path.Combine(Root, "share.txt");

    public string ShareQrPng => Path.Combine(Root, "share-qr.png");

    /// <summary>The presigned link when share.txt holds a short link from the link service (works without the service, ≤ 7 days).</summary>
    public string SharePresignedTxt => Path.Combine(Root, "share-presigned.txt");

    public string LogFile => Path.Combine(Root, "ghostroll.log");

    /// <summary>Local copy of a card file.</summary>
    public string OriginalPath(string cardRelativePath) => Combine(OriginalsDir, cardRelativePath);

    /// <summary>Session-relative path of a derivative: <c>derived/share/100CANON/IMG_0001.jpg</c>.</summary>
    public static string DerivativeRelativePath(string variantFolder, string groupKey, string extension) =>
        $"derived/{variantFolder}/{groupKey}{extension}";

    public string FullPath(string sessionRelativePath) => Combine(Root, sessionRelativePath);

    /// <summary>
    /// The S3 key suffix (below <c>prefix/session/</c>) for a session-relative file: derivatives drop their
    /// <c>derived/</c> folder (<c>share/...</c>, <c>thumbs/...</c>, <c>enhanced/...</c>), everything else keeps its path.
    /// </summary>
    public static string ObjectKeyFor(string sessionRelativePath) =>
        sessionRelativePath.StartsWith("derived/", StringComparison.Ordinal) ? sessionRelativePath["derived/".Length..] : sessionRelativePath;

    /// <summary>
    /// The group key of a card file: its card-relative folder and stem, without a leading <c>DCIM/</c>
    /// (<c>DCIM/100CANON/IMG_0001.JPG</c> → <c>100CANON/IMG_0001</c>; <c>PRIVATE/M4ROOT/CLIP/C0001.MP4</c> →
    /// <c>PRIVATE/M4ROOT/CLIP/C0001</c>). A RAW+JPEG pair, a clip and its THM share one key, hence one gallery item.
    /// </summary>
    public static string GroupKeyOf(string cardRelativePath)
    {
        var path = cardRelativePath.StartsWith("DCIM/", StringComparison.OrdinalIgnoreCase) ? cardRelativePath[5..] : cardRelativePath;
        var slash = path.LastIndexOf('/');
        var name = path[(slash + 1)..];
        var dot = name.LastIndexOf('.');
        var stem = dot > 0 ? name[..dot] : name;
        return slash >= 0 ? $"{path[..slash]}/{stem}" : stem;
    }

    private static string Combine(string root, string relative)
    {
        // Paths come from card directory listings and our own database; refuse anything that could escape.
        if (relative.Length == 0 || relative[0] == '/' || relative.Split('/').Any(p => p is "" or "." or ".."))
        {
            throw new ArgumentException($"unsafe relative path '{relative}'", nameof(relative));
        }

        return Path.Combine(root, relative.Replace('/', Path.DirectorySeparatorChar));
    }
}
