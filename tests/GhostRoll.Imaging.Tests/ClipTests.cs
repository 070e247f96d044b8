using System.Globalization;
using GhostRoll.Imaging.Deriving;
using GhostRoll.Imaging.Tests.Support;
using GhostRoll.Imaging.Video;
using GhostRoll.Media;
using GhostRoll.Pipeline;
using GhostRoll.TestSupport;

namespace GhostRoll.Imaging.Tests;

/// <summary>Clips on the odd fixture card with Debian's real ffmpeg/ffprobe: posters, lengths, types, Live Photos, bad clips.</summary>
public sealed class ClipTests : IDisposable
{
    private readonly TempDirectory _session = new("imaging-clips");
    private readonly ImageDeriver _deriver = new();

    /// <summary>Displayed size (exiftool on the card file: rotation applied) and length from fixtures/MANIFEST.md.</summary>
    public static TheoryData<string, int, int, double, string> FixtureClips => new()
    {
        { "DCIM/100APPLE/IMG_3589.mov", 1440, 1080, 2.94, "video/quicktime; codecs=\"hvc1.1.6.L120.B0\"" },
        { "DCIM/101APPLE/with-gps.mov", 320, 568, 4.00, "video/quicktime; codecs=\"avc1.42001E\"" }, // 568x320 stored, turned 90°
        { "DCIM/100CANON/MVI_0121.AVI", 160, 120, 9.47, "video/x-msvideo" },
    };

    [Theory]
    [MemberData(nameof(FixtureClips))]
    public async Task Every_fixture_clip_gets_a_poster_in_its_display_aspect_with_its_length_and_type(string cardPath, int width, int height, double seconds, string type)
    {
        var clip = Fixtures.File("odd", cardPath);
        var (probe, problem) = await ClipProbe.ReadAsync(_deriver.Video, clip, TestContext.Current.CancellationToken);
        Assert.Null(problem);
        Assert.Equal(type, probe!.Type);
        Assert.Equal(seconds, probe.Duration!.Value.TotalSeconds, 0.1);
        Assert.Equal((width, height), (probe.DisplayWidth, probe.DisplayHeight));

        var poster = _session.Combine("poster.jpg");
        Assert.Null(await PosterExtractor.ExtractAsync(_deriver.Video, clip, probe.Duration, 2048, poster, TestContext.Current.CancellationToken));

        // It decodes (djpeg), is upright in the clip's display aspect, and carries nothing but pixels.
        var decoded = Picture.Load(poster);
        Assert.Equal((double)width / height, (double)decoded.Width / decoded.Height, 2);
        var info = OutputInspector.Exiftool(poster);
        Assert.False(info.HasGps);
        Assert.Null(info.Orientation);
    }

    [Fact]
    public async Task A_phone_clip_without_thm_gets_share_and_thumb_from_a_frame_with_its_time_and_camera_but_no_gps()
    {
        var outcome = await Derive("DCIM/101APPLE/with-gps.mov");

        Assert.Null(outcome.Error);
        Assert.Equal("DCIM/101APPLE/with-gps.mov", outcome.SourceCardPath);
        var share = outcome.Variants.Single(v => v.Variant == VariantNames.Share);
        Assert.Equal((320, 568), (share.Width, share.Height)); // upright, never upscaled
        Assert.Equal(new DateTime(2019, 7, 24, 11, 25, 40), outcome.Metadata!.CapturedLocal); // Apple's local creationdate
        Assert.Equal(TimeSpan.FromHours(3), outcome.Metadata.CapturedOffset);
        Assert.Equal("Apple", outcome.Metadata.Make);
        Assert.Null(outcome.Metadata.Latitude); // the clip's ISO 6709 location is never read
        Assert.Equal(new ClipFacts("DCIM/101APPLE/with-gps.mov", "video/quicktime; codecs=\"avc1.42001E\"", outcome.Clip!.Duration), outcome.Clip);
        Assert.Equal(4.0, outcome.Clip.Duration!.Value.TotalSeconds, 0.1);

        foreach (var variant in outcome.Variants)
        {
            var path = Path.Combine(_session.Path, variant.Path);
            var (tags, taken, make, _) = OutputInspector.ExiftoolMetadata(path);
            Assert.DoesNotContain(tags.Keys, k => k.StartsWith("GPS", StringComparison.Ordinal) || k.Contains("GPS", StringComparison.Ordinal));
            if (variant.ContentType == "image/jpeg") // WebP variants carry no metadata at all
            {
                Assert.Equal("2019:07:24 11:25:40", taken);
                Assert.Equal("Apple", make);
            }
        }

        // The frame was a temporary file beside the session; nothing of it is left.
        Assert.Empty(Directory.EnumerateFiles(_session.Path, "poster-*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_camera_clip_keeps_its_thm_as_poster_and_gets_length_and_type()
    {
        var outcome = await Derive("DCIM/100CANON/MVI_0121.AVI", "DCIM/100CANON/MVI_0121.THM");
        Assert.Equal("DCIM/100CANON/MVI_0121.THM", outcome.SourceCardPath);
        Assert.Equal("video/x-msvideo", outcome.Clip!.Type);
        Assert.Equal(9.47, outcome.Clip.Duration!.Value.TotalSeconds, 0.1);
        Assert.Equal(new DateTime(2021, 3, 26, 21, 19, 8), outcome.Metadata!.CapturedLocal); // the THM's EXIF wins
    }

    [Fact]
    public async Task A_live_photo_renders_its_still_and_carries_its_motion_part()
    {
        var outcome = await Derive("DCIM/100APPLE/IMG_3589.HEIC", "DCIM/100APPLE/IMG_3589.mov");
        Assert.Equal("DCIM/100APPLE/IMG_3589.HEIC", outcome.SourceCardPath);
        Assert.Equal((2048, 1536), (outcome.Share()!.Width, outcome.Share()!.Height));
        Assert.Equal("DCIM/100APPLE/IMG_3589.mov", outcome.Clip!.CardPath);
        Assert.StartsWith("video/quicktime; codecs=\"hvc1.", outcome.Clip.Type, StringComparison.Ordinal);
        Assert.Equal(2.94, outcome.Clip.Duration!.Value.TotalSeconds, 0.1);
        Assert.Equal("iPhone XR", outcome.Metadata!.Model); // the HEIC's EXIF, not the clip's tags
    }

    [Fact]
    public async Task A_clip_ffmpeg_cannot_read_is_listed_without_a_picture_and_without_an_error()
    {
        var bad = _session.Combine("card", "BROKEN.MOV");
        Directory.CreateDirectory(Path.GetDirectoryName(bad)!);
        var bytes = new byte[64 * 1024];
        new Random(7).NextBytes(bytes);
        await File.WriteAllBytesAsync(bad, bytes, TestContext.Current.CancellationToken);

        var group = new MediaGroup("100TEST/BROKEN", [FixtureGroups.MemberAt("DCIM/100TEST/BROKEN.MOV", bad)]);
        var outcome = await _deriver.DeriveAsync(new DeriveRequest(group, _session.Combine("s"), FixtureGroups.DefaultOptions()), TestContext.Current.CancellationToken);

        Assert.Null(outcome.Error);
        Assert.Empty(outcome.Variants);
        Assert.Null(outcome.Clip);
        Assert.Equal("DCIM/100TEST/BROKEN.MOV", outcome.SourceCardPath);
    }

    [Fact]
    public async Task Without_ffmpeg_clips_are_listed_without_a_picture_and_the_run_goes_on()
    {
        var deriver = new ImageDeriver(video: new VideoTools(_session.Combine("no-such-dir", "ffmpeg")));
        var outcome = await deriver.DeriveAsync(
            new DeriveRequest(FixtureGroups.Group("odd", "DCIM/101APPLE/with-gps.mov"), _session.Path, FixtureGroups.DefaultOptions()), TestContext.Current.CancellationToken);
        Assert.Null(outcome.Error);
        Assert.Empty(outcome.Variants);
        Assert.Null(outcome.Clip);
    }

    [Fact]
    public async Task A_tool_that_overruns_its_deadline_is_killed_and_the_clip_goes_without_a_poster()
    {
        // A stand-in ffprobe that never answers (a clip that makes the real one spin), with a 1 s deadline.
        var hang = _session.Combine("bin", "ffprobe");
        Directory.CreateDirectory(Path.GetDirectoryName(hang)!);
        var pidFile = _session.Combine("bin", "pid");
        await File.WriteAllTextAsync(hang, $"#!/bin/sh\necho $$ > '{pidFile}'\nexec sleep 600\n", TestContext.Current.CancellationToken);
        File.SetUnixFileMode(hang, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var tools = new VideoTools(_session.Combine("bin", "ffmpeg"), hang, TimeSpan.FromSeconds(1));

        using var guard = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        guard.CancelAfter(TimeSpan.FromMinutes(2)); // hang guard only
        var (probe, problem) = await ClipProbe.ReadAsync(tools, Fixtures.File("odd", "DCIM/101APPLE/with-gps.mov"), guard.Token);

        Assert.Null(probe);
        Assert.Contains("did not finish", problem, StringComparison.Ordinal);
        var pid = int.Parse((await File.ReadAllTextAsync(pidFile, TestContext.Current.CancellationToken)).Trim(), CultureInfo.InvariantCulture);
        Assert.False(Directory.Exists($"/proc/{pid}"), "the overrunning tool is still running");
    }

    [Fact]
    public async Task A_clip_shorter_than_its_stated_length_still_gets_its_first_frame_as_poster()
    {
        // 0.5 s of video while the caller believes 30 s (a truncated recording): the seek to 1 s finds nothing.
        var clip = _session.Combine("SHORT.AVI");
        Tools.Run("ffmpeg", "-nostdin", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=10", "-t", "0.5", "-c:v", "mjpeg", clip);
        var poster = _session.Combine("short.jpg");

        Assert.Null(await PosterExtractor.ExtractAsync(_deriver.Video, clip, TimeSpan.FromSeconds(30), 2048, poster, TestContext.Current.CancellationToken));
        Assert.Equal((320, 240), (Picture.Load(poster).Width, Picture.Load(poster).Height));
    }

    [Theory]
    [InlineData("h264", "avc1", "High", 40, "avc1.640028")]
    [InlineData("h264", "avc1", "Main", 31, "avc1.4D401F")]
    [InlineData("h264", "avc1", "Constrained Baseline", 30, "avc1.42E01E")]
    [InlineData("hevc", "hvc1", "Main 10", 153, "hvc1.2.4.L153.B0")]
    [InlineData("hevc", "hev1", "Main", 93, "hev1.1.6.L93.B0")]
    [InlineData("mjpeg", "MJPG", "Baseline", -99, null)]
    public void Codec_strings_are_those_canPlayType_understands(string codec, string tag, string profile, int level, string? expected) =>
        Assert.Equal(expected, ClipProbe.CodecsParameter(codec, tag, profile, level));

    [Theory]
    [InlineData("mov,mp4,m4a,3gp,3g2,mj2", ".MP4", "video/mp4")]
    [InlineData("mov,mp4,m4a,3gp,3g2,mj2", ".mov", "video/quicktime")]
    [InlineData("avi", ".AVI", "video/x-msvideo")]
    [InlineData("mpegts", ".MTS", "video/mp2t")]
    [InlineData("matroska,webm", ".mkv", "video/x-matroska")]
    [InlineData("image2", ".jpg", null)]
    public void Containers_get_the_mime_type_browsers_know(string formatName, string extension, string? expected) =>
        Assert.Equal(expected, ClipProbe.ContainerType(formatName, extension));

    private Task<DeriveOutcome> Derive(params string[] cardPaths) =>
        _deriver.DeriveAsync(new DeriveRequest(FixtureGroups.Group("odd", cardPaths), _session.Path, FixtureGroups.DefaultOptions()), TestContext.Current.CancellationToken).AsTask();

    public void Dispose() => _session.Dispose();
}

internal static class OutcomeExtensions
{
    public static ImageVariant? Share(this DeriveOutcome outcome) => outcome.Variants.FirstOrDefault(v => v.Variant == VariantNames.Share);
}
