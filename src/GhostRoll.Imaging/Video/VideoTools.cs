using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace GhostRoll.Imaging.Video;

/// <summary>
/// Debian's ffmpeg and ffprobe as the derive stage runs them: directly (no shell), one thread each, under a
/// deadline after which the process is killed. A clip is never trusted: whatever the tools report is checked.
/// </summary>
/// <param name="ffmpegPath">ffmpeg to run (default: <c>ffmpeg</c> on PATH, from Debian's ffmpeg package).</param>
/// <param name="ffprobePath">ffprobe to run (default: <c>ffprobe</c> beside <paramref name="ffmpegPath"/>, else on PATH).</param>
/// <param name="timeout">
/// Deadline for one run (default 60 s: one keyframe of a 4K HEVC clip decodes in well under 10 s of CPU on a
/// Pi Zero 2 W, docs/benchmarks/clips.md; a clip that takes longer is treated as unreadable).
/// </param>
public sealed class VideoTools(string? ffmpegPath = null, string? ffprobePath = null, TimeSpan? timeout = null)
{
    public string FfmpegPath { get; } = ffmpegPath ?? "ffmpeg";

    public string FfprobePath { get; } = ffprobePath
        ?? (Path.GetDirectoryName(ffmpegPath ?? "") is { Length: > 0 } dir ? Path.Combine(dir, "ffprobe") : "ffprobe");

    public TimeSpan Timeout { get; } = timeout ?? TimeSpan.FromSeconds(60);

    /// <summary>Exit code and output of one run; <see cref="Problem"/> says why there is none (tool missing, deadline).</summary>
    internal sealed record ToolRun(int ExitCode, string Stdout, string Stderr, string? Problem = null)
    {
        public string LastErrorLine
        {
            get
            {
                var lines = Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                return lines.Length == 0 ? "(no message)" : lines[^1];
            }
        }
    }

    internal async Task<ToolRun> RunAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
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
            return new ToolRun(-1, "", "", $"{tool} cannot be run ({e.Message}); install Debian's ffmpeg package");
        }

        using (process)
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(Timeout);
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
                return new ToolRun(-1, "", "", $"{Path.GetFileName(tool)} did not finish within {Timeout.TotalSeconds:0} s and was stopped");
            }
        }
    }
}
