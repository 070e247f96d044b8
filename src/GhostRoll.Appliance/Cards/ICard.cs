namespace GhostRoll.Appliance.Cards;

/// <summary>
/// A card to import: a block device the appliance mounts itself, or a folder a desktop already mounted.
/// Implementations read the card and never write to it, not even to check whether it is still there.
/// </summary>
public interface ICard
{
    /// <summary>Short name for people: <c>sdb1</c>, or the folder.</summary>
    string Name { get; }

    /// <summary>Identity for the per-card lock (the same card under two starts gets the same key).</summary>
    string LockKey { get; }

    /// <summary>The volume label when known.</summary>
    string? Label { get; }

    /// <summary>File system serial when known (for the pipeline's card fingerprint).</summary>
    string? VolumeId { get; }

    /// <summary>Makes the card's files readable (mounting it read-only if needed).</summary>
    CardVolume Open();

    /// <summary>Whether this same card is still inserted. Cheap: called a few times a second.</summary>
    bool IsPresent();
}

/// <summary>The readable root of an opened card; disposing releases what opening did (an unmount, or nothing).</summary>
public sealed class CardVolume : IDisposable
{
    private Action? _release;

    public CardVolume(string path, Action? release, bool mountedByUs)
    {
        Path = path;
        _release = release;
        MountedByUs = mountedByUs;
    }

    /// <summary>The folder that holds <c>DCIM/</c>.</summary>
    public string Path { get; }

    /// <summary>True when this process mounted the card (and so unmounts it on dispose).</summary>
    public bool MountedByUs { get; }

    public void Dispose()
    {
        var release = Interlocked.Exchange(ref _release, null);
        release?.Invoke();
    }
}
