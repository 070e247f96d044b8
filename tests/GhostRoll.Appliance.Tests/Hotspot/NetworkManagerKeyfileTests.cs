using System.Diagnostics;
using System.Globalization;
using System.Text;
using GhostRoll.Appliance.Hotspot;

namespace GhostRoll.Appliance.Tests.Hotspot;

/// <summary>
/// The hotspot profile against NetworkManager's own keyfile code, offline (<c>nmcli --offline</c>, NetworkManager
/// 1.42 in bookworm, no daemon needed): our file is byte for byte what nmcli writes for the same settings, and nmcli
/// reads ours back unchanged. A small reader of the keyfile format checks that names and passphrases with ';',
/// '=', '#', backslashes, leading spaces and non-ASCII come back exactly.
/// </summary>
public sealed class NetworkManagerKeyfileTests
{
    public static TheoryData<string, string> Names => new()
    {
        { "GhostRoll-3F2A", "K7QX2M4PZTBW" },
        { "Field; kit = 2", "pass;word=with spaces" },
        { " leading space", " #not a comment\\" },
        { "back\\slash#", "trailing space " },
        { "Caf\u00e9 \u6771\u4eac", "ABCDEFGHJKMN" },
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void Our_keyfile_is_what_nmcli_offline_writes_for_the_same_settings(string ssid, string passphrase)
    {
        var ours = NetworkManagerKeyfile.Write(new HotspotProfile("wlan0", ssid, passphrase));

        var theirs = Nmcli(null, "--offline", "connection", "add", "type", "wifi", "con-name", HotspotProfile.ConnectionId,
            "connection.uuid", HotspotProfile.Uuid, "ifname", "wlan0", "autoconnect", "no",
            "wifi.mode", "ap", "wifi.ssid", ssid, "wifi.band", "bg",
            "wifi-sec.key-mgmt", "wpa-psk", "wifi-sec.proto", "rsn", "wifi-sec.pairwise", "ccmp", "wifi-sec.group", "ccmp", "wifi-sec.psk", passphrase,
            "ipv4.method", "shared", "ipv6.method", "ignore");

        Assert.Equal(theirs, ours);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Nmcli_reads_our_keyfile_back_unchanged_and_so_does_a_keyfile_reader(string ssid, string passphrase)
    {
        var ours = NetworkManagerKeyfile.Write(new HotspotProfile("wlan0", ssid, passphrase));

        // modify reads a keyfile from stdin and writes the result: a no-op change must give the same file back.
        Assert.Equal(ours, Nmcli(ours, "--offline", "connection", "modify", "connection.autoconnect", "no"));

        var file = KeyfileReader.Parse(ours);
        Assert.Equal(ssid, KeyfileReader.Ssid(file["wifi"]["ssid"]));
        Assert.Equal(passphrase, KeyfileReader.Unescape(file["wifi-security"]["psk"]));
        Assert.Equal("ap", file["wifi"]["mode"]);
        Assert.Equal("false", file["connection"]["autoconnect"]);
        Assert.Equal("shared", file["ipv4"]["method"]);
    }

    [Fact]
    public void A_keyfile_nmcli_rejects_fails_the_check()
    {
        // The check can fail: a 33-byte network name (802.11 allows 32, as HOTSPOT_SSID does) is refused by
        // NetworkManager's own validation. (Offline, nmcli does not validate secrets such as the passphrase.)
        var bad = NetworkManagerKeyfile.Write(new HotspotProfile("wlan0", new string('G', 33), "K7QX2M4PZTBW"));

        var (code, _, stderr) = Run("nmcli", bad, "--offline", "connection", "modify", "connection.autoconnect", "no");

        Assert.NotEqual(0, code);
        Assert.Contains("SSID length", stderr, StringComparison.Ordinal);
    }

    private static string Nmcli(string? stdin, params string[] arguments)
    {
        var (code, stdout, stderr) = Run("nmcli", stdin, arguments);
        Assert.True(code == 0, $"nmcli {string.Join(' ', arguments)} exited {code}: {stderr}");
        return stdout;
    }

    private static (int Code, string Stdout, string Stderr) Run(string tool, string? stdin, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Assert.Fail($"'{tool}' is not installed ({e.Message}); run .ci/install-deps test (network-manager is in .ci/deps/apt-appliance.txt)");
            throw;
        }

        using (process)
        {
            process.StandardInput.Write(stdin ?? "");
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();

            // A generous guard against a hang, not a timing assertion.
            Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), $"{tool} did not finish");
            return (process.ExitCode, stdout.Result, stderr.Result);
        }
    }

    /// <summary>Just enough of the GKeyFile format (groups, key=value, escapes) and NetworkManager's SSID forms to read the profile back.</summary>
    private static class KeyfileReader
    {
        public static Dictionary<string, Dictionary<string, string>> Parse(string text)
        {
            var groups = new Dictionary<string, Dictionary<string, string>>();
            Dictionary<string, string>? current = null;
            foreach (var line in text.Split('\n'))
            {
                if (line.StartsWith('[') && line.EndsWith(']'))
                {
                    groups[line[1..^1]] = current = [];
                }
                else if (line.Length > 0 && line[0] != '#' && line.IndexOf('=', StringComparison.Ordinal) is > 0 and var equals)
                {
                    current![line[..equals]] = line[(equals + 1)..];
                }
            }

            return groups;
        }

        public static string Unescape(string value)
        {
            var text = new StringBuilder();
            for (var i = 0; i < value.Length; i++)
            {
                if (value[i] != '\\' || i + 1 == value.Length)
                {
                    text.Append(value[i]);
                    continue;
                }

                text.Append(value[++i] switch { 's' => " ", 'n' => "\n", 't' => "\t", 'r' => "\r", '\\' => "\\", var c => "\\" + c });
            }

            return text.ToString();
        }

        /// <summary>A list of byte values ("67;97;102;") or a string whose ';' are backslash-escaped.</summary>
        public static string Ssid(string value)
        {
            if (value.EndsWith(';') && value.TrimEnd(';').Split(';').All(p => byte.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
            {
                return Encoding.UTF8.GetString([.. value.TrimEnd(';').Split(';').Select(p => byte.Parse(p, CultureInfo.InvariantCulture))]);
            }

            return Unescape(value).Replace(@"\;", ";", StringComparison.Ordinal);
        }
    }
}
