using System.Globalization;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using GhostRoll.Gallery.Manifest;
using GhostRoll.Media;
using GhostRoll.Pipeline;

namespace GhostRoll.Gallery.Tests.Manifest;

public sealed class ManifestBuilderTests
{
    private static GalleryEntry Photo(string key, DateTime? taken = null, TimeSpan? offset = null) => new()
    {
        Key = key,
        Name = key.Split('/')[^1] + ".JPG",
        Kind = GalleryEntryKind.Photo,
        CapturedLocal = taken,
        CapturedOffset = offset,
        Camera = "Canon EOS RP",
        Variants =
        [
            new(VariantNames.Share, $"derived/share/{key}.jpg", 2048, 1365, 900_000, "image/jpeg"),
            new(VariantNames.Thumb, $"derived/thumbs/{key}.jpg", 512, 341, 60_000, "image/jpeg"),
        ],
    };

    private static string Presigned(string path) => $"https://bucket.example/sessions/s/{GhostRoll.Sessions.SessionLayout.ObjectKeyFor(path)}?X-Amz-Signature=abc";

    [Fact]
    public void Items_follow_capture_time_then_name_and_undated_files_go_last()
    {
        var entries = new[]
        {
            Photo("100CANON/IMG_0003", new DateTime(2024, 5, 1, 10, 0, 0)),
            Photo("100CANON/IMG_0009"),
            Photo("100CANON/IMG_0002", new DateTime(2024, 5, 1, 10, 0, 0)),
            Photo("100CANON/IMG_0001", new DateTime(2024, 5, 1, 12, 0, 0)),
            Photo("100CANON/IMG_0004"),
        };
        var manifest = ManifestBuilder.Build("s", "t", entries, 5, false, ManifestBuilder.RelativeUrl);
        Assert.Equal(["100CANON/IMG_0002", "100CANON/IMG_0003", "100CANON/IMG_0001", "100CANON/IMG_0004", "100CANON/IMG_0009"], manifest.Items.Select(i => i.Id));
    }

    [Fact]
    public void Every_url_goes_through_the_mapping_so_S3_can_presign_them()
    {
        var clip = new GalleryEntry
        {
            Key = "100CANON/MVI_0121",
            Name = "MVI_0121.AVI",
            Kind = GalleryEntryKind.Video,
            VideoPath = "originals/DCIM/100CANON/MVI_0121.AVI",
            VideoBytes = 799_102,
            Variants = [new(VariantNames.Thumb, "derived/thumbs/100CANON/MVI_0121.jpg", 160, 120, 7_000, "image/jpeg")],
        };
        var photo = Photo("100CANON/IMG_0001") with
        {
            Variants = [.. Photo("100CANON/IMG_0001").Variants, new(VariantNames.ShareWebp, "derived/share/100CANON/IMG_0001.webp", 2048, 1365, 500_000, "image/webp")],
        };
        var manifest = ManifestBuilder.Build("s", "t", [photo, clip], 2, true, Presigned);

        var item = manifest.Items.Single(i => i.Kind == "photo");
        Assert.Equal(Presigned("derived/share/100CANON/IMG_0001.jpg"), item.Share!.Url);
        Assert.Equal(Presigned("derived/thumbs/100CANON/IMG_0001.jpg"), item.Thumb!.Url);
        Assert.Equal(Presigned("derived/share/100CANON/IMG_0001.webp"), item.ShareWebp!.Url);
        Assert.Null(item.ThumbWebp);
        Assert.Equal("https://bucket.example/sessions/s/enhanced/100CANON/IMG_0001.jpg?X-Amz-Signature=abc", item.Enhanced);
        Assert.Equal((2048, 1365), (item.Width, item.Height));

        var video = manifest.Items.Single(i => i.Kind == "video");
        Assert.Equal(new ManifestFile(Presigned("originals/DCIM/100CANON/MVI_0121.AVI"), 799_102), video.Video);
        Assert.Null(video.Enhanced); // clips are never enhanced
        Assert.Equal((160, 120), (video.Width, video.Height)); // the poster gives the tile its shape
    }

    [Theory]
    [InlineData(2, 0, "2020-02-18T08:55:53+02:00")]
    [InlineData(-7, 0, "2020-02-18T08:55:53-07:00")]
    [InlineData(5, 30, "2020-02-18T08:55:53+05:30")]
    [InlineData(-3, -30, "2020-02-18T08:55:53-03:30")]
    public void Capture_time_keeps_the_camera_wall_clock_and_its_offset(int hours, int minutes, string expected) =>
        Assert.Equal(expected, ManifestBuilder.Taken(new DateTime(2020, 2, 18, 8, 55, 53), new TimeSpan(hours, minutes, 0)));

    [Fact]
    public void Capture_time_without_a_recorded_zone_has_no_offset() =>
        Assert.Equal("2020-02-18T08:55:53", ManifestBuilder.Taken(new DateTime(2020, 2, 18, 8, 55, 53), null));

    [Fact]
    public void Expected_is_never_less_than_what_is_already_there()
    {
        var manifest = ManifestBuilder.Build("s", "t", [Photo("A/1"), Photo("A/2")], expected: 1, complete: false, ManifestBuilder.RelativeUrl);
        Assert.Equal(2, manifest.Expected);
    }

    [Fact]
    public void Json_is_snake_case_without_nulls_and_carries_no_location()
    {
        var entry = Photo("100APPLE/IMG_0001", new DateTime(2014, 9, 16, 14, 5, 12));
        var json = JsonSerializer.Serialize(ManifestBuilder.Build("shoot-x", "t", [entry], 1, true, ManifestBuilder.RelativeUrl, updatedUnix: 1), ManifestJsonContext.Default.GalleryManifest);
        using var document = JsonDocument.Parse(json);
        var names = new HashSet<string>(StringComparer.Ordinal);
        void Walk(JsonElement e)
        {
            if (e.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in e.EnumerateObject())
                {
                    names.Add(p.Name);
                    Assert.NotEqual(JsonValueKind.Null, p.Value.ValueKind);
                    Walk(p.Value);
                }
            }
            else if (e.ValueKind == JsonValueKind.Array)
            {
                foreach (var x in e.EnumerateArray())
                {
                    Walk(x);
                }
            }
        }

        Walk(document.RootElement);
        Assert.Subset(
            new HashSet<string>(["version", "session_id", "title", "complete", "expected", "updated_unix", "items", "id", "name", "kind", "taken", "camera",
                "width", "height", "thumb", "share", "url", "bytes", "enhanced"]),
            names);
        Assert.DoesNotContain(names, n => n.Contains("gps", StringComparison.OrdinalIgnoreCase) || n.Contains("lat", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("derived/share/100CANON/IMG_0001.jpg", "derived/share/100CANON/IMG_0001.jpg")]
    [InlineData("derived/share/100HACK/#1 ?x=%41.jpg", "derived/share/100HACK/%231%20%3Fx%3D%2541.jpg")]
    [InlineData("derived/share/100HACK/<img src=x onerror=alert(1)>.jpg", "derived/share/100HACK/%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E.jpg")]
    public void Relative_links_percent_encode_each_segment(string path, string expected) =>
        Assert.Equal(expected, ManifestBuilder.RelativeUrl(path));

    [Fact]
    public void A_relative_link_always_resolves_to_its_own_file()
    {
        // Any card file name (no '/', not '.' or '..') must link to exactly itself from index.html.
        var root = new Uri("file:///home/pi/ghostroll/shoot-x/index.html");
        Prop.ForAll(ArbMap.Default.ArbFor<NonEmptyString>(), name =>
        {
            var segment = name.Get.Replace('/', '_').Replace('\0', '_');
            if (segment is "." or "..")
            {
                return true;
            }

            var path = $"derived/share/100CANON/{segment}";
            var resolved = new Uri(root, ManifestBuilder.RelativeUrl(path));
            return Uri.UnescapeDataString(resolved.AbsolutePath) == "/home/pi/ghostroll/shoot-x/" + path && resolved.Query.Length == 0 && resolved.Fragment.Length == 0;
        }).QuickCheckThrowOnFailure();
    }

    [Theory]
    [InlineData("shoot-2020-02-18_085553_123456", "Photos · 18 Feb 2020 08:55")]
    [InlineData("wedding-smith", "wedding-smith")]
    public void Default_title_reads_the_session_start(string sessionId, string expected) =>
        Assert.Equal(expected, ManifestBuilder.DefaultTitle(sessionId));

    [Theory]
    [InlineData("2026-06-21", "2026-06-21", "21 Jun 2026")]
    [InlineData("2026-06-21", "2026-06-23", "21\u201323 Jun 2026")]
    [InlineData("2026-06-30", "2026-07-02", "30 Jun \u2013 2 Jul 2026")]
    [InlineData("2025-12-30", "2026-01-02", "30 Dec 2025 \u2013 2 Jan 2026")]
    public void The_title_is_when_the_photos_were_taken(string first, string last, string expected)
    {
        var entries = new[] { Photo("100/B", DateTime.Parse(last, CultureInfo.InvariantCulture).AddHours(18)), Photo("100/A", DateTime.Parse(first, CultureInfo.InvariantCulture).AddHours(7)), Photo("100/C") };

        Assert.Equal(expected, ManifestBuilder.TitleFor(null, "shoot-2026-07-04_101500_000000", entries));
    }

    [Fact]
    public void A_configured_title_wins_and_without_capture_times_the_import_start_is_used()
    {
        var entries = new[] { Photo("100/A", new DateTime(2026, 6, 21, 7, 0, 0)) };
        Assert.Equal("Anna & Ben", ManifestBuilder.TitleFor("  Anna & Ben ", "shoot-2026-07-04_101500_000000", entries));
        Assert.Equal("Photos \u00b7 4 Jul 2026 10:15", ManifestBuilder.TitleFor(null, "shoot-2026-07-04_101500_000000", [Photo("100/B")]));
    }

    [Fact]
    public void The_photographer_goes_into_the_manifest_trimmed_and_only_when_set()
    {
        GalleryManifest Built(string? who) => ManifestBuilder.Build("s", "t", [], 0, false, ManifestBuilder.RelativeUrl, photographer: who);
        Assert.Equal("Ana Lima", Built(" Ana Lima ").Photographer);
        Assert.Null(Built("  ").Photographer);
        Assert.DoesNotContain("photographer", JsonSerializer.Serialize(Built(null), ManifestJsonContext.Default.GalleryManifest), StringComparison.Ordinal);
    }

    [Fact]
    public void Clips_live_photos_and_pictureless_items_carry_type_length_motion_and_original()
    {
        var clip = Photo("101APPLE/with-gps") with
        {
            Kind = GalleryEntryKind.Video,
            VideoPath = "originals/DCIM/101APPLE/with-gps.mov",
            VideoBytes = 439_391,
            VideoType = "video/quicktime; codecs=\"avc1.42001E\"",
            Duration = TimeSpan.FromSeconds(4.001667),
        };
        var live = Photo("100APPLE/IMG_3589") with
        {
            MotionPath = "originals/DCIM/100APPLE/IMG_3589.mov",
            MotionBytes = 2_402_548,
            MotionType = "video/quicktime; codecs=\"hvc1.1.6.L120.B0\"",
            Duration = TimeSpan.FromSeconds(2.936667),
        };
        var raw = Photo("100RAW/GOPR8508") with { Variants = [], OriginalPath = "originals/DCIM/100RAW/GOPR8508.GPR", OriginalBytes = 2_883_822 };

        var local = ManifestBuilder.Build("s", "t", [clip, live, raw], 3, true, ManifestBuilder.RelativeUrl).Items.ToDictionary(i => i.Id);
        Assert.Equal(new ManifestFile("originals/DCIM/101APPLE/with-gps.mov", 439_391, "video/quicktime; codecs=\"avc1.42001E\""), local["101APPLE/with-gps"].Video);
        Assert.Equal(4.0, local["101APPLE/with-gps"].DurationSeconds);
        Assert.Equal(new ManifestFile("originals/DCIM/100APPLE/IMG_3589.mov", 2_402_548, "video/quicktime; codecs=\"hvc1.1.6.L120.B0\""), local["100APPLE/IMG_3589"].Motion);
        Assert.Equal(2.94, local["100APPLE/IMG_3589"].DurationSeconds);
        Assert.Equal(new ManifestFile("originals/DCIM/100RAW/GOPR8508.GPR", 2_883_822), local["100RAW/GOPR8508"].Original);

        // S3: originals are never uploaded (a RAW's EXIF can hold GPS), so the bucket has no link for one.
        string? OnlyPublished(string path) => path.StartsWith("originals/DCIM/100RAW/", StringComparison.Ordinal) ? null : Presigned(path);
        var s3 = ManifestBuilder.Build("s", "t", [raw], 1, true, OnlyPublished).Items.Single();
        Assert.Null(s3.Original);
        Assert.Null(s3.Share);
    }

    [Fact]
    public void Download_all_is_named_after_the_gallery_and_says_it_holds_photos_only()
    {
        var manifest = ManifestBuilder.Build("s", "21\u201323 Jun 2026", [Photo("100CANON/IMG_0001")], 1, true, ManifestBuilder.RelativeUrl, new ManifestFile("share.zip", 42));
        Assert.Equal(new ManifestFile("share.zip", 42, "application/zip", "21-23 Jun 2026.zip", PhotosOnly: true), manifest.DownloadAll);

        var json = JsonSerializer.Serialize(manifest, ManifestJsonContext.Default.GalleryManifest);
        Assert.Contains("\"download_all\":{\"url\":\"share.zip\",\"bytes\":42,\"type\":\"application/zip\",\"name\":\"21-23 Jun 2026.zip\",\"photos_only\":true}", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("21\u201323 Jun 2026", "21-23 Jun 2026.zip")]
    [InlineData("30 Jun \u2013 2 Jul 2026", "30 Jun-2 Jul 2026.zip")]
    [InlineData("Photos \u00b7 18 Feb 2020 08:55", "Photos-18 Feb 2020 08-55.zip")]
    [InlineData("Ski trip: Åre / Zermatt?", "Ski trip- _re-Zermatt_.zip")]
    [InlineData("../../etc", "etc.zip")]
    [InlineData("???", "___.zip")]
    [InlineData(" . ", "photos.zip")]
    public void Zip_names_are_safe_on_every_file_system(string title, string expected)
    {
        var name = GhostRoll.Gallery.Local.ShareZip.FileNameFor(title);
        Assert.Equal(expected, name);
        Assert.DoesNotContain(name, c => c > 127 || "<>:\"/\\|?*".Contains(c, StringComparison.Ordinal) || char.IsControl(c));
    }
}
