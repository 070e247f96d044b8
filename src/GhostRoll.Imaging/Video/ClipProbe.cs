using System.Globalization;
using GhostRoll.Media;
using System.Text.Json;
using GhostRoll.Imaging.Metadata;

namespace GhostRoll.Imaging.Video;

/// <summary>
/// What ffprobe says about a clip: container and codec (as a browser MIME type), length, displayed size (rotation
/// and pixel aspect applied), and the capture time and camera. One ffprobe run, no decoding. ffprobe rather than our
/// own mvhd/avih parser: it reads every container ffmpeg can decode (MOV/MP4, AVI, MTS, MKV), the poster needs
/// ffmpeg anyway, and one run costs a few hundredths of a CPU second (docs/benchmarks/clips.md).
/// </summary>
internal sealed record ClipProbe
{
    /// <summary>Container MIME type, with an RFC 6381 codecs parameter for H.264/HEVC; null when unknown.</summary>
    public string? Type { get; init; }

    /// <summary>ffmpeg's name of the video codec (<c>h264</c>, <c>hevc</c>, <c>mjpeg</c>).</summary>
    public string? Codec { get; init; }

    public TimeSpan? Duration { get; init; }

    /// <summary>Displayed size: rotation by the track matrix and non-square pixels applied.</summary>
    public int DisplayWidth { get; init; }

    public int DisplayHeight { get; init; }

    /// <summary>Capture time, camera: in EXIF form, to fill what a poster frame lacks. Never a location.</summary>
    public ExifData Metadata { get; init; } = new();

    /// <summary>Runs ffprobe on <paramref name="path"/>; null plus the reason when the clip cannot be read.</summary>
    public static async Task<(ClipProbe? Probe, string? Problem)> ReadAsync(VideoTools tools, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tools);
        var run = await tools.RunAsync(tools.FfprobePath,
            ["-v", "error", "-show_entries",
             "format=format_name,duration:format_tags:stream=codec_type,codec_name,codec_tag_string,profile,level,width,height,sample_aspect_ratio,duration:stream_side_data=rotation:stream_tags=rotate",
             "-of", "json", path],
            cancellationToken).ConfigureAwait(false);
        if (run.Problem != ToolProblem.None)
        {
            return (null, run.ProblemText);
        }

        if (run.ExitCode != 0)
        {
            return (null, $"ffprobe cannot read it (exit {run.ExitCode}): {run.LastErrorLine}");
        }

        try
        {
            return Parse(run.Stdout, Path.GetExtension(path)) is { } probe ? (probe, null) : (null, "ffprobe found no video stream in it");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return (null, $"ffprobe's report was unreadable: {e.Message}");
        }
    }

    /// <summary>ffprobe's JSON to a probe; null when there is no video stream.</summary>
    internal static ClipProbe? Parse(string json, string extension)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        JsonElement? video = null;
        if (root.TryGetProperty("streams", out var streams))
        {
            video = streams.EnumerateArray().Where(s => Text(s, "codec_type") == "video").Cast<JsonElement?>().FirstOrDefault();
        }

        if (video is not { } v)
        {
            return null;
        }

        var format = root.TryGetProperty("format", out var f) ? f : default;
        var formatName = format.ValueKind == JsonValueKind.Object ? Text(format, "format_name") : null;
        var codec = Text(v, "codec_name");
        var container = ContainerType(formatName, extension);
        var codecs = CodecsParameter(codec, Text(v, "codec_tag_string"), Text(v, "profile"), Number(v, "level"));

        var seconds = (format.ValueKind == JsonValueKind.Object ? Number(format, "duration") : null) ?? Number(v, "duration");
        var (width, height) = DisplaySize((int)(Number(v, "width") ?? 0), (int)(Number(v, "height") ?? 0), Text(v, "sample_aspect_ratio"), Rotation(v));
        var tags = format.ValueKind == JsonValueKind.Object && format.TryGetProperty("tags", out var t) && t.ValueKind == JsonValueKind.Object ? t : default;
        return new ClipProbe
        {
            Type = container is null ? null : codecs is null ? container : $"{container}; codecs=\"{codecs}\"",
            Codec = codec,
            Duration = seconds is > 0 and < 1e7 ? TimeSpan.FromSeconds(seconds.Value) : null,
            DisplayWidth = width,
            DisplayHeight = height,
            Metadata = MetadataOf(tags),
        };
    }

    /// <summary>The container's MIME type, as browsers and S3 know it.</summary>
    internal static string? ContainerType(string? formatName, string extension)
    {
        var ext = extension.ToLowerInvariant();
        var names = (formatName ?? "").Split(',');
        return names switch
        {
            _ when names.Contains("mov") || names.Contains("mp4") => ext switch
            {
                ".mov" or ".qt" => "video/quicktime",
                ".3gp" => "video/3gpp",
                _ => "video/mp4", // .mp4, .m4v, and the MP4-family files cameras name otherwise (.lrv, .insv)
            },
            _ when names.Contains("avi") => "video/x-msvideo",
            _ when names.Contains("mpegts") => "video/mp2t",
            _ when names.Contains("webm") && ext == ".webm" => "video/webm",
            _ when names.Contains("matroska") => "video/x-matroska",
            _ when names.Contains("mpeg") => "video/mpeg",
            _ => null,
        };
    }

    /// <summary>
    /// The RFC 6381 codecs value a page passes to <c>canPlayType</c>: <c>avc1.PPCCLL</c> for H.264 (ISO/IEC 14496-15
    /// annex: profile_idc, constraint flags, level_idc in hex) and <c>hvc1.P.C.Ln.B0</c> for HEVC (annex E: profile,
    /// compatibility flags, tier and level). ffprobe names the profile, not its flags, so the flags are those of the
    /// named profile; the tier is assumed Main (every phone and camera clip). Null for codecs browsers do not name.
    /// </summary>
    internal static string? CodecsParameter(string? codec, string? tag, string? profile, double? level)
    {
        var lvl = level is > 0 and < 256 ? (int)level.Value : 0;
        switch (codec)
        {
            case "h264":
                var (idc, constraints) = profile switch
                {
                    "Constrained Baseline" => (0x42, 0xE0),
                    "Baseline" => (0x42, 0x00),
                    "Main" => (0x4D, 0x40),
                    "Extended" => (0x58, 0x00),
                    "High" => (0x64, 0x00),
                    "High 10" or "High 10 Intra" => (0x6E, 0x00),
                    "High 4:2:2" or "High 4:2:2 Intra" => (0x7A, 0x00),
                    "High 4:4:4 Predictive" or "High 4:4:4 Intra" => (0xF4, 0x00),
                    _ => (0, 0),
                };
                return idc == 0 || lvl == 0 ? "avc1" : string.Create(CultureInfo.InvariantCulture, $"avc1.{idc:X2}{constraints:X2}{lvl:X2}");
            case "hevc":
                var sample = tag is "hev1" ? "hev1" : "hvc1";
                var (p, compat) = profile switch
                {
                    "Main" => (1, 6),
                    "Main 10" => (2, 4),
                    "Main Still Picture" => (3, 8),
                    "Rext" => (4, 16),
                    _ => (0, 0),
                };
                return p == 0 || lvl == 0 ? sample : string.Create(CultureInfo.InvariantCulture, $"{sample}.{p}.{compat:X}.L{lvl}.B0");
            case "av1":
                return "av01";
            case "vp9":
                return "vp9";
            default:
                return null;
        }
    }

    private static int Rotation(JsonElement stream)
    {
        if (stream.TryGetProperty("side_data_list", out var sides) && sides.ValueKind == JsonValueKind.Array)
        {
            foreach (var side in sides.EnumerateArray())
            {
                if (Number(side, "rotation") is { } r)
                {
                    return (int)r;
                }
            }
        }

        return stream.TryGetProperty("tags", out var tags) && Text(tags, "rotate") is { } rotate
            && int.TryParse(rotate, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var degrees) ? degrees : 0;
    }

    /// <summary>Stored size to displayed size: pixel aspect ratio first (it applies to stored pixels), then a quarter turn swaps.</summary>
    internal static (int Width, int Height) DisplaySize(int width, int height, string? sampleAspect, int rotation)
    {
        if (sampleAspect is { } sar && sar.Split(':') is [var n, var d]
            && int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var num) && int.TryParse(d, NumberStyles.None, CultureInfo.InvariantCulture, out var den)
            && num > 0 && den > 0 && num != den)
        {
            // As ffmpeg's scale filter does for the poster: trunc(iw*sar/2)*2.
            width = (int)(Math.Truncate(width * (double)num / den / 2) * 2);
        }

        return Math.Abs(rotation) % 180 == 90 ? (height, width) : (width, height);
    }

    /// <summary>
    /// Capture time and camera from the container's tags. Apple's <c>creationdate</c> carries local time and offset;
    /// QuickTime's <c>creation_time</c> is UTC (ISO/IEC 14496-12 mvhd) and is kept as UTC with offset +00:00; an AVI's
    /// (IDIT) is the camera's wall clock. Location tags are never read.
    /// </summary>
    internal static ExifData MetadataOf(JsonElement tags)
    {
        var exif = new ExifData();
        if (tags.ValueKind != JsonValueKind.Object)
        {
            return exif;
        }

        exif.Make = Clean(Text(tags, "com.apple.quicktime.make") ?? Text(tags, "make"));
        exif.Model = Clean(Text(tags, "com.apple.quicktime.model") ?? Text(tags, "model"));
        if (Text(tags, "com.apple.quicktime.creationdate") is { } local && ParseWithOffset(local) is { } withOffset)
        {
            exif.DateTimeOriginal = withOffset.DateTime.ToString("yyyy:MM:dd HH:mm:ss", CultureInfo.InvariantCulture);
            exif.OffsetTimeOriginal = Offset(withOffset.Offset);
        }
        else if (Text(tags, "creation_time") is { } created)
        {
            var text = created.Trim();
            if (text.EndsWith('Z') && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var utc))
            {
                exif.DateTimeOriginal = utc.UtcDateTime.ToString("yyyy:MM:dd HH:mm:ss", CultureInfo.InvariantCulture);
                exif.OffsetTimeOriginal = "+00:00";
            }
            else if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var wall))
            {
                exif.DateTimeOriginal = wall.ToString("yyyy:MM:dd HH:mm:ss", CultureInfo.InvariantCulture);
            }
        }

        // A zero or 1904 epoch time is an unset clock, not a capture time.
        if (exif.CapturedLocal is { Year: < 1980 })
        {
            exif.DateTimeOriginal = null;
            exif.OffsetTimeOriginal = null;
        }

        return exif;
    }

    /// <summary>"2020-04-17T10:03:47-0600" (Apple writes the offset without a colon).</summary>
    private static DateTimeOffset? ParseWithOffset(string text)
    {
        text = text.Trim();
        if (text.Length > 5 && text[^5] is '+' or '-' && text[^4..].All(char.IsAsciiDigit))
        {
            text = text[..^2] + ":" + text[^2..];
        }

        return DateTimeOffset.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value) ? value : null;
    }

    private static string Offset(TimeSpan offset) =>
        (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>ffprobe writes durations as strings and sizes as numbers.</summary>
    private static double? Number(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number => value.GetDouble(),
            JsonValueKind.String when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) => d,
            _ => null,
        };
    }
}
