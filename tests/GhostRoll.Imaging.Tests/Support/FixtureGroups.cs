using GhostRoll.Media;
using GhostRoll.Pipeline;
using GhostRoll.Sessions;
using GhostRoll.TestSupport;

namespace GhostRoll.Imaging.Tests.Support;

/// <summary>Builds the pipeline's <see cref="MediaGroup"/>s straight over the shared fixture cards (read in place, never written).</summary>
internal static class FixtureGroups
{
    public static IReadOnlyList<MediaGroup> OfCard(string card)
    {
        var root = Fixtures.Card(card);
        return Fixtures.AllFiles(card)
            .Select(path => Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(cardPath => MediaClassifier.Classify(cardPath) != MediaKind.Unknown)
            .GroupBy(SessionLayout.GroupKeyOf, StringComparer.OrdinalIgnoreCase)
            .Select(g => new MediaGroup(g.Key, [.. g.Order(StringComparer.Ordinal).Select(p => Member(card, p))]))
            .ToList();
    }

    public static MediaGroup Single(string card, string cardPath) => Group(card, cardPath);

    public static MediaGroup Group(string card, params string[] cardPaths) =>
        new(SessionLayout.GroupKeyOf(cardPaths[0]), [.. cardPaths.Select(p => Member(card, p))]);

    public static GroupMember Member(string card, string cardPath) =>
        MemberAt(cardPath, Fixtures.File(card, cardPath));

    public static GroupMember MemberAt(string cardPath, string localPath) =>
        new(cardPath, localPath, MediaClassifier.Classify(cardPath), $"sha-of-{cardPath}", new FileInfo(localPath).Length);

    public static DeriveOptions DefaultOptions(bool webp = true) => new(
        ShareMaxLongEdge: 2048, ShareQuality: 90, ThumbMaxLongEdge: 512, ThumbQuality: 85, MaxImagePixels: 200_000_000, Webp: webp);
}
