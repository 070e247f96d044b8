using GhostRoll.Media;

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

    internal async Task<ToolRun> RunAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var run = await ExternalTool.RunAsync(tool, arguments, Timeout, cancellationToken).ConfigureAwait(false);
        return run.Problem == ToolProblem.Missing ? run with { ProblemText = run.ProblemText + "; install Debian's ffmpeg package" } : run;
    }
}
