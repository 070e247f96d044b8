using GhostRoll.Ingest;

namespace GhostRoll.Appliance.Cards;

/// <summary>
/// A card that is already mounted somewhere (a desktop's <c>/media/$USER/auto-import</c>, found by watch mode),
/// or any folder with a <c>DCIM/</c> given to <c>ghostroll import</c>. It counts as removed when the folder
/// disappears, or stops being a mount point if it was one: checked from the mount table and directory
/// listings only, never by writing to the card (the original tool wrote a probe file every 2 seconds).
/// </summary>
public sealed class DirectoryCard : ICard
{
    private readonly SystemPaths _paths;
    private readonly bool _wasMountPoint;
    private readonly bool _hadDcim;

    public DirectoryCard(string path, SystemPaths paths, string? label = null)
    {
        Root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        _paths = paths;
        Label = label ?? Path.GetFileName(Root);
        _wasMountPoint = MountTable.IsMountPoint(MountTable.Read(paths.MountInfo), Root);
        _hadDcim = Directory.Exists(Path.Combine(Root, "DCIM"));
    }

    public string Root { get; }

    public string Name => Root;

    public string LockKey => Root;

    public string? Label { get; }

    public string? VolumeId => null;

    public CardVolume Open() => Directory.Exists(Root)
        ? new CardVolume(Root, release: null, mountedByUs: false)
        : throw new CardException($"{Root} is gone; insert the card again.") { CardGone = true };

    public bool IsPresent() =>
        Directory.Exists(_hadDcim ? Path.Combine(Root, "DCIM") : Root)
        && (!_wasMountPoint || MountTable.IsMountPoint(MountTable.Read(_paths.MountInfo), Root));
}
