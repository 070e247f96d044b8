using System.Globalization;
using System.Text;

namespace GhostRoll.Appliance.Hotspot;

/// <summary>What the hotspot profile says: interface, network name and passphrase.</summary>
internal sealed record HotspotProfile(string Interface, string Ssid, string Passphrase)
{
    /// <summary>NetworkManager's name for the profile (<c>nmcli connection up ghostroll-hotspot</c>).</summary>
    public const string ConnectionId = "ghostroll-hotspot";

    /// <summary>Where NetworkManager's keyfile plugin reads system profiles; it ignores files not owned by root with mode 0600.</summary>
    public const string DefaultPath = "/etc/NetworkManager/system-connections/ghostroll-hotspot.nmconnection";

    /// <summary>A fixed UUID, so rewriting the file updates the same profile instead of adding one.</summary>
    public const string Uuid = "8d0c5a3e-2f6b-4c61-9a57-6a2f1e0b7c41";
}

/// <summary>
/// Writes the hotspot profile as a NetworkManager keyfile (nm-settings-keyfile(5)), exactly as NetworkManager itself
/// writes one for the same settings (a test compares with <c>nmcli --offline connection add</c>). Every key is
/// explained in docs/hotspot.md.
/// </summary>
internal static class NetworkManagerKeyfile
{
    public static string Write(HotspotProfile profile)
    {
        var text = new StringBuilder();
        text.Append("[connection]\n")
            .Append("id=").Append(Escape(HotspotProfile.ConnectionId)).Append('\n')
            .Append("uuid=").Append(HotspotProfile.Uuid).Append('\n')
            .Append("type=wifi\n")
            // Started by `ghostroll hotspot` when the mode says so, never by NetworkManager on its own.
            .Append("autoconnect=false\n")
            .Append("interface-name=").Append(Escape(profile.Interface)).Append("\n\n")
            .Append("[wifi]\n")
            // 2.4 GHz: every board with AP mode (the Zero 2 W is 2.4 GHz only) and every phone can use it.
            .Append("band=bg\n")
            .Append("mode=ap\n")
            .Append("ssid=").Append(Ssid(profile.Ssid)).Append("\n\n")
            .Append("[wifi-security]\n")
            .Append("group=ccmp;\n")
            .Append("key-mgmt=wpa-psk\n")
            .Append("pairwise=ccmp;\n")
            .Append("proto=rsn;\n")
            .Append("psk=").Append(Escape(profile.Passphrase)).Append("\n\n")
            .Append("[ipv4]\n")
            // NetworkManager's own dnsmasq hands the phone an address (10.42.0.x) and NATs to any uplink.
            .Append("method=shared\n\n")
            .Append("[ipv6]\n")
            .Append("addr-gen-mode=default\n")
            .Append("method=ignore\n\n")
            .Append("[proxy]\n");
        return text.ToString();
    }

    /// <summary>
    /// A string value as GKeyFile escapes it (g_key_file_set_string): backslash doubled, a leading space as <c>\s</c>,
    /// and newline, tab and carriage return as <c>\n \t \r</c>. Semicolons, '=' and '#' need nothing in a value.
    /// </summary>
    public static string Escape(string value)
    {
        var text = new StringBuilder(value.Length + 4);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            text.Append(c switch
            {
                ' ' when i == 0 => @"\s",
                '\\' => @"\\",
                '\n' => @"\n",
                '\t' => @"\t",
                '\r' => @"\r",
                _ => c.ToString(),
            });
        }

        return text.ToString();
    }

    /// <summary>
    /// The SSID as NetworkManager's keyfile writer stores it: a string when every byte is printable ASCII (with
    /// <c>;</c> escaped by a backslash, since a bare one would read as a list), else the bytes as a list of decimal
    /// numbers each followed by <c>;</c> (UTF-8 names such as "Café").
    /// </summary>
    public static string Ssid(string ssid)
    {
        var bytes = Encoding.UTF8.GetBytes(ssid);
        if (bytes.All(b => b is >= 0x20 and <= 0x7E))
        {
            return Escape(ssid.Replace(";", @"\;", StringComparison.Ordinal));
        }

        var list = new StringBuilder();
        foreach (var b in bytes)
        {
            list.Append(b.ToString(CultureInfo.InvariantCulture)).Append(';');
        }

        return list.ToString();
    }
}
