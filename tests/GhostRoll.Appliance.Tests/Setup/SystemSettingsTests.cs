using System.Diagnostics;
using GhostRoll.Appliance.Setup;
using GhostRoll.TestSupport;

namespace GhostRoll.Appliance.Tests.Setup;

/// <summary>
/// The first-boot keys that set up the Pi itself (host name, Wi-Fi, SSH key), applied to a folder that stands in
/// for the root file system. The SSH key is made and read back by the real ssh-keygen.
/// </summary>
public sealed class SystemSettingsTests : IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private readonly TempDirectory _root = new("system-settings");

    private static Dictionary<string, string> Values(params (string Key, string Value)[] entries) =>
        entries.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);

    private string NewPublicKey(string comment)
    {
        var key = _root.Combine("key-" + comment);
        RunSshKeygen("-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", key);
        return File.ReadAllText(key + ".pub").Trim();
    }

    private static string RunSshKeygen(params string[] args)
    {
        var info = new ProcessStartInfo("ssh-keygen") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, "ssh-keygen failed: " + output);
        return output;
    }

    [Fact]
    public void Host_name_goes_to_etc_hostname_and_replaces_the_own_name_line_in_hosts()
    {
        Directory.CreateDirectory(_root.Combine("etc"));
        File.WriteAllText(_root.Combine("etc", "hosts"), "127.0.0.1\tlocalhost\n127.0.1.1\tghostroll\n::1\t\tlocalhost\n");

        var changes = SystemSettings.Apply(Values(("HOSTNAME", "studio-pi")), _root.Path);

        Assert.Equal("studio-pi\n", File.ReadAllText(_root.Combine("etc", "hostname")));
        Assert.Equal(["127.0.0.1\tlocalhost", "127.0.1.1\tstudio-pi", "::1\t\tlocalhost"], File.ReadAllLines(_root.Combine("etc", "hosts")));
        Assert.Equal(["host name set to studio-pi"], changes);
    }

    [Fact]
    public void The_SSH_key_is_allowed_for_root_once_with_owner_only_modes_and_ssh_keygen_reads_it()
    {
        var key = NewPublicKey("me@laptop");

        SystemSettings.Apply(Values(("SSH_AUTHORIZED_KEY", key)), _root.Path);
        SystemSettings.Apply(Values(("SSH_AUTHORIZED_KEY", key.Replace("me@laptop", "renamed", StringComparison.Ordinal))), _root.Path);

        var file = _root.Combine("root", ".ssh", "authorized_keys");
        Assert.Equal([key], File.ReadAllLines(file)); // the same key again is not listed twice
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(file));
        Assert.Equal(OwnerOnly | UnixFileMode.UserExecute, File.GetUnixFileMode(_root.Combine("root", ".ssh")));
        Assert.Contains("me@laptop (ED25519)", RunSshKeygen("-l", "-f", file), StringComparison.Ordinal);
    }

    [Fact]
    public void A_Wi_Fi_profile_is_root_only_and_carries_the_name_as_bytes_and_the_passphrase_escaped()
    {
        var changes = SystemSettings.Apply(Values(("WIFI_SSID", "Café;5G"), ("WIFI_PASSPHRASE", @" pass\word")), _root.Path);

        var profile = _root.Combine(SystemSettings.WifiProfile);
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(profile));
        var text = File.ReadAllText(profile);
        Assert.Contains("\nssid=67;97;102;195;169;59;53;71;\n", text, StringComparison.Ordinal); // UTF-8 bytes of "Café;5G"
        Assert.Contains("\nkey-mgmt=wpa-psk\npsk=\\spass\\\\word\n", text, StringComparison.Ordinal);
        Assert.Equal(["Wi-Fi network 'Café;5G' added (WPA)"], changes); // never the passphrase

        SystemSettings.Apply(Values(("WIFI_SSID", "guest")), _root.Path);
        Assert.DoesNotContain("[wifi-security]", File.ReadAllText(profile), StringComparison.Ordinal); // open network, old passphrase gone
    }

    [Fact]
    public void Mistakes_are_each_explained_before_anything_is_written()
    {
        var key = NewPublicKey("me@laptop");
        var truncated = key[..(key.LastIndexOf(' ') - 10)];

        var problems = SystemSettings.Validate(Values(("HOSTNAME", "my_pi"), ("WIFI_PASSPHRASE", "short"), ("SSH_AUTHORIZED_KEY", truncated)));

        Assert.Equal(3, problems.Count);
        Assert.StartsWith("HOSTNAME: 'my_pi' is not a valid host name", problems[0], StringComparison.Ordinal);
        Assert.Equal("WIFI_PASSPHRASE: given without WIFI_SSID; add the network's name", problems[1]);
        Assert.Contains("SSH_AUTHORIZED_KEY: ", problems[2], StringComparison.Ordinal);
        Assert.Contains("cut short", problems[2], StringComparison.Ordinal);

        Assert.Single(SystemSettings.Validate(Values(("WIFI_SSID", "home"), ("WIFI_PASSPHRASE", "seven77"))));
        Assert.Single(SystemSettings.Validate(Values(("SSH_AUTHORIZED_KEY", "AAAAC3NzaC1lZDI1NTE5 me"))));
        Assert.Empty(SystemSettings.Validate(Values(("HOSTNAME", "ghostroll-2"), ("WIFI_SSID", "home"), ("WIFI_PASSPHRASE", "eight888"), ("SSH_AUTHORIZED_KEY", key))));
        Assert.False(Directory.Exists(_root.Combine("etc")));
    }

    [Fact]
    public void The_Wi_Fi_passphrase_counts_as_a_secret_for_the_applied_copy()
    {
        Assert.True(SettingsFileText.IsSecret("WIFI_PASSPHRASE"));
        Assert.False(SettingsFileText.IsSecret("SSH_AUTHORIZED_KEY"));
        Assert.True(SystemSettings.IsSystemKey("hostname"));
        Assert.False(SystemSettings.IsSystemKey("SD_LABEL"));
    }

    public void Dispose() => _root.Dispose();
}
