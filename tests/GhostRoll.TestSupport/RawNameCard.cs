using System.Diagnostics;
using System.Text;
using Xunit;

namespace GhostRoll.TestSupport;

/// <summary>
/// A card folder whose names are raw bytes (not UTF-8), written with the shell: .NET strings cannot name them, and
/// cannot delete them either (so <see cref="TempDirectory"/> would leave them behind).
/// </summary>
public sealed class RawNameCard : IDisposable
{
    private readonly TempDirectory _temp = new("nonutf8");

    public string Root => _temp.Path;

    /// <summary>Distinct content per file, so no file hides another as a duplicate.</summary>
    public static byte[] Content(byte[] path) => [.. "GhostRoll test file "u8, .. path];

    public void Write(IEnumerable<(byte[] Path, byte[] Content)> files)
    {
        foreach (var (path, content) in files)
        {
            var staging = _temp.Combine("staging");
            File.WriteAllBytes(staging, content);
            var target = Octal([.. Encoding.UTF8.GetBytes(Root + "/"), .. path]);
            Sh($"target=\"$(printf '%b' '{target}')\" && mkdir -p \"$(dirname \"$target\")\" && mv '{staging}' \"$target\"");
        }
    }

    /// <summary>Every entry as bytes with its size and SHA-256, read by find(1) and sha256sum(1).</summary>
    public string Snapshot() => Sh($"cd '{Root}' && find . -printf '%p|%y|%s|%T@\\n' | sort && find . -type f -print0 | sort -z | xargs -0 sha256sum");

    public void Dispose()
    {
        Sh($"rm -rf '{Root}'");
        _temp.Dispose();
    }

    /// <summary>An argument for <c>printf '%b'</c>: every byte as <c>\0NNN</c>, so no byte means anything to the shell.</summary>
    private static string Octal(byte[] bytes) => string.Concat(bytes.Select(b => $"\\0{Convert.ToString(b, 8).PadLeft(3, '0')}"));

    private static string Sh(string script)
    {
        using var process = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", script]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{script}\n{error}");
        return output.Result;
    }
}
