using System.Globalization;
using GhostRoll.Media;

namespace GhostRoll.Imaging.Video;

/// <summary>
/// One frame of a clip as a JPEG, for clips the camera gave no THM poster (phones, most cameras since ~2010).
/// ffmpeg seeks to the keyframe at or before 10% of the clip (at most 1 s in: past a fade-in, before anything
/// happens) without accurate seeking, and decodes keyframes only (<c>-skip_frame nokey</c>), so exactly one frame is
/// decoded and the decoder never fills its reference-frame buffer; one thread, and scaling to the share size inside
/// ffmpeg, bound its memory (a 4K HEVC clip: 80 MB peak RSS instead of 190, docs/benchmarks/clips.md). The frame
/// comes out upright (ffmpeg applies the track's rotation), with square pixels, never enlarged, and with no
/// metadata at all; the share/thumbnail pipeline then treats it like any photo.
/// </summary>
internal static class PosterExtractor
{
    /// <summary>Where in the clip the poster is taken.</summary>
    internal static TimeSpan SeekFor(TimeSpan? duration) =>
        duration is { } d && d > TimeSpan.Zero ? TimeSpan.FromTicks(Math.Min(TimeSpan.TicksPerSecond, d.Ticks / 10)) : TimeSpan.Zero;

    /// <summary>
    /// Writes the poster of <paramref name="clip"/> to <paramref name="output"/> (a JPEG); returns null, or why
    /// there is none. Never throws for a bad clip or a missing ffmpeg.
    /// </summary>
    /// <param name="maxLongEdge">The share image's long edge: a larger frame is scaled down to it inside ffmpeg.</param>
    public static async Task<string?> ExtractAsync(VideoTools tools, string clip, TimeSpan? duration, int maxLongEdge, string output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tools);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLongEdge, 16);
        var seek = SeekFor(duration);
        var (problem, ran) = await ExtractAtAsync(tools, clip, seek, maxLongEdge, output, cancellationToken).ConfigureAwait(false);

        // A clip whose stated length is wrong (a truncated recording) may have no keyframe after the seek point:
        // its first frame is still a poster. Not retried: a missing ffmpeg or an overrun.
        return problem is not null && ran && seek > TimeSpan.Zero
            ? (await ExtractAtAsync(tools, clip, TimeSpan.Zero, maxLongEdge, output, cancellationToken).ConfigureAwait(false)).Problem
            : problem;
    }

    /// <summary>One attempt; <c>Ran</c> is false when ffmpeg could not run or overran its deadline.</summary>
    private static async Task<(string? Problem, bool Ran)> ExtractAtAsync(VideoTools tools, string clip, TimeSpan at, int maxLongEdge, string output, CancellationToken cancellationToken)
    {
        var edge = maxLongEdge.ToString(CultureInfo.InvariantCulture);
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        File.Delete(output);
        var seek = at.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
        var run = await tools.RunAsync(tools.FfmpegPath,
            [
                "-nostdin", "-hide_banner", "-loglevel", "error", "-y",
                "-threads", "1", "-skip_frame", "nokey", "-ss", seek, "-noaccurate_seek", "-i", clip,
                "-map", "0:v:0", "-frames:v", "1", "-an", "-sn", "-dn",
                "-map_metadata", "-1", "-fflags", "+bitexact", "-flags:v", "+bitexact",
                // Non-square pixels (DV, some MTS) become square; the track rotation is applied by ffmpeg itself.
                "-vf", $"scale=trunc(iw*sar/2)*2:ih,setsar=1,scale=w='min({edge},iw)':h='min({edge},ih)':force_original_aspect_ratio=decrease:flags=lanczos",
                "-threads", "1", "-c:v", "mjpeg", "-q:v", "2", "-f", "image2", output,
            ],
            cancellationToken).ConfigureAwait(false);
        if (run.Problem != ToolProblem.None)
        {
            return (run.ProblemText, false);
        }

        if (run.ExitCode != 0 || !File.Exists(output) || new FileInfo(output).Length == 0)
        {
            return ($"ffmpeg could not take a frame from it (exit {run.ExitCode}): {run.LastErrorLine}", true);
        }

        return (null, true);
    }
}
