using System.Diagnostics;
using Xunit;

namespace GhostRoll.TestSupport.Screens;

/// <summary>Runs an independent command-line tool (zbarimg, pngcheck) and captures its result.</summary>
public static class ExternalTool
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static Result Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException(file);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Assert.Fail($"'{file}' is not installed ({e.Message}); run .ci/install-deps test (see .ci/deps/apt-screens.txt)");
            throw;
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();

            // A generous guard against a hung tool, not a timing assertion.
            if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"'{file}' did not finish");
            }

            return new Result(process.ExitCode, stdout.Result, stderr.Result);
        }
    }

    /// <summary>Decodes every QR code in a PNG with zbarimg (Debian zbar-tools); empty when it finds none.</summary>
    public static IReadOnlyList<string> DecodeQr(string pngPath)
    {
        var result = Run("zbarimg", "--raw", "-q", "-Sdisable", "-Sqrcode.enable", pngPath);

        // zbarimg exits 4 when the image holds no symbol (zbarimg(1), EXIT STATUS).
        Assert.True(result.ExitCode is 0 or 4, $"zbarimg failed ({result.ExitCode}): {result.Stderr}");
        return result.ExitCode == 4 ? [] : result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
