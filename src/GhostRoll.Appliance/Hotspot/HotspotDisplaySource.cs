using GhostRoll.Status;

namespace GhostRoll.Appliance.Hotspot;

/// <summary>
/// What the display shows of the hotspot: the service's state file plus the passphrase file (the display runs as
/// the service account, which owns it). Null while the hotspot is down or either file is missing or unreadable.
/// </summary>
public sealed class HotspotDisplaySource(HotspotPaths paths)
{
    public HotspotView? Read()
    {
        if (HotspotState.TryRead(paths.State) is not { Active: true } state || HotspotPassphrase.Read(paths.Passphrase) is not { } passphrase)
        {
            return null;
        }

        return new HotspotView(state.Ssid, passphrase, state.Stations);
    }

    /// <summary>The state file exists: the hotspot service runs, so the display looks again every few seconds (it is outside the watched folder).</summary>
    public bool ServiceRunning => File.Exists(paths.State);
}
