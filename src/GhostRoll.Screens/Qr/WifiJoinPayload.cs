using System.Text;

namespace GhostRoll.Screens.Qr;

/// <summary>
/// The text of a Wi-Fi join QR code, <c>WIFI:T:WPA;S:&lt;ssid&gt;;P:&lt;passphrase&gt;;;</c>, in the format ZXing
/// defined and the Android and iOS cameras read: a backslash goes before each of <c>\ ; , : "</c> in the SSID and
/// the passphrase, since <c>;</c> ends a field and <c>:</c> separates a field's name from its value.
/// </summary>
internal static class WifiJoinPayload
{
    public static string For(string ssid, string passphrase) =>
        $"WIFI:T:WPA;S:{Escape(ssid)};P:{Escape(passphrase)};;";

    public static string Escape(string value)
    {
        var text = new StringBuilder(value.Length + 4);
        foreach (var c in value)
        {
            if (c is '\\' or ';' or ',' or ':' or '"')
            {
                text.Append('\\');
            }

            text.Append(c);
        }

        return text.ToString();
    }
}
