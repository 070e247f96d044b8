using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace GhostRoll.Media;

/// <summary>Why an external tool gave no answer.</summary>
public enum ToolProblem
{
    None,

    /// <summary>It could not be started (not installed, not executable).</summary>
    Missing,

    /// <summary>It overran its deadline and was killed.</summary>
    TimedOut,
}

/// <summary>One run of an external tool: exit code and output, or the <see cref="ToolProblem"/> that prevented one.</summary>
public sealed record ToolRun(int ExitCode, string Stdout, string Stderr, ToolProblem Problem = ToolProblem.None, string? ProblemText = null)
{
    /// <summary>The last line the tool wrote to stderr, for messages.</summary>
    public string LastErrorLine
    {
        get
        {
            var lines = Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return lines.Length == 0 ? "(no message)" : lines[^1];
        }
    }
}

/// <summary>
/// Runs Debian's media tools (ffmpeg, ffprobe) the one way GhostRoll does: directly (no shell, arguments never
/// parsed by one), output captured, under a deadline after which the process tree is killed.
/// </summary>
public static class ExternalTool
{
    public static async Task<ToolRun> RunAsync(string tool, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var info = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new Win32Exception($"{tool} did not start");
        }
        catch (Win32Exception e)
        {
            return new ToolRun(-1, "", "", ToolProblem.Missing, $"{tool} cannot be run ({e.Message})");
        }

        using (process)
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            var stdout = process.StandardOutput.ReadToEndAsync(deadline.Token);
            var stderr = process.StandardError.ReadToEndAsync(deadline.Token);
            try
            {
                await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
                return new ToolRun(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                return new ToolRun(-1, "", "", ToolProblem.TimedOut, $"{Path.GetFileName(tool)} did not finish within {timeout.TotalSeconds:0} s and was stopped");
            }
        }
    }
}
