using Microsoft.Extensions.Logging;

namespace GhostRoll.Hardware.EPaper;

/// <summary>How a panel is driven. Defaults match the DISPLAY_* settings' defaults.</summary>
public sealed record EPaperOptions
{
    /// <summary>DISPLAY_ROTATION: 0, 90, 180 or 270 (see <see cref="FramePacker"/>). 90 = Waveshare's landscape.</summary>
    public int Rotation { get; init; } = 90;

    /// <summary>DISPLAY_FULL_REFRESH_EVERY: after this many partial refreshes the next one is a full refresh (clears ghosting).</summary>
    public int FullRefreshEvery { get; init; } = 10;

    /// <summary>
    /// Longest wait for BUSY to drop. A full refresh takes 2-4 s at room temperature and longer in the cold;
    /// beyond this the panel is treated as absent or hung and <see cref="EPaperBusyTimeoutException"/> is thrown.
    /// </summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Puts the controller into deep sleep after every update (it keeps the image without power). Waveshare warns
    /// that leaving the panel powered between updates wears it; waking costs one reset and init (tens of ms).
    /// </summary>
    public bool SleepAfterRefresh { get; init; } = true;

    public ILogger? Logger { get; init; }

    internal void Validate()
    {
        if (!FramePacker.IsValidRotation(Rotation))
        {
            throw new ArgumentOutOfRangeException(nameof(Rotation), Rotation, "rotation must be 0, 90, 180 or 270 degrees");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(FullRefreshEvery, 1, nameof(FullRefreshEvery));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(BusyTimeout, TimeSpan.Zero, nameof(BusyTimeout));
    }
}
