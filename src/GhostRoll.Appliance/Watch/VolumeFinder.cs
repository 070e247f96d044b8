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
    public List<string> Find() => Scan().Cards;

    /// <summary>
    /// Cards found, and whether a folder with the label exists without <c>DCIM/</c> yet: a desktop creates the
    /// mount point first and mounts a moment later, so the caller should look again soon.
    /// </summary>
    public VolumeScan Scan()
    {
        var found = new List<string>();
        var pending = false;
        foreach (var root in _roots)
        {
            foreach (var child in Subdirectories(root))
            {
                if (CardLabel.Matches(_label, Path.GetFileName(child)))
                {
                    pending |= !AddIfCard(found, child);
                    continue;
                }

                foreach (var grandchild in Subdirectories(child))
                {
                    if (CardLabel.Matches(_label, Path.GetFileName(grandchild)))
                    {
                        pending |= !AddIfCard(found, grandchild);
                    }
                }
            }
        }

        return new VolumeScan(found, pending);
    }

    /// <summary>The folders whose changes can reveal a new card: each root and its immediate subfolders.</summary>
    public IEnumerable<string> WatchedFolders() =>
        _roots.Where(Directory.Exists).SelectMany(root => Subdirectories(root).Prepend(root));

    private static bool AddIfCard(List<string> found, string folder)
    {
        if (!Directory.Exists(Path.Combine(folder, "DCIM")))
        {
            return false;
        }

        found.Add(folder);
        return true;
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

/// <param name="Cards">Folders that look like cards (label and DCIM/).</param>
/// <param name="Pending">A labelled folder without DCIM/ exists (probably being mounted right now).</param>
public sealed record VolumeScan(List<string> Cards, bool Pending);
