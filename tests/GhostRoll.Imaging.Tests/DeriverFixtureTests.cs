using GhostRoll.Imaging.Deriving;
using GhostRoll.Imaging.Tests.Support;
using GhostRoll.Media;
using GhostRoll.Pipeline;
using GhostRoll.TestSupport;

namespace GhostRoll.Imaging.Tests;

/// <summary>Every camera JPEG and HEIF photo of the fixture cards, derived with default settings.</summary>
public sealed class DeriverFixtureTests : IDisposable
{
    private readonly TempDirectory _session = new("imaging");
    private readonly ImageDeriver _deriver = new();

    public static TheoryData<string, string> Photos()
    {
        var data = new TheoryData<string, string>();
        foreach (var card in new[] { "basic", "orientation", "odd" })
        {
            foreach (var group in FixtureGroups.OfCard(card))
            {
                foreach (var m in group.Members.Where(m => m.Kind is MediaKind.Jpeg or MediaKind.Heif))
                {
                    data.Add(card, m.CardPath);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Photos))]
    public async Task Photo_yields_share_and_thumb_with_exact_long_edges_upright_keeping_only_capture_time_and_camera(string card, string cardPath)
    {
        var group = FixtureGroups.Single(card, cardPath);
        var outcome = await _deriver.DeriveAsync(new DeriveRequest(group, _session.Path, FixtureGroups.DefaultOptions()), TestContext.Current.CancellationToken);

        Assert.Null(outcome.Error);
        Assert.Equal(cardPath, outcome.SourceCardPath);
        Assert.Equal(group.Members[0].Sha256, outcome.SourceSha256);

        // What exiftool says the camera stored, turned as its orientation says (HEIF: the container's rotation).
        var source = OutputInspector.Exiftool(Fixtures.File(card, cardPath));
        var isHeif = group.Members[0].Kind == MediaKind.Heif;
        var turned = isHeif ? source.Rotation is 90 or 270 : source.Orientation is >= 5 and <= 8;
        var (w, h) = turned ? (source.Height, source.Width) : (source.Width, source.Height);
        Assert.Equal((w, h), (outcome.Metadata!.Width, outcome.Metadata.Height));

        Assert.Equal(4, outcome.Variants.Count);
        foreach (var variant in outcome.Variants)
        {
            var maxEdge = variant.Variant is VariantNames.Share or VariantNames.ShareWebp ? 2048 : 512;
            var expectedLong = Math.Min(maxEdge, Math.Max(w, h));
            var (ew, eh) = ImageDeriver.Fit(w, h, expectedLong);
            Assert.Equal((ew, eh), (variant.Width, variant.Height));
            Assert.StartsWith(variant.Variant is VariantNames.Share or VariantNames.ShareWebp ? "derived/share/" : "derived/thumbs/", variant.Path, StringComparison.Ordinal);

            var bytes = await File.ReadAllBytesAsync(Path.Combine(_session.Path, variant.Path), TestContext.Current.CancellationToken);
            Assert.Equal(variant.Bytes, bytes.Length);
            var decoded = Picture.Decode(bytes);
            Assert.Equal((variant.Width, variant.Height), (decoded.Width, decoded.Height));
            if (variant.ContentType == "image/jpeg")
            {
                Assert.True(OutputInspector.IsProgressive(bytes), $"{variant.Path} is not progressive");
                // JFIF APP0 and, when the camera recorded a time or its name, one EXIF APP1: no XMP, ICC, maker segments.
                Assert.All(OutputInspector.JpegMetadataMarkers(bytes), m => Assert.Contains(m, new[] { 0xE0, 0xE1 }));
                Assert.True(OutputInspector.JpegMetadataMarkers(bytes).Count(m => m == 0xE1) <= 1);
            }
            else
            {
                Assert.Equal("image/webp", variant.ContentType);
                Assert.All(OutputInspector.WebpChunks(bytes), c => Assert.Contains(c, new[] { "VP8 ", "VP8L", "VP8X", "ALPH" }));
            }
        }

        // Independent check (exiftool): the share JPEG and the thumbnail keep the original's capture time and camera,
        // so a saved photo files under the day it was taken, and nothing else: no GPS, serial, maker notes, orientation.
        var original = OutputInspector.ExiftoolMetadata(Fixtures.File(card, cardPath));
        foreach (var variant in outcome.Variants.Where(v => v.ContentType == "image/jpeg"))
        {
            var kept = OutputInspector.ExiftoolMetadata(Path.Combine(_session.Path, variant.Path));
            Assert.Equal(original.DateTimeOriginal, kept.DateTimeOriginal);
            Assert.Equal(original.Make, kept.Make);
            Assert.Equal(original.Model, kept.Model);
            Assert.All(kept.Tags.Keys, t => Assert.Contains(t, AllowedSharedTags));
        }

        var share = OutputInspector.Exiftool(Path.Combine(_session.Path, outcome.Variants[0].Path));
        Assert.False(share.HasGps);
        Assert.Null(share.Orientation);
    }

    /// <summary>Every tag a share image or thumbnail may carry (exiftool -G1 names; ExifOffset is the pointer to the EXIF IFD).</summary>
    private static readonly string[] AllowedSharedTags =
        ["IFD0:Make", "IFD0:Model", "ExifIFD:DateTimeOriginal", "ExifIFD:OffsetTimeOriginal"];

    [Fact]
    public async Task Real_dslr_frame_with_orientation_6_is_turned_to_portrait()
    {
        var outcome = await Derive("basic", "DCIM/100CANON/_K6A7943.JPG");
        var share = outcome.Variants.Single(v => v.Variant == VariantNames.Share);
        Assert.Equal((1365, 2048), (share.Width, share.Height)); // 3840x2560 stored, displayed 2560x3840
        Assert.Equal(6, outcome.Metadata!.Orientation);
    }

    [Fact]
    public async Task Metadata_keeps_capture_time_camera_and_gps_for_the_database()
    {
        var outcome = await Derive("basic", "DCIM/100_PANA/Panasonic_DMC-LX3.jpg");
        var m = outcome.Metadata!;
        Assert.Equal(new DateTime(2011, 1, 1, 16, 2, 54), m.CapturedLocal);
        Assert.Equal("Panasonic", m.Make);
        Assert.Equal("DMC-LX3", m.Model);
        Assert.Equal(41.8954, m.Latitude!.Value, 3);
        Assert.Equal(12.4827, m.Longitude!.Value, 3);
        Assert.NotNull(m.FNumber);
        Assert.NotNull(m.ExposureSeconds);
        Assert.NotNull(m.Iso);
        Assert.NotNull(m.FocalLengthMm);
    }

    [Fact]
    public async Task Rederiving_a_group_overwrites_its_outputs_and_webp_off_removes_stale_webp()
    {
        var group = FixtureGroups.Single("orientation", "DCIM/100TEST/Portrait_3.jpg");
        var first = await _deriver.DeriveAsync(new DeriveRequest(group, _session.Path, FixtureGroups.DefaultOptions()), TestContext.Current.CancellationToken);
        var second = await _deriver.DeriveAsync(new DeriveRequest(group, _session.Path, FixtureGroups.DefaultOptions(webp: false)), TestContext.Current.CancellationToken);

        Assert.Equal(4, first.Variants.Count);
        Assert.Equal(2, second.Variants.Count);
        Assert.All(second.Variants, v => Assert.True(File.Exists(Path.Combine(_session.Path, v.Path))));
        Assert.Empty(Directory.EnumerateFiles(_session.Path, "*.webp", SearchOption.AllDirectories));
        Assert.Empty(Directory.EnumerateFiles(_session.Path, "*.ghostroll-tmp", SearchOption.AllDirectories));
    }

    private Task<DeriveOutcome> Derive(string card, params string[] cardPaths) =>
        _deriver.DeriveAsync(new DeriveRequest(FixtureGroups.Group(card, cardPaths), _session.Path, FixtureGroups.DefaultOptions()), TestContext.Current.CancellationToken).AsTask();

    public void Dispose() => _session.Dispose();
}
