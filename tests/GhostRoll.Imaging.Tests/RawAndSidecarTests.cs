using GhostRoll.Imaging.Deriving;
using GhostRoll.Imaging.Tests.Support;
using GhostRoll.Media;
using GhostRoll.Pipeline;
using GhostRoll.TestSupport;

namespace GhostRoll.Imaging.Tests;

/// <summary>RAW previews, RAW+JPEG pairs, THM sidecars and clips, on the raw and odd fixture cards.</summary>
public sealed class RawAndSidecarTests : IDisposable
{
    private readonly TempDirectory _session = new("imaging-raw");
    private readonly ImageDeriver _deriver = new();

    [Theory]
    [InlineData("DCIM/100RAW/CRW_1446.CRW", 1440, 960, "Canon EOS D30")]
    [InlineData("DCIM/100RAW/Canon-R6-pruned.CR3", 1620, 1080, "Canon EOS R6")]
    public async Task Raw_renders_its_largest_embedded_preview_never_upscaled(string cardPath, int width, int height, string model)
    {
        var outcome = await Derive("raw", cardPath);

        Assert.Null(outcome.Error);
        Assert.Equal(cardPath, outcome.SourceCardPath);
        Assert.Equal((width, height), Size(outcome, VariantNames.Share));
        Assert.Equal(ImageDeriver.Fit(width, height, 512), Size(outcome, VariantNames.Thumb));
        Assert.Equal(model, outcome.Metadata!.Model);
        Assert.NotNull(outcome.Metadata.CapturedLocal);

        // The preview is a real picture of the scene, not a black or flat frame.
        var share = Picture.Load(Path.Combine(_session.Path, outcome.Variants[0].Path));
        Assert.True(share.MeanChroma() > 3 || share.Rgb.Distinct().Count() > 64);
    }

    [Fact]
    public async Task Cr3_metadata_comes_from_its_cmt_boxes()
    {
        var m = (await Derive("raw", "DCIM/100RAW/Canon-R6-pruned.CR3")).Metadata!;
        Assert.Equal(new DateTime(2021, 5, 12, 12, 21, 21).AddMilliseconds(920), m.CapturedLocal); // SubSecTimeOriginal "92"
        Assert.Equal("RF70-200mm F2.8 L IS USM", m.Lens);
        Assert.Equal(100, m.Iso);
        Assert.Equal(200, m.FocalLengthMm!.Value, 1);
        Assert.Equal("Canon EOS R6", m.Camera);
    }

    [Fact]
    public async Task Crw_with_only_a_small_preview_uses_it_over_its_smaller_thm()
    {
        // CRW_0101: JpgFromRaw 640x480 (below the 1024 px "usable" bar) and a 160x120 THM: the larger one wins.
        var outcome = await Derive("raw", "DCIM/100RAW/CRW_0101.CRW", "DCIM/100RAW/CRW_0101.THM");
        Assert.Equal("DCIM/100RAW/CRW_0101.CRW", outcome.SourceCardPath);
        Assert.Equal((640, 480), Size(outcome, VariantNames.Share));
        Assert.Equal((512, 384), Size(outcome, VariantNames.Thumb));
        Assert.Equal("Canon PowerShot S40", outcome.Metadata!.Model);
    }

    [Fact]
    public async Task Raw_plus_jpeg_pair_renders_the_camera_jpeg_not_the_raw()
    {
        var outcome = await Derive("raw", "DCIM/100RAW/GOPR8508.GPR", "DCIM/100RAW/GOPR8508.JPG");
        Assert.Equal("DCIM/100RAW/GOPR8508.JPG", outcome.SourceCardPath);
        Assert.Equal((2048, 1536), Size(outcome, VariantNames.Share));
        Assert.Equal("GoPro", outcome.Metadata!.Make);
    }

    [Fact]
    public async Task Raw_without_preview_or_thm_is_listed_without_a_picture_and_without_an_error()
    {
        var outcome = await Derive("raw", "DCIM/100RAW/GOPR8508.GPR");
        Assert.Null(outcome.Error);
        Assert.Empty(outcome.Variants);
        Assert.Equal("DCIM/100RAW/GOPR8508.GPR", outcome.SourceCardPath);
        Assert.Equal("HERO7 Black", outcome.Metadata!.Model);
    }

    [Fact]
    public async Task Clip_with_thm_gets_a_poster_with_the_clip_capture_time()
    {
        var outcome = await Derive("odd", "DCIM/100CANON/MVI_0121.AVI", "DCIM/100CANON/MVI_0121.THM");
        Assert.Equal("DCIM/100CANON/MVI_0121.THM", outcome.SourceCardPath);
        Assert.Equal((160, 120), Size(outcome, VariantNames.Share));
        Assert.Equal((160, 120), Size(outcome, VariantNames.Thumb));
        Assert.Equal(new DateTime(2021, 3, 26, 21, 19, 8), outcome.Metadata!.CapturedLocal);
    }

    [Fact]
    public async Task Clip_without_thm_gets_a_frame_as_poster_and_live_photo_motion_part_needs_no_picture()
    {
        // Issue 19: a phone clip has no THM; its poster is a frame of the clip (ClipTests covers it in detail).
        var clip = await Derive("odd", "DCIM/101APPLE/with-gps.mov");
        Assert.Null(clip.Error);
        Assert.Equal((320, 568), Size(clip, VariantNames.Share));
        Assert.Equal("DCIM/101APPLE/with-gps.mov", clip.SourceCardPath);

        var live = await Derive("odd", "DCIM/100APPLE/IMG_3589.HEIC", "DCIM/100APPLE/IMG_3589.mov");
        Assert.Equal("DCIM/100APPLE/IMG_3589.HEIC", live.SourceCardPath);
        Assert.Equal((2048, 1536), Size(live, VariantNames.Share));
    }

    [Fact]
    public async Task Every_group_of_every_card_derives_without_an_error()
    {
        // Under emulation this is about five minutes, and the arm64 pass would only repeat what the AOT gate already
        // proves on arm64: .ci/aot-gate imports every fixture card with the arm64 binary and .ci/compare-arches
        // checks that its session matches the x86-64 one, derivative by derivative.
        Assert.SkipWhen(TestHost.UnderQemuUser, "every fixture card is derived on arm64 by the AOT gate (.ci/compare-arches)");
        foreach (var card in new[] { "basic", "orientation", "raw", "odd" })
        {
            foreach (var group in FixtureGroups.OfCard(card))
            {
                var outcome = await _deriver.DeriveAsync(new DeriveRequest(group, _session.Path, FixtureGroups.DefaultOptions(webp: false)), TestContext.Current.CancellationToken);
                Assert.True(outcome.Error is null, $"{card}/{group.Key}: {outcome.Error}");
                Assert.All(outcome.Variants, v => Assert.True(File.Exists(Path.Combine(_session.Path, v.Path))));
            }
        }
    }

    private static (int, int) Size(DeriveOutcome outcome, string variant)
    {
        var v = outcome.Variants.Single(x => x.Variant == variant);
        return (v.Width, v.Height);
    }

    private Task<DeriveOutcome> Derive(string card, params string[] cardPaths) =>
        _deriver.DeriveAsync(new DeriveRequest(FixtureGroups.Group(card, cardPaths), _session.Path, FixtureGroups.DefaultOptions()), TestContext.Current.CancellationToken).AsTask();

    public void Dispose() => _session.Dispose();
}
