namespace GhostRoll.Appliance.Hotspot;

/// <summary>HOTSPOT: when the appliance runs its own access point.</summary>
public static class HotspotModes
{
    public const string Auto = "auto";
    public const string Always = "always";
    public const string Never = "never";
}

/// <summary>What the Wi-Fi side looks like right now, from nmcli and iw.</summary>
/// <param name="DevicePresent">NetworkManager manages a Wi-Fi device of that name (a PC or a Pi without Wi-Fi has none).</param>
/// <param name="WifiConnected">It is connected to some other network (a known Wi-Fi): no hotspot needed.</param>
/// <param name="HotspotActive">Our profile is up on it.</param>
/// <param name="Stations">Phones (stations) associated with the hotspot.</param>
/// <param name="KnownNetworkVisible">A network with a saved profile is in the scan list (only looked at while the hotspot is up and idle).</param>
internal sealed record HotspotObservation(bool DevicePresent, bool WifiConnected, bool HotspotActive, int Stations, bool KnownNetworkVisible);

public enum HotspotAction
{
    None,
    Start,
    Stop,
}

/// <summary>
/// The mode decision, free of side effects so every case is a unit test. auto: NetworkManager gets
/// <c>grace</c> to join a known network (after boot, or after the hotspot gave way to one); if the Wi-Fi is still
/// not connected, the hotspot starts. It gives way again only when a known network is in range and no phone is
/// connected: a photographer looking at a gallery is never cut off.
/// </summary>
internal static class HotspotPolicy
{
    public static HotspotAction Decide(string mode, HotspotObservation seen, TimeSpan withoutWifi, TimeSpan grace)
    {
        if (!seen.DevicePresent)
        {
            return HotspotAction.None;
        }

        return mode switch
        {
            HotspotModes.Never => seen.HotspotActive ? HotspotAction.Stop : HotspotAction.None,
            HotspotModes.Always => seen.HotspotActive ? HotspotAction.None : HotspotAction.Start,
            _ when seen.HotspotActive => seen.Stations == 0 && seen.KnownNetworkVisible ? HotspotAction.Stop : HotspotAction.None,
            _ => !seen.WifiConnected && withoutWifi >= grace ? HotspotAction.Start : HotspotAction.None,
        };
    }
}
