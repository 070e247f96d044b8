using System.Diagnostics;

namespace GhostRoll.Gallery.Tests.Support;

/// <summary>Runs an independent command-line tool (vipsthumbnail, exiftool) and fails loudly with its stderr.</summary>
internal static class ExternalTool
{
    public static string Run(string executable, params string[] arguments) => RunBytes(executable, arguments).Text;

    public static (byte[] Bytes, string Text) RunBytes(string executable, params string[] arguments)
    {
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {executable}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{executable} is not installed: run .ci/install-deps test ({e.Message})", e);
        }

        using (process)
        {
            using var output = new MemoryStream();
            var stderr = process.StandardError.ReadToEndAsync();
            process.StandardOutput.BaseStream.CopyTo(output);
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{executable} {string.Join(' ', arguments)} failed ({process.ExitCode}): {stderr.Result}");
            }

            var bytes = output.ToArray();
            return (bytes, System.Text.Encoding.UTF8.GetString(bytes));
        }
    }
}
