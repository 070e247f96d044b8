using System.Diagnostics;

namespace GhostRoll.Publishing.Tests.Support;

/// <summary>Debian's zbarimg (zbar-tools): an independent QR decoder.</summary>
public static class ZbarImg
{
    public static async Task<string> DecodeAsync(string png)
    {
        var info = new ProcessStartInfo("/usr/bin/zbarimg") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--raw", "-q", png })
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, $"zbarimg could not read {png}: {await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken)}");
        return output.TrimEnd('\n');
    }
}
