using System.Text.Json;
using GhostRoll.Media;

namespace GhostRoll.Publishing.Clips;

/// <summary>Why a clip could not be made location-free.</summary>
public enum ScrubFailure
{
    None,

    /// <summary>ffmpeg/ffprobe could not be started (not installed): no clip can be published.</summary>
    ToolMissing,

    /// <summary>This clip could not be remuxed, or the result still named a location: this clip stays local.</summary>
    ClipFailed,
}

/// <summary>
/// A location-free copy of a clip in a temporary file (deleted on dispose), or why there is none. Publish
/// <see cref="Path"/>, never the original.
/// </summary>
public sealed class ScrubbedClip : IDisposable
{
    private ScrubbedClip(string? path, ScrubFailure failure, string? reason)
    {
        Path = path;
        Failure = failure;
        Reason = reason;
    }

    /// <summary>The clean copy; null when <see cref="Failure"/> is set.</summary>
    public string? Path { get; }

    public ScrubFailure Failure { get; }

    /// <summary>What went wrong, in words for the log; null on success.</summary>
    public string? Reason { get; }

    internal static ScrubbedClip Clean(string path) => new(path, ScrubFailure.None, null);

    internal static ScrubbedClip Failed(ScrubFailure failure, string reason) => new(null, failure, reason);

    public void Dispose()
    {
        if (Path is not null)
        {
            try
            {
                File.Delete(Path);
            }
            catch (IOException)
            {
                // A leftover temp file under .publish/ is harmless; the next run overwrites nothing with it.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}

/// <summary>
/// Makes the copy of a clip that may leave the appliance: nothing we publish carries a location. The clip is
/// remuxed (no re-encode: <c>-c copy</c>) by Debian's ffmpeg with all metadata dropped (global, stream and chapter
/// metadata, data streams such as Apple's timed-metadata tracks or GoPro telemetry, subtitles) except the capture
/// time (<c>creation_time</c>, taken from the source). The rotation survives: it is the track matrix, not metadata.
/// The output is checked with ffprobe before anyone may upload it: no tag may name a location, and no data stream
/// may remain. The original is only read. Used by every publisher that sends clips somewhere (today: S3).
/// <para>
/// Runs the tools directly (no shell), with a deadline; the output is bit-exact, so the same clip gives the same
/// bytes on every run (the upload ledger then skips what is already in the bucket).
/// </para>
/// </summary>
public sealed class ClipScrubber
{
    /// <summary>Tag names that carry a place (QuickTime <c>location</c>/<c>©xyz</c>, Apple's ISO 6709 key, GPS tags) or a device serial.</summary>
    private static readonly string[] RevealingKeys = ["location", "gps", "xyz", "6709", "coordinates", "latitude", "longitude", "serial"];

    /// <param name="ffmpegPath">ffmpeg to run (default: <c>ffmpeg</c> on PATH, from Debian's ffmpeg package).</param>
    /// <param name="ffprobePath">ffprobe to run (default: <c>ffprobe</c> beside <paramref name="ffmpegPath"/>, else on PATH).</param>
    /// <param name="timeout">Deadline for one tool run (default 10 minutes: a 512 MB clip remuxed on a Pi's SD card).</param>
    public ClipScrubber(string? ffmpegPath = null, string? ffprobePath = null, TimeSpan? timeout = null)
    {
        FfmpegPath = ffmpegPath ?? "ffmpeg";
        FfprobePath = ffprobePath ?? (System.IO.Path.GetDirectoryName(FfmpegPath) is { Length: > 0 } dir ? System.IO.Path.Combine(dir, "ffprobe") : "ffprobe");
        Timeout = timeout ?? TimeSpan.FromMinutes(10);
    }

    public string FfmpegPath { get; }

    public string FfprobePath { get; }

    public TimeSpan Timeout { get; }

    /// <summary>
    /// Writes a location-free copy of <paramref name="source"/> into <paramref name="workDir"/> (created if needed;
    /// beside the session, never on the card). Never throws for a bad clip or a missing tool: the result says why.
    /// </summary>
    public async Task<ScrubbedClip> ScrubAsync(string source, string workDir, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(source);
        ArgumentException.ThrowIfNullOrEmpty(workDir);
        Directory.CreateDirectory(workDir);
        var extension = System.IO.Path.GetExtension(source).ToLowerInvariant();
        var output = System.IO.Path.Combine(workDir, $"clip-{Guid.NewGuid():N}{extension}"); // ffmpeg picks the container by extension
        var name = System.IO.Path.GetFileName(source);
        var keep = false;
        try
        {
            var before = await ProbeAsync(source, cancellationToken).ConfigureAwait(false);
            if (before.Failure is not null)
            {
                return before.Failure;
            }

            var arguments = new List<string>
            {
                "-nostdin", "-v", "error", "-y", "-i", source,
                "-map", "0:v", "-map", "0:a?", "-dn", "-sn",
                "-map_metadata", "-1", "-map_chapters", "-1",
                "-c", "copy", "-fflags", "+bitexact",
            };
            if (before.CreationTime is { } created)
            {
                arguments.Add("-metadata");
                arguments.Add("creation_time=" + created);
            }

            arguments.Add(output);
            var remux = await RunAsync(FfmpegPath, arguments, cancellationToken).ConfigureAwait(false);
            if (remux.Failure is { } failure)
            {
                return failure;
            }

            if (remux.ExitCode != 0 || !File.Exists(output))
            {
                return ScrubbedClip.Failed(ScrubFailure.ClipFailed, $"ffmpeg could not remux {name} without its metadata (exit {remux.ExitCode}): {LastLine(remux.Stderr)}");
            }

            var after = await ProbeAsync(output, cancellationToken).ConfigureAwait(false);
            if (after.Failure is not null)
            {
                return after.Failure;
            }

            if (after.Revealing.Count > 0)
            {
                return ScrubbedClip.Failed(ScrubFailure.ClipFailed, $"the copy of {name} without metadata still names {string.Join(", ", after.Revealing)}");
            }

            if (after.DataStreams > 0 || after.VideoStreams == 0)
            {
                return ScrubbedClip.Failed(ScrubFailure.ClipFailed, $"the copy of {name} has {after.VideoStreams} video and {after.DataStreams} data streams (expected video and no data)");
            }

            keep = true;
            return ScrubbedClip.Clean(output);
        }
        finally
        {
            if (!keep)
            {
                File.Delete(output);
            }
        }
    }

    private sealed record Probe(ScrubbedClip? Failure, string? CreationTime = null, IReadOnlyList<string>? RevealingTags = null, int VideoStreams = 0, int DataStreams = 0)
    {
        public IReadOnlyList<string> Revealing => RevealingTags ?? [];
    }

    /// <summary>ffprobe's view of a file: its creation time, any tag that names a place, and its stream kinds.</summary>
    private async Task<Probe> ProbeAsync(string path, CancellationToken cancellationToken)
    {
        var run = await RunAsync(FfprobePath, ["-v", "error", "-show_entries", "format_tags:stream=codec_type:stream_tags", "-of", "json", path], cancellationToken).ConfigureAwait(false);
        if (run.Failure is { } failure)
        {
            return new Probe(failure);
        }

        var name = System.IO.Path.GetFileName(path);
        if (run.ExitCode != 0)
        {
            return new Probe(ScrubbedClip.Failed(ScrubFailure.ClipFailed, $"ffprobe could not read {name} (exit {run.ExitCode}): {LastLine(run.Stderr)}"));
        }

        try
        {
            using var document = JsonDocument.Parse(run.Stdout);
            var root = document.RootElement;
            var revealing = new List<string>();
            string? created = null;
            if (root.TryGetProperty("format", out var format) && format.TryGetProperty("tags", out var formatTags))
            {
                Inspect(formatTags, revealing);
                if (formatTags.TryGetProperty("creation_time", out var time) && time.ValueKind == JsonValueKind.String && IsTimestamp(time.GetString()))
                {
                    created = time.GetString();
                }
            }

            int video = 0, data = 0;
            if (root.TryGetProperty("streams", out var streams))
            {
                foreach (var stream in streams.EnumerateArray())
                {
                    var kind = stream.TryGetProperty("codec_type", out var type) ? type.GetString() : null;
                    video += kind == "video" ? 1 : 0;
                    data += kind == "data" ? 1 : 0;
                    if (stream.TryGetProperty("tags", out var tags))
                    {
                        Inspect(tags, revealing);
                    }
                }
            }

            return new Probe(null, created, revealing, video, data);
        }
        catch (JsonException e)
        {
            return new Probe(ScrubbedClip.Failed(ScrubFailure.ClipFailed, $"ffprobe's report on {name} was unreadable: {e.Message}"));
        }
    }

    private static void Inspect(JsonElement tags, List<string> revealing)
    {
        if (tags.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var tag in tags.EnumerateObject())
        {
            if (RevealingKeys.Any(k => tag.Name.Contains(k, StringComparison.OrdinalIgnoreCase)))
            {
                revealing.Add(tag.Name);
            }
        }
    }

    /// <summary>Only a plain ISO 8601 time goes back into the argument list (it came from the file: trust nothing).</summary>
    private static bool IsTimestamp(string? value) =>
        value is { Length: >= 10 and <= 40 } && value.All(c => char.IsAsciiDigit(c) || c is '-' or ':' or 'T' or 'Z' or '.' or '+' or ' ');

    private static string LastLine(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? "(no message)" : lines[^1];
    }

    private sealed record Run(int ExitCode, string Stdout, string Stderr, ScrubbedClip? Failure = null);

    private async Task<Run> RunAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var run = await ExternalTool.RunAsync(tool, arguments, Timeout, cancellationToken).ConfigureAwait(false);
        return run.Problem switch
        {
            ToolProblem.Missing => new Run(-1, "", "", ScrubbedClip.Failed(ScrubFailure.ToolMissing, run.ProblemText!)),
            ToolProblem.TimedOut => new Run(-1, "", "", ScrubbedClip.Failed(ScrubFailure.ClipFailed, run.ProblemText!)),
            _ => new Run(run.ExitCode, run.Stdout, run.Stderr),
        };
    }
}
