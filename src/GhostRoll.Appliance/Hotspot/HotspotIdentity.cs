using System.Security.Cryptography;
using System.Text;
using GhostRoll.Configuration;

namespace GhostRoll.Appliance.Hotspot;

/// <summary>Where the hotspot's files live and what it is called.</summary>
public sealed record HotspotPaths(string Keyfile, string Passphrase, string State)
{
    /// <summary>
    /// The passphrase sits beside the settings file (/etc/ghostroll, mode 0600, owned by the service account like
    /// ghostroll.env), the profile where NetworkManager reads it, the state in the runtime folder.
    /// </summary>
    public static HotspotPaths Default { get; } = new(HotspotProfile.DefaultPath, "/etc/ghostroll/hotspot-passphrase", HotspotState.DefaultPath);
}

public static class HotspotIdentity
{
    /// <summary>
    /// HOTSPOT_SSID, else <c>GhostRoll-XXXX</c>: four hex digits of a keyed hash of /etc/machine-id, so two
    /// appliances side by side differ, nothing personal is broadcast, and the machine id itself is not exposed
    /// (machine-id(5) asks for an application-keyed hash).
    /// </summary>
    public static string Ssid(GhostRollSettings settings, string machineIdPath = "/etc/machine-id")
    {
        if (settings.HotspotSsid is { } configured)
        {
            return configured;
        }

        string id;
        try
        {
            id = File.ReadAllText(machineIdPath).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            id = Environment.MachineName;
        }

        var hash = HMACSHA256.HashData(Encoding.ASCII.GetBytes("GhostRoll hotspot"), Encoding.UTF8.GetBytes(id));
        return "GhostRoll-" + Convert.ToHexString(hash, 0, 2);
    }
}
