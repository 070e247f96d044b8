using System.Globalization;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace GhostRoll.Lan;

/// <summary>
/// The LAN link: <c>http://&lt;IPv4&gt;[:port]/&lt;token&gt;/</c>. The address, not <c>hostname.local</c>: many
/// Android phones do not resolve mDNS names in the browser, and an IP needs no resolver at all. It is the address of
/// the interface that carries the default route (the network phones are on), read when the link is made.
/// </summary>
public static class LanAddress
{
    public static string Url(string address, int port, string token)
    {
        if (!LanToken.IsWellFormed(token))
        {
            throw new ArgumentException("not a LAN token", nameof(token));
        }

        var host = port == 80 ? address : address + ":" + port.ToString(CultureInfo.InvariantCulture);
        return $"http://{host}/{token}/";
    }

    private static (string? Address, long Ticks) _current;

    /// <summary>
    /// <see cref="DefaultRouteIPv4"/>, cached for 10 s: status.json is written several times a second during an
    /// import and interfaces change rarely. The one address the appliance shows, for SSH on the screens and in the
    /// LAN gallery link, so the two always agree.
    /// </summary>
    public static string? Current()
    {
        var now = Environment.TickCount64;
        var cached = _current;
        if (cached.Ticks != 0 && now - cached.Ticks < 10_000)
        {
            return cached.Address;
        }

        var address = DefaultRouteIPv4();
        _current = (address, now);
        return address;
    }

    /// <summary>The IPv4 of the default-route interface; else the first up, non-loopback IPv4; null when offline.</summary>
    public static string? DefaultRouteIPv4(string routeTable = "/proc/net/route")
    {
        string? routeInterface = null;
        try
        {
            routeInterface = DefaultRouteInterface(File.ReadLines(routeTable));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }

        try
        {
            var up = NetworkInterface.GetAllNetworkInterfaces()
                .Where(n => n.OperationalStatus is OperationalStatus.Up or OperationalStatus.Unknown && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
                .OrderBy(n => n.Name == routeInterface ? 0 : 1);
            return up.SelectMany(n => n.GetIPProperties().UnicastAddresses)
                .Select(a => a.Address)
                .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))?.ToString();
        }
        catch (NetworkInformationException)
        {
            return null;
        }
    }

    /// <summary>
    /// The interface of the default route in /proc/net/route (columns: Iface Destination Gateway Flags ... Metric
    /// Mask; hex, host byte order): destination and mask 0, flag RTF_UP (0x1); the lowest metric wins.
    /// </summary>
    public static string? DefaultRouteInterface(IEnumerable<string> lines) =>
        lines.Skip(1)
            .Select(l => l.Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length >= 8 && f[1] == "00000000" && f[7] == "00000000"
                && int.TryParse(f[3], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var flags) && (flags & 0x1) != 0)
            .OrderBy(f => int.TryParse(f[6], NumberStyles.Integer, CultureInfo.InvariantCulture, out var metric) ? metric : int.MaxValue)
            .Select(f => f[0])
            .FirstOrDefault();
}
