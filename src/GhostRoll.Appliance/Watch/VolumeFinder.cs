using GhostRoll.Appliance.Cards;
using GhostRoll.Ingest;

namespace GhostRoll.Appliance.Watch;

/// <summary>
/// Finds mounted cards for watch mode: a folder named after the label (<c>auto-import</c>, <c>auto-import 1</c>,
/// any case) that holds a <c>DCIM/</c> folder, directly under a mount root (<c>/Volumes/auto-import</c>,
/// <c>/mnt/auto-import</c>) or one level below it, where desktops mount per user
/// (<c>/media/$USER/auto-import</c>, <c>/run/media/$USER/auto-import</c>). Only directory listings: no card is opened.
/// The folder must be a mount point (in the mount table): a plain folder named like a card, or a copy of one, is
/// not a card, and importing it would make a session of photos that were never inserted.
/// </summary>
public sealed class VolumeFinder
{
    private readonly IReadOnlyList<string> _roots;
    private readonly string _label;
    private readonly string _mountInfo;

    /// <param name="mountInfo">The mount table (proc(5) mountinfo) that says which folders are mount points.</param>
    public VolumeFinder(IReadOnlyList<string> roots, string label, string mountInfo = MountTable.SelfPath)
    {
        _roots = roots;
        _label = label;
        _mountInfo = mountInfo;
    }

    /// <summary>Candidate card folders, in root order then by name (so "auto-import" comes before "auto-import 1").</summary>
    public List<string> Find() => Scan().Cards;

    /// <summary>
    /// Cards found, and whether a folder with the label exists without <c>DCIM/</c> yet: a desktop creates the
    /// mount point first and mounts a moment later, so the caller should look again soon.
    /// </summary>
    public VolumeScan Scan()
    {
        var labelled = new List<string>();
        foreach (var root in _roots)
        {
            foreach (var child in Subdirectories(root))
            {
                if (CardLabel.Matches(_label, Path.GetFileName(child)))
                {
                    labelled.Add(child);
                    continue;
                }

                labelled.AddRange(Subdirectories(child).Where(grandchild => CardLabel.Matches(_label, Path.GetFileName(grandchild))));
            }
        }

        var found = new List<string>();
        var notMounted = new List<string>();
        var pending = false;
        var mounts = labelled.Count == 0 ? [] : MountTable.Read(_mountInfo); // read only when there is something to check
        foreach (var folder in labelled)
        {
            if (!Directory.Exists(Path.Combine(folder, "DCIM")))
            {
                pending = true; // a mount point made a moment before the mount
            }
            else if (MountTable.IsMountPoint(mounts, folder))
            {
                found.Add(folder);
            }
            else
            {
                notMounted.Add(folder);
            }
        }

        return new VolumeScan(found, pending, notMounted);
    }

    /// <summary>The folders whose changes can reveal a new card: each root and its immediate subfolders.</summary>
    public IEnumerable<string> WatchedFolders() =>
        _roots.Where(Directory.Exists).SelectMany(root => Subdirectories(root).Prepend(root));

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

/// <param name="Cards">Mounted folders that look like cards (label and DCIM/).</param>
/// <param name="Pending">A labelled folder without DCIM/ exists (probably being mounted right now).</param>
/// <param name="NotMounted">Labelled folders with DCIM/ that are not mount points: never imported.</param>
public sealed record VolumeScan(List<string> Cards, bool Pending, List<string> NotMounted);
