using System.Text;
using GhostRoll.Media;
using Microsoft.Extensions.Logging;

namespace GhostRoll.Appliance.Hotspot;

/// <summary>
/// Looks at the Wi-Fi through nmcli and iw and brings the hotspot profile up or down. The decision itself is
/// <see cref="HotspotPolicy"/>'s; this class only talks to NetworkManager (over D-Bus, through nmcli).
/// </summary>
internal sealed class HotspotController(INetworkTool tool, HotspotProfile profile, string keyfilePath, ILogger logger)
{
    /// <summary>
    /// How long nmcli waits for an activation (its default is 90 s): less than the tool's deadline, so nmcli answers
    /// rather than being killed; NetworkManager carries on with a slow activation either way.
    /// </summary>
    private const string NmcliWaitSeconds = "20";

    private string? _lastFailure;

    /// <summary>Writes the profile (root-owned, 0600, as NetworkManager requires) and has NetworkManager (re)read it.</summary>
    public async Task<bool> InstallProfileAsync(CancellationToken cancellationToken)
    {
        PrivateFile.Write(keyfilePath, NetworkManagerKeyfile.Write(profile));
        return await NmcliAsync(cancellationToken, "connection", "load", keyfilePath).ConfigureAwait(false) is not null;
    }

    /// <summary>The Wi-Fi as it is now. <paramref name="lookForKnown"/> also compares the scan list with the saved networks (a few more nmcli calls).</summary>
    public async Task<HotspotObservation> ObserveAsync(bool lookForKnown, CancellationToken cancellationToken)
    {
        var devices = await NmcliAsync(cancellationToken, "-t", "-f", "DEVICE,TYPE,STATE,CONNECTION", "device").ConfigureAwait(false);
        var device = devices is null ? null : NmcliTerse.Lines(devices).FirstOrDefault(f => f.Count >= 4 && f[0] == profile.Interface && f[1] == "wifi");
        if (device is null)
        {
            return new HotspotObservation(false, false, false, 0, false);
        }

        // STATE is "connected", "connected (externally)" or e.g. "connecting (configuring)"; CONNECTION names the
        // profile even while it is still coming up. Ours coming up counts as up (asking again would restart it), and
        // another network being joined counts as Wi-Fi: NetworkManager's own retries are limited (autoconnect-retries).
        var busy = device[2].StartsWith("connect", StringComparison.Ordinal) && device[3].Length > 0;
        var active = busy && device[3] == HotspotProfile.ConnectionId;
        var stations = active ? await StationsAsync(cancellationToken).ConfigureAwait(false) : 0;
        var knownVisible = active && stations == 0 && lookForKnown && await KnownNetworkVisibleAsync(cancellationToken).ConfigureAwait(false);
        return new HotspotObservation(true, busy && !active, active, stations, knownVisible);
    }

    public async Task<bool> StartAsync(CancellationToken cancellationToken) =>
        await NmcliAsync(cancellationToken, "-w", NmcliWaitSeconds, "connection", "up", "id", HotspotProfile.ConnectionId).ConfigureAwait(false) is not null;

    public async Task<bool> StopAsync(CancellationToken cancellationToken) =>
        await NmcliAsync(cancellationToken, "-w", NmcliWaitSeconds, "connection", "down", "id", HotspotProfile.ConnectionId).ConfigureAwait(false) is not null;

    /// <summary>Associated stations: each one is a "Station aa:bb:..." block in <c>iw dev IF station dump</c>.</summary>
    private async Task<int> StationsAsync(CancellationToken cancellationToken)
    {
        var run = await tool.RunAsync("iw", ["dev", profile.Interface, "station", "dump"], cancellationToken).ConfigureAwait(false);
        if (!Succeeded("iw dev station dump", run))
        {
            return 0;
        }

        return run.Stdout.Split('\n').Count(l => l.StartsWith("Station ", StringComparison.Ordinal));
    }

    private async Task<bool> KnownNetworkVisibleAsync(CancellationToken cancellationToken)
    {
        var profiles = await NmcliAsync(cancellationToken, "-t", "-f", "NAME,TYPE", "connection", "show").ConfigureAwait(false);
        if (profiles is null)
        {
            return false;
        }

        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var fields in NmcliTerse.Lines(profiles))
        {
            if (fields.Count < 2 || fields[1] != "802-11-wireless" || fields[0] == HotspotProfile.ConnectionId)
            {
                continue;
            }

            // -g prints the values alone, one per line, ':' escaped as in terse mode. Another access point
            // profile is not a network to join.
            var values = await NmcliAsync(cancellationToken, "-g", "802-11-wireless.ssid,802-11-wireless.mode", "connection", "show", "id", fields[0]).ConfigureAwait(false);
            var lines = values?.Split('\n') ?? [];
            if (lines.Length >= 2 && lines[1].Trim() != "ap" && lines[0].Length > 0)
            {
                known.Add(NmcliTerse.Unescape(lines[0]));
            }
        }

        if (known.Count == 0)
        {
            return false;
        }

        // NetworkManager's last scan results; no new scan is forced while the radio serves the hotspot.
        var visible = await NmcliAsync(cancellationToken, "-t", "-f", "SSID", "device", "wifi", "list", "ifname", profile.Interface, "--rescan", "no").ConfigureAwait(false);
        return visible is not null && NmcliTerse.Lines(visible).Any(f => f.Count >= 1 && known.Contains(f[0]));
    }

    private async Task<string?> NmcliAsync(CancellationToken cancellationToken, params string[] arguments)
    {
        var run = await tool.RunAsync("nmcli", arguments, cancellationToken).ConfigureAwait(false);
        return Succeeded("nmcli " + string.Join(' ', arguments), run) ? run.Stdout : null;
    }

    /// <summary>Logs a failing command once (not every 5 s) until commands work again.</summary>
    private bool Succeeded(string command, ToolRun run)
    {
        if (run.Problem == ToolProblem.None && run.ExitCode == 0)
        {
            _lastFailure = null;
            return true;
        }

        var problem = run.ProblemText ?? $"exit {run.ExitCode}: {run.LastErrorLine}";
        if (_lastFailure != command)
        {
            HotspotLog.ToolFailed(logger, command, problem);
            _lastFailure = command;
        }

        return false;
    }
}

/// <summary>nmcli's terse output (<c>-t</c>): one record per line, fields split by ':', with ':' and '\' in values escaped by a backslash.</summary>
internal static class NmcliTerse
{
    public static IEnumerable<List<string>> Lines(string output)
    {
        foreach (var line in output.Split('\n'))
        {
            if (line.Length == 0)
            {
                continue;
            }

            var fields = new List<string>();
            var field = new StringBuilder();
            for (var i = 0; i < line.Length; i++)
            {
                if (line[i] == '\\' && i + 1 < line.Length)
                {
                    field.Append(line[++i]);
                }
                else if (line[i] == ':')
                {
                    fields.Add(field.ToString());
                    field.Clear();
                }
                else
                {
                    field.Append(line[i]);
                }
            }

            fields.Add(field.ToString());
            yield return fields;
        }
    }

    /// <summary>One value as <c>nmcli -g</c> prints it (escaped like a terse field).</summary>
    public static string Unescape(string value) => Lines(value).FirstOrDefault() is { } fields ? string.Join(':', fields) : "";
}
