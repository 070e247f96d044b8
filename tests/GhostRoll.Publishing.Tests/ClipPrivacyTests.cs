using GhostRoll.Publishing.Clips;
using GhostRoll.Publishing.Tests.Support;
using GhostRoll.TestSupport;

namespace GhostRoll.Publishing.Tests;

/// <summary>
/// Nothing we publish carries a location: clips go to the bucket remuxed without their metadata (a phone clip's
/// GPS would otherwise reach everyone with the share link), while the originals on the appliance stay untouched.
/// Checked with exiftool on the objects read back from Swift through the links the gallery hands out.
/// </summary>
public sealed class ClipPrivacyTests(LoopbackServers servers)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static readonly string[] Clips = ["DCIM/101APPLE/with-gps.mov", "DCIM/100APPLE/IMG_3589.mov", "DCIM/100CANON/MVI_0121.AVI"];

    [Fact]
    public async Task Uploaded_clips_carry_no_location_and_still_play()
    {
        // The fixture really has a location, so the test below can fail.
        var withGps = Fixtures.File("odd", Clips[0]);
        Assert.NotEmpty(MediaTools.RevealingTags(await MediaTools.ExifToolAsync(withGps)));

        var swift = await servers.SwiftAsync();
        await using var session = new TestSession(swift, await swift.CreateBucketAsync("clip-gps"));
        var (publisher, context) = await session.BeginAsync();
        var entries = Clips.Select(c => session.AddClip(c)).ToList();
        foreach (var entry in entries)
        {
            await publisher.PublishAsync(context, entry, Cancel);
        }

        await publisher.CompleteAsync(context, TestSession.Final(context), Cancel);

        var items = (await session.BucketManifestAsync()).Items;
        using var temp = new TempDirectory("clip-privacy");
        foreach (var (entry, cardPath) in entries.Zip(Clips))
        {
            var item = items.Single(i => i.Id == entry.Key);
            Assert.True(item.Video is not null, $"{cardPath} was not uploaded");
            var fetched = await Browserless.GetAsync(item.Video!.Url);
            Assert.Equal(200, fetched.Status);
            var downloaded = temp.Combine(Path.GetFileName(cardPath));
            await File.WriteAllBytesAsync(downloaded, fetched.Body, Cancel);

            var tags = await MediaTools.ExifToolAsync(downloaded);
            var revealing = MediaTools.RevealingTags(tags);
            Assert.True(revealing.Length == 0, $"{cardPath} was published with {string.Join(", ", revealing)}");

            var original = Fixtures.File("odd", cardPath);
            var (duration, videoStreams) = await MediaTools.ProbeAsync(downloaded);
            Assert.Equal(1, videoStreams);
            Assert.Equal((await MediaTools.ProbeAsync(original)).Duration, duration, 0.05);

            // The local original is the backup: byte for byte what the card held, location included.
            Assert.Equal(await File.ReadAllBytesAsync(original, Cancel), session.LocalBytes(entry.VideoPath!));
        }

        Assert.NotEmpty(MediaTools.RevealingTags(await MediaTools.ExifToolAsync(session.Layout.FullPath(entries[0].VideoPath!))));

        // The location-free copies were temporary: deleted once uploaded.
        var work = session.Layout.FullPath(".publish/clips");
        Assert.True(!Directory.Exists(work) || Directory.GetFiles(work).Length == 0, "a temporary clip copy was left behind");
    }

    [Fact]
    public async Task A_clip_that_cannot_be_scrubbed_stays_local_and_one_warning_says_why()
    {
        var swift = await servers.SwiftAsync();
        await using var session = new TestSession(swift, await swift.CreateBucketAsync("clip-noffmpeg"));
        var options = session.Options() with { Clips = new ClipScrubber(ffmpegPath: "/nonexistent/ghostroll-test/ffmpeg") };
        var (publisher, context) = await session.BeginAsync(options);
        var entries = Clips.Select(c => session.AddClip(c)).ToList();
        foreach (var entry in entries)
        {
            await publisher.PublishAsync(context, entry, Cancel);
        }

        await publisher.CompleteAsync(context, TestSession.Final(context), Cancel);

        // Every entry is in the gallery with its thumbnail, none offers a download, no clip is in the bucket.
        var items = (await session.BucketManifestAsync()).Items;
        Assert.Equal(entries.Count, items.Count);
        foreach (var entry in entries)
        {
            var item = items.Single(i => i.Id == entry.Key);
            Assert.NotNull(item.Thumb);
            Assert.Null(item.Video);
            Assert.Null(await swift.GetBytesAsync(session.Bucket, session.Prefix + GhostRoll.Sessions.SessionLayout.ObjectKeyFor(entry.VideoPath!)));
        }

        Assert.DoesNotContain(await swift.ListKeysAsync(session.Bucket, session.Prefix), k => k.Contains("originals/", StringComparison.Ordinal));

        // One warning for the run (not one per clip) that says why and what to do; no temp copies left behind.
        var log = session.LogText.ToString();
        var warnings = log.Split('\n').Where(l => l.Contains("Clips are not uploaded", StringComparison.Ordinal)).ToList();
        Assert.True(warnings.Count == 1, $"expected one warning, got {warnings.Count}:\n{log}");
        Assert.Contains("/nonexistent/ghostroll-test/", warnings[0], StringComparison.Ordinal);
        Assert.Contains("apt-get install ffmpeg", warnings[0], StringComparison.Ordinal);
        var work = session.Layout.FullPath(".publish/clips");
        Assert.True(!Directory.Exists(work) || Directory.GetFiles(work).Length == 0, "a temporary clip copy was left behind");
    }

    [Fact]
    public async Task A_live_photo_publishes_its_motion_part_location_free_and_a_raw_without_picture_publishes_nothing_original()
    {
        var swift = await servers.SwiftAsync();
        await using var session = new TestSession(swift, await swift.CreateBucketAsync("clip-live"));
        var (publisher, context) = await session.BeginAsync();
        var live = session.AddLivePhoto();
        var raw = session.AddRawWithoutPicture();
        Assert.Equal("originals/DCIM/100APPLE/IMG_3589.mov", live.MotionPath);
        Assert.Equal("originals/DCIM/100RAW/GOPR8508.GPR", raw.OriginalPath);
        foreach (var entry in new[] { live, raw })
        {
            await publisher.PublishAsync(context, entry, Cancel);
        }

        await publisher.CompleteAsync(context, TestSession.Final(context), Cancel);
        var items = (await session.BucketManifestAsync()).Items;

        // The Live Photo: a photo with a playable motion part, fetched through its link, with no metadata left.
        var item = items.Single(i => i.Id == live.Key);
        Assert.Equal("photo", item.Kind);
        Assert.NotNull(item.Share);
        Assert.StartsWith("video/quicktime; codecs=\"hvc1.", item.Motion!.Type, StringComparison.Ordinal);
        Assert.Equal(2.94, item.DurationSeconds);
        var fetched = await Browserless.GetAsync(item.Motion.Url);
        Assert.Equal(200, fetched.Status);
        using var temp = new TempDirectory("clip-live");
        var downloaded = temp.Combine("IMG_3589.mov");
        await File.WriteAllBytesAsync(downloaded, fetched.Body, Cancel);
        var tags = await MediaTools.ExifToolAsync(downloaded);
        Assert.Empty(MediaTools.RevealingTags(tags));
        Assert.DoesNotContain(tags, t => t.Key.Contains("ContentIdentifier", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(1, (await MediaTools.ProbeAsync(downloaded)).VideoStreams);

        // The RAW: listed, but its original (EXIF can hold GPS) never leaves the appliance.
        var rawItem = items.Single(i => i.Id == raw.Key);
        Assert.Null(rawItem.Original);
        Assert.DoesNotContain(await swift.ListKeysAsync(session.Bucket, session.Prefix), k => k.EndsWith(".GPR", StringComparison.OrdinalIgnoreCase));
    }
}
