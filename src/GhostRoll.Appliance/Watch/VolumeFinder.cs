using GhostRoll.Appliance.Cards;

namespace GhostRoll.Appliance.Watch;

/// <summary>
/// Finds mounted cards for watch mode: a folder named after the label (<c>auto-import</c>, <c>auto-import 1</c>,
/// any case) that holds a <c>DCIM/</c> folder, directly under a mount root (<c>/Volumes/auto-import</c>,
/// <c>/mnt/auto-import</c>) or one level below it, where desktops mount per user
/// (<c>/media/$USER/auto-import</c>, <c>/run/media/$USER/auto-import</c>). Only directory listings: no card is opened.
/// </summary>
public sealed class VolumeFinder
{
    private readonly IReadOnlyList<string> _roots;
    private readonly string _label;

    public VolumeFinder(IReadOnlyList<string> roots, string label)
    {
        _roots = roots;
        _label = label;
    }

    /// <summary>Candidate card folders, in root order then by name (so "auto-import" comes before "auto-import 1").</summary>
    public List<string> Find()
    {
        var found = new List<string>();
        foreach (var root in _roots)
        {
            foreach (var child in Subdirectories(root))
            {
                if (CardLabel.Matches(_label, Path.GetFileName(child)))
                {
                    AddIfCard(found, child);
                    continue;
                }

                foreach (var grandchild in Subdirectories(child))
                {
                    if (CardLabel.Matches(_label, Path.GetFileName(grandchild)))
                    {
                        AddIfCard(found, grandchild);
                    }
                }
            }
        }

        return found;
    }

    /// <summary>The folders whose changes can reveal a new card: each root and its immediate subfolders.</summary>
    public IEnumerable<string> WatchedFolders() =>
        _roots.Where(Directory.Exists).SelectMany(root => Subdirectories(root).Prepend(root));

    private static void AddIfCard(List<string> found, string folder)
    {
        if (Directory.Exists(Path.Combine(folder, "DCIM")))
        {
            found.Add(folder);
        }
    }

    private static IEnumerable<string> Subdirectories(string folder)
    {
        try
        {
            return Directory.GetDirectories(folder).Order(StringComparer.Ordinal).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return []; // missing root, or another user's /media folder: not ours to look at
        }
    }
}
