using System.Diagnostics;

namespace GhostRoll.Integration.Tests.Support;

/// <summary>zbarimg, an independent QR reader: what a phone would read from a PNG.</summary>
internal static class ZbarImg
{
    public static string Decode(string png)
    {
        using var p = Process.Start(new ProcessStartInfo("zbarimg", ["--raw", "-q", png]) { RedirectStandardOutput = true, UseShellExecute = false })!;
        var text = p.StandardOutput.ReadToEnd().Trim();
        p.WaitForExit();
        return text;
    }
}
