using System.Buffers.Binary;
using System.Text;
using System.Text.RegularExpressions;

namespace GhostRoll.Appliance.Setup;

/// <summary>
/// The keys of a first-boot <c>ghostroll.env</c> that set up the Raspberry Pi itself rather than GhostRoll: its
/// name on the network, the Wi-Fi it joins and the SSH key that lets its owner in (the image has no password).
/// They are applied to the system's own files under <see cref="Apply"/>'s root and never copied into GhostRoll's
/// settings file, so the Wi-Fi passphrase is kept only where NetworkManager needs it (a root-only file).
/// </summary>
public static partial class SystemSettings
{
    public const string Hostname = "HOSTNAME";
    public const string WifiSsid = "WIFI_SSID";
    public const string WifiPassphrase = "WIFI_PASSPHRASE";
    public const string SshAuthorizedKey = "SSH_AUTHORIZED_KEY";

    /// <summary>The NetworkManager profile first boot writes (one network; a later file replaces it).</summary>
    public const string WifiProfile = "etc/NetworkManager/system-connections/ghostroll-wifi.nmconnection";

    public static IReadOnlyList<string> Keys { get; } = [Hostname, WifiSsid, WifiPassphrase, SshAuthorizedKey];

    public static bool IsSystemKey(string key) => Keys.Contains(key.Trim().ToUpperInvariant());

    public static bool IsSecret(string key) => key.Trim().ToUpperInvariant() == WifiPassphrase;

    /// <summary>Checks the system keys of a file; returns every problem (empty when all can be applied).</summary>
    public static IReadOnlyList<string> Validate(IReadOnlyDictionary<string, string> values)
    {
        var problems = new List<string>();
        if (values.TryGetValue(Hostname, out var hostname) && !HostnamePattern().IsMatch(hostname))
        {
            problems.Add($"{Hostname}: '{hostname}' is not a valid host name: use 1-63 letters, digits and '-', not starting or ending with '-' (e.g. ghostroll-studio)");
        }

        if (values.TryGetValue(WifiSsid, out var ssid) && (Encoding.UTF8.GetByteCount(ssid) is 0 or > 32 || ssid.Any(char.IsControl)))
        {
            problems.Add($"{WifiSsid}: a Wi-Fi network name is 1 to 32 bytes of text; check the name your router shows");
        }

        if (values.TryGetValue(WifiPassphrase, out var passphrase))
        {
            if (!values.ContainsKey(WifiSsid))
            {
                problems.Add($"{WifiPassphrase}: given without {WifiSsid}; add the network's name");
            }
            else if (!IsWpaPassphrase(passphrase))
            {
                // IEEE 802.11i-2004 H.4.1: a WPA passphrase is 8 to 63 printable ASCII characters (or 64 hex digits, the key itself).
                problems.Add($"{WifiPassphrase}: a WPA passphrase is 8 to 63 printable ASCII characters (or 64 hex digits); leave it out for an open network");
            }
        }

        if (values.TryGetValue(SshAuthorizedKey, out var key) && ParseSshKey(key) is { } keyProblem)
        {
            problems.Add($"{SshAuthorizedKey}: {keyProblem}");
        }

        return problems;
    }

    /// <summary>
    /// Applies the system keys under <paramref name="root"/> ("/" on the appliance; a folder in tests) and returns one
    /// line per change, without secrets. Call <see cref="Validate"/> first.
    /// </summary>
    public static IReadOnlyList<string> Apply(IReadOnlyDictionary<string, string> values, string root)
    {
        var changes = new List<string>();
        if (values.TryGetValue(Hostname, out var hostname))
        {
            // Rewritten in place, not renamed over: the first-boot unit can write only these two files in /etc.
            File.WriteAllText(Path.Join(root, "etc/hostname"), hostname + "\n");
            var hosts = Path.Join(root, "etc/hosts");
            var lines = File.Exists(hosts) ? File.ReadAllLines(hosts).ToList() : ["127.0.0.1\tlocalhost"];
            // Debian's convention (Debian Reference 5.1.1): the host's own name resolves through 127.0.1.1.
            var own = lines.FindIndex(l => l.StartsWith("127.0.1.1", StringComparison.Ordinal));
            if (own >= 0)
            {
                lines[own] = "127.0.1.1\t" + hostname;
            }
            else
            {
                lines.Insert(Math.Min(1, lines.Count), "127.0.1.1\t" + hostname);
            }

            File.WriteAllLines(hosts, lines);
            changes.Add($"host name set to {hostname}");
        }

        if (values.TryGetValue(WifiSsid, out var ssid))
        {
            var profile = Path.Join(root, WifiProfile);
            Directory.CreateDirectory(Path.GetDirectoryName(profile)!);
            // NetworkManager ignores a profile that others can read: create it 0600 before the passphrase goes in.
            using (var stream = new FileStream(profile, new FileStreamOptions
            {
                Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            }))
            using (var writer = new StreamWriter(stream, new UTF8Encoding(false)))
            {
                writer.Write(WifiProfileText(ssid, values.GetValueOrDefault(WifiPassphrase)));
            }

            File.SetUnixFileMode(profile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            changes.Add($"Wi-Fi network '{ssid}' added ({(values.ContainsKey(WifiPassphrase) ? "WPA" : "open")})");
        }

        if (values.TryGetValue(SshAuthorizedKey, out var key))
        {
            var folder = Path.Join(root, "root/.ssh");
            Directory.CreateDirectory(folder);
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var file = Path.Join(folder, "authorized_keys");
            var existing = File.Exists(file) ? File.ReadAllLines(file) : [];
            var fields = key.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
            // A card that is set up twice with the same key must not list it twice; compare the key, not the comment.
            if (!existing.Any(l => l.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries) is [_, var body, ..] && body == fields[1]))
            {
                File.AppendAllText(file, (existing.Length > 0 && !File.ReadAllText(file).EndsWith('\n') ? "\n" : "") + key.Trim() + "\n");
            }

            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            changes.Add($"SSH key {fields[0]}{(fields.Length > 2 ? " " + fields[2] : "")} allowed for root");
        }

        return changes;
    }

    /// <summary>A NetworkManager keyfile (nm-settings-keyfile(5)) for one WPA-PSK or open network that joins automatically.</summary>
    internal static string WifiProfileText(string ssid, string? passphrase)
    {
        var text = new StringBuilder();
        text.Append("# Written on first boot by ghostroll setup from the boot partition's ghostroll.env.\n");
        text.Append("[connection]\nid=ghostroll-wifi\ntype=wifi\nautoconnect=true\n\n");
        // The SSID as a list of byte values: the keyfile form that needs no escaping whatever the name holds.
        text.Append("[wifi]\nmode=infrastructure\nssid=").AppendJoin("", Encoding.UTF8.GetBytes(ssid).Select(b => b + ";")).Append("\n\n");
        if (passphrase is not null)
        {
            text.Append("[wifi-security]\nkey-mgmt=wpa-psk\npsk=").Append(KeyFileString(passphrase)).Append("\n\n");
        }

        text.Append("[ipv4]\nmethod=auto\n\n[ipv6]\nmethod=auto\n");
        return text.ToString();
    }

    /// <summary>GKeyFile string escaping: a backslash doubled, a leading space as \s (else it would be trimmed).</summary>
    private static string KeyFileString(string value)
    {
        var escaped = value.Replace("\\", "\\\\", StringComparison.Ordinal);
        return escaped.StartsWith(' ') ? "\\s" + escaped[1..] : escaped;
    }

    private static bool IsWpaPassphrase(string value) =>
        value.Length is >= 8 and <= 63 && value.All(c => c is >= ' ' and <= '~')
        || value.Length == 64 && value.All(char.IsAsciiHexDigit);

    /// <summary>
    /// Checks one authorized_keys line "TYPE BASE64 [COMMENT]": a type sshd accepts, and a key blob whose own type
    /// field (RFC 4253 6.6: a uint32 length, then the name) matches, so a truncated paste is caught here, not at login.
    /// </summary>
    private static string? ParseSshKey(string line)
    {
        var fields = line.Trim().Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        string[] types = ["ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521",
            "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com"];
        const string hint = "paste one line of your public key file (e.g. ~/.ssh/id_ed25519.pub), like 'ssh-ed25519 AAAAC3Nza... you@laptop'";
        if (fields.Length < 2 || !types.Contains(fields[0]))
        {
            return "not an SSH public key; " + hint;
        }

        var blob = new byte[fields[1].Length];
        if (!Convert.TryFromBase64String(fields[1], blob, out var length) || length < 4)
        {
            return "the key's base64 part is damaged (cut short when copied?); " + hint;
        }

        var nameLength = BinaryPrimitives.ReadUInt32BigEndian(blob);
        if (nameLength > length - 4 || Encoding.ASCII.GetString(blob, 4, (int)nameLength) != fields[0])
        {
            return $"the key data does not match its type {fields[0]} (cut short when copied?); " + hint;
        }

        return null;
    }

    // RFC 1123 2.1 host name label: letters, digits, hyphens; 1-63 characters; no hyphen at either end.
    [GeneratedRegex("^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$")]
    private static partial Regex HostnamePattern();
}
