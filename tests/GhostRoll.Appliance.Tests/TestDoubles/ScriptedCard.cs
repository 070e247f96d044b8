using GhostRoll.Appliance.Cards;

namespace GhostRoll.Appliance.Tests.TestDoubles;

/// <summary>
/// A card whose opening and presence a test controls: opening can fail like a damaged or vanished card, and
/// <see cref="Remove"/> pulls it. The volume is a real folder so a pipeline can read it.
/// </summary>
public sealed class ScriptedCard(string folder, string name = "sdz1") : ICard
{
    private volatile bool _present = true;

    public string Name => name;

    public string LockKey => name;

    public string? Label { get; init; } = "auto-import";

    public string? VolumeId { get; init; } = "ABCD-1234";

    /// <summary>Thrown by <see cref="Open"/> when set (a damaged card, a card pulled before mounting).</summary>
    public CardException? OpenFailure { get; init; }

    public int Opened { get; private set; }

    public int Released { get; private set; }

    public CardVolume Open()
    {
        if (OpenFailure is { } failure)
        {
            throw failure;
        }

        Opened++;
        return new CardVolume(folder, () => Released++, mountedByUs: true);
    }

    public bool IsPresent() => _present;

    public void Remove() => _present = false;
}
