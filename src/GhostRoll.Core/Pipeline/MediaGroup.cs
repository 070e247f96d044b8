using GhostRoll.Media;

namespace GhostRoll.Pipeline;

/// <summary>A copied card file as the derive stage sees it.</summary>
/// <param name="CardPath">Card-relative path: <c>DCIM/100CANON/IMG_0001.JPG</c>.</param>
/// <param name="LocalPath">Absolute path of the verified local copy.</param>
public sealed record GroupMember(string CardPath, string LocalPath, MediaKind Kind, string Sha256, long SizeBytes);

/// <summary>
/// Files of one folder sharing a stem, case-insensitively (<c>IMG_0001.CR2</c> + <c>IMG_0001.JPG</c>,
/// <c>MVI_0121.AVI</c> + <c>MVI_0121.THM</c>). The derive stage renders one picture per group; which member it uses
/// is its decision (camera JPEG over RAW preview, THM as a fallback or a clip's poster).
/// </summary>
public sealed record MediaGroup(string Key, IReadOnlyList<GroupMember> Members)
{
    public IEnumerable<GroupMember> OfKind(MediaKind kind) => Members.Where(m => m.Kind == kind);

    public bool HasPhoto => Members.Any(m => m.Kind.IsPhoto());

    public bool HasVideo => Members.Any(m => m.Kind == MediaKind.Video);
}
