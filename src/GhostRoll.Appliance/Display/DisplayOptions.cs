using GhostRoll.Configuration;

namespace GhostRoll.Appliance.Display;

/// <summary>How the display daemon behaves; defaults come from the settings catalog.</summary>
public sealed record DisplayOptions
{
    public required string StatusPath { get; init; }

    /// <summary>DISPLAY_MIN_REFRESH_SECONDS: no two panel refreshes closer than this.</summary>
    public TimeSpan MinRefreshInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>DISPLAY_FULL_REFRESH_EVERY: partial refreshes between two full ones (ghosting builds up).</summary>
    public int FullRefreshEvery { get; init; } = 10;

    /// <summary>LOW_BATTERY_PERCENT.</summary>
    public int LowBatteryPercent { get; init; } = 15;

    /// <summary>POLL_SECONDS, for the polling fallback when inotify is unavailable.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How often the battery board is read. Charge moves slowly and each I2C read wakes the bus; PiSugar's own
    /// server averages over 15 s, so reading every 30 s loses nothing.
    /// </summary>
    public TimeSpan BatteryInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// After a change event, wait this long for the writer's burst to settle (the import rewrites status.json up
    /// to four times a second) so one refresh shows the latest state.
    /// </summary>
    public TimeSpan Debounce { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// While an import is running the panel stays awake for quick partial refreshes; after this long without a
    /// change (a stalled upload) it sleeps anyway: an awake SSD16xx draws power for nothing.
    /// </summary>
    public TimeSpan AwakeWithoutChange { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// A "running" status not rewritten for this long belongs to an import that died (the reporter's heartbeat is
    /// one second): the panel says so instead of showing a frozen progress bar forever.
    /// </summary>
    public TimeSpan StaleRunningAfter { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Battery percentage changes smaller than this are not shown: the voltage curve jitters by a point or two
    /// and each shown change costs a refresh.
    /// </summary>
    public int BatteryHysteresisPercent { get; init; } = 3;

    public static DisplayOptions From(GhostRollSettings settings) => new()
    {
        StatusPath = settings.StatusPath,
        MinRefreshInterval = TimeSpan.FromSeconds(settings.DisplayMinRefreshSeconds),
        FullRefreshEvery = settings.DisplayFullRefreshEvery,
        LowBatteryPercent = settings.LowBatteryPercent,
        PollInterval = TimeSpan.FromSeconds(settings.PollSeconds),
    };
}
