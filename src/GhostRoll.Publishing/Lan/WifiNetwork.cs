using System.Diagnostics;

namespace GhostRoll.Publishing.Lan;

/// <summary>
/// The name (SSID) of the Wi-Fi network the appliance is on, shown under the LAN QR so a phone joins the right
/// network first. Asked of NetworkManager (<c>nmcli</c>), else wireless-tools (<c>iwgetid</c>); null when neither
/// is installed, the link is wired, or they do not answer within two seconds: the screen then omits the line.
/// </summary>
internal static class WifiNetwork
{
    public static string? CurrentName() =>
        FromNmcli(Run("nmcli", "-t", "-f", "ACTIVE,SSID", "device", "wifi", "list", "--rescan", "no"))
        ?? Clean(Run("iwgetid", "-r"));

    /// <summary>The SSID of the line <c>yes:NAME</c> in <c>nmcli -t -f ACTIVE,SSID</c> output (colons in names come escaped as <c>\:</c>).</summary>
    public static string? FromNmcli(string? output) =>
        output?.Split('\n').Select(l => l.TrimEnd('\r'))
            .Where(l => l.StartsWith("yes:", StringComparison.Ordinal))
            .Select(l => Clean(l[4..].Replace("\\:", ":", StringComparison.Ordinal)))
            .FirstOrDefault(n => n is not null);

    private static string? Clean(string? name)
    {
        var text = name?.Trim();
        return string.IsNullOrEmpty(text) || text.Length > 32 || text.Any(char.IsControl) ? null : text;
    }

    private static string? Run(string program, params string[] arguments)
    {
        try
        {
            var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in arguments)
            {
                start.ArgumentList.Add(a);
            }

            using var process = Process.Start(start);
            if (process is null)
            {
                return null;
            }

            var output = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(2000))
            {
                process.Kill();
                return null;
            }

            return process.ExitCode == 0 ? output.Result : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // not installed
        }
    }
}
