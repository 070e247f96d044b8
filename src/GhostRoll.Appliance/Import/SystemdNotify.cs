using System.Net.Sockets;
using System.Text;

namespace GhostRoll.Appliance.Import;

/// <summary>
/// sd_notify(3) without libsystemd: one datagram to <c>$NOTIFY_SOCKET</c>. A <c>Type=notify</c> unit is "started"
/// only once it says <c>READY=1</c>, which is how ghostroll-mount@ holds back the import until the card is mounted.
/// </summary>
public static class SystemdNotify
{
    /// <summary>Sends <c>READY=1</c>. Returns false (and does nothing) when not run by systemd.</summary>
    public static bool Ready() => Send("READY=1");

    public static bool Send(string state)
    {
        var path = Environment.GetEnvironmentVariable("NOTIFY_SOCKET");
        if (string.IsNullOrEmpty(path))
        {
            return false;
        }

        // "@name" is an abstract socket (unix(7)): its address starts with a NUL byte.
        var address = path[0] == '@' ? "\0" + path[1..] : path;
        using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        socket.SendTo(Encoding.UTF8.GetBytes(state), new UnixDomainSocketEndPoint(address));
        return true;
    }
}
