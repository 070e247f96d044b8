using System.Text;
using GhostRoll.Appliance.Hotspot;
using GhostRoll.Media;

namespace GhostRoll.Appliance.Tests.TestDoubles;

/// <summary>
/// NetworkManager and iw as nmcli(1) and iw(8) show them: one Wi-Fi device, saved profiles, a scan list and the
/// stations on an access point. Answers in nmcli's documented terse format (<c>-t</c>: fields split by ':', ':' and
/// '\' in values escaped with '\'; <c>-g</c>: values only, one per line) and fails like nmcli does (exit 10,
/// "Error: ..." on stderr) for an unknown or inactive connection. Records every command.
/// </summary>
internal sealed class FakeNetworkManager(string device = "wlan0") : INetworkTool
{
    public List<string> Commands { get; } = [];

    /// <summary>Saved profiles: name, SSID, 802-11-wireless.mode (infrastructure or ap).</summary>
    public Dictionary<string, (string Ssid, string Mode)> Profiles { get; } = new() { ["Home"] = ("Home Wi-Fi", "infrastructure") };

    /// <summary>The profile the device is connected with, or null when it is disconnected.</summary>
    public string? Active { get; set; }

    /// <summary>The device's STATE while <see cref="Active"/> is set: "connected", or e.g. "connecting (configuring)".</summary>
    public string ActiveState { get; set; } = "connected";

    public bool HasWifiDevice { get; set; } = true;

    public List<string> InRange { get; } = [];

    public int Stations { get; set; }

    /// <summary>Set: every nmcli call fails as when NetworkManager is not running.</summary>
    public bool Down { get; set; }

    public string? LoadedKeyfile { get; private set; }

    public Task<ToolRun> RunAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var command = tool + " " + string.Join(' ', arguments);
        Commands.Add(command);
        if (tool == "iw")
        {
            var dump = new StringBuilder();
            for (var i = 0; i < Stations; i++)
            {
                dump.Append($"Station 5a:1e:33:00:00:{i:x2} (on {device})\n\tinactive time:\t120 ms\n\trx bytes:\t4242\n\tsignal:  \t-41 dBm\n");
            }

            return Ok(dump.ToString());
        }

        if (Down)
        {
            return Fail(8, "Error: NetworkManager is not running.");
        }

        return command switch
        {
            "nmcli -t -f DEVICE,TYPE,STATE,CONNECTION device" => Ok("lo:loopback:connected (externally):lo\neth0:ethernet:unavailable:\n"
                + (HasWifiDevice ? $"{device}:wifi:{(Active is null ? "disconnected" : ActiveState)}:{Terse(Active ?? "")}\n" : "")),
            "nmcli -t -f NAME,TYPE connection show" => Ok(string.Concat(Profiles.Keys.Select(n => $"{Terse(n)}:802-11-wireless\n")) + "lo:loopback\n"),
            _ when command.StartsWith("nmcli connection load ", StringComparison.Ordinal) => Load(arguments[^1]),
            _ when command.StartsWith("nmcli -g 802-11-wireless.ssid,802-11-wireless.mode connection show id ", StringComparison.Ordinal) =>
                Profiles.TryGetValue(arguments[^1], out var p) ? Ok($"{Terse(p.Ssid)}\n{p.Mode}\n") : Fail(10, $"Error: {arguments[^1]} - no such connection profile."),
            _ when command == $"nmcli -t -f SSID device wifi list ifname {device} --rescan no" => Ok(string.Concat(InRange.Select(s => Terse(s) + "\n"))),
            "nmcli -w 20 connection up id ghostroll-hotspot" => Up(),
            "nmcli -w 20 connection down id ghostroll-hotspot" => DownHotspot(),
            _ => Fail(2, $"Error: the fake does not know '{command}'."),
        };
    }

    private Task<ToolRun> Load(string path)
    {
        LoadedKeyfile = File.ReadAllText(path);
        Profiles[HotspotProfile.ConnectionId] = ("?", "ap");
        return Ok("");
    }

    private Task<ToolRun> Up()
    {
        if (!Profiles.ContainsKey(HotspotProfile.ConnectionId))
        {
            return Fail(10, "Error: unknown connection 'ghostroll-hotspot'.");
        }

        Active = HotspotProfile.ConnectionId;
        return Ok("Connection successfully activated (D-Bus active path: /org/freedesktop/NetworkManager/ActiveConnection/3)\n");
    }

    private Task<ToolRun> DownHotspot()
    {
        if (Active != HotspotProfile.ConnectionId)
        {
            return Fail(10, "Error: 'ghostroll-hotspot' is not an active connection.\nError: no active connection provided.");
        }

        Active = null;
        Stations = 0;
        return Ok("Connection 'ghostroll-hotspot' successfully deactivated (D-Bus active path: /org/freedesktop/NetworkManager/ActiveConnection/3)\n");
    }

    private static string Terse(string value) => value.Replace(@"\", @"\\", StringComparison.Ordinal).Replace(":", @"\:", StringComparison.Ordinal);

    private static Task<ToolRun> Ok(string stdout) => Task.FromResult(new ToolRun(0, stdout, ""));

    private static Task<ToolRun> Fail(int code, string stderr) => Task.FromResult(new ToolRun(code, "", stderr + "\n"));
}
