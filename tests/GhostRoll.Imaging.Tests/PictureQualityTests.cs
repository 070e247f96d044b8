using GhostRoll.Imaging.Deriving;
using GhostRoll.Imaging.Tests.Support;
using GhostRoll.Media;
using GhostRoll.Pipeline;
using GhostRoll.TestSupport;

namespace GhostRoll.Imaging.Tests;

/// <summary>Orientation, colour and golden-image comparisons: what a person looking at the gallery would notice.</summary>
public sealed class PictureQualityTests : IDisposable
{
    /// <summary>
    /// Golden tolerance: PSNR of our thumbnail against vipsthumbnail's (Golden/make-golden.sh) of at least 30 dB.
    /// Two independent Lanczos-3 implementations and two JPEG encodings differ by ~35-40 dB on these photos; a
    /// wrong orientation, a mirrored image, a colour cast or a blurred/aliased resampler lands below 20 dB.
    /// </summary>
    private const double GoldenMinPsnr = 30;

    private readonly TempDirectory _dir = new("imaging-quality");
    private readonly ImageDeriver _deriver = new();

    [Theory]
    [InlineData("Landscape")]
    [InlineData("Portrait")]
    public async Task Every_exif_orientation_shows_the_same_upright_picture(string series)
    {
        var upright = await Thumb("orientation", $"DCIM/100TEST/{series}_1.jpg");
        for (var n = 0; n <= 8; n++)
        {
            var thumb = await Thumb("orientation", $"DCIM/100TEST/{series}_{n}.jpg");
            Assert.Equal((upright.Width, upright.Height), (thumb.Width, thumb.Height));
            var psnr = thumb.Psnr(upright);
            // The nine files were re-encoded separately by their author: ~28-40 dB apart when upright, < 20 dB when not.
            Assert.True(psnr > 25, $"{series}_{n}: PSNR {psnr:0.0} dB against {series}_1 (wrongly turned?)");
        }

        // The comparison can fail: the same picture turned 180 degrees is far away.
        var turned = new Picture(upright.Width, upright.Height, Rotate180(upright));
        Assert.True(turned.Psnr(upright) < 20);
    }

    [Theory]
    [InlineData("basic", "DCIM/100NCD90/DSC_0003.JPG", "DSC_0003")]
    [InlineData("orientation", "DCIM/100TEST/Landscape_6.jpg", "Landscape_6")]
    [InlineData("orientation", "DCIM/100TEST/Portrait_7.jpg", "Portrait_7")]
    [InlineData("raw", "DCIM/100RAW/CRW_1446.CRW", "CRW_1446")]
    public async Task Thumbnail_matches_the_independent_golden_within_tolerance(string card, string cardPath, string golden)
    {
        var actual = await Thumb(card, cardPath);
        var expected = Picture.Load(Path.Combine(AppContext.BaseDirectory, "Golden", golden + ".png"));
        var (a, e) = CropToCommon(actual, expected); // libvips rounds the short edge down, we round to nearest
        var psnr = a.Psnr(e);
        actual.SaveAsPpm(Path.Combine(Artifacts.Dir("imaging"), golden + ".actual.ppm"));
        TestContext.Current.TestOutputHelper?.WriteLine($"{golden}: {psnr:0.0} dB against the vipsthumbnail golden");
        Assert.True(psnr >= GoldenMinPsnr, $"{golden}: PSNR {psnr:0.0} dB < {GoldenMinPsnr} dB (actual written to TestResults/artifacts/imaging)");
    }

    [Fact]
    public async Task Adobe_rgb_photo_with_embedded_profile_is_converted_to_srgb()
    {
        // A real photo converted to Adobe RGB (1998) by ImageMagick with colord's profile embedded: after
        // deriving it must look like the sRGB original again; shown without conversion it would be duller.
        const string icc = "/usr/share/color/icc/colord/AdobeRGB1998.icc";
        var original = Fixtures.File("basic", "DCIM/Camera/aarhus.jpg");
        var adobe = _dir.Combine("adobe", "aarhus.jpg");
        var untagged = _dir.Combine("untagged", "aarhus.jpg");
        Directory.CreateDirectory(Path.GetDirectoryName(adobe)!);
        Directory.CreateDirectory(Path.GetDirectoryName(untagged)!);
        Tools.Run("/usr/bin/convert", original, "-profile", "/usr/share/color/icc/sRGB.icc", "-profile", icc, "-quality", "97", adobe);
        Tools.Run("/usr/bin/convert", adobe, "+profile", "icc", "-quality", "97", untagged);
        Assert.Contains("Adobe", Tools.Run("/usr/bin/exiftool", "-s3", "-ProfileDescription", adobe), StringComparison.Ordinal);

        var reference = await Thumb("basic", "DCIM/Camera/aarhus.jpg");
        var converted = await ThumbOf(adobe, "DCIM/ADOBE/aarhus.jpg");
        var unconverted = await ThumbOf(untagged, "DCIM/UNTAGGED/aarhus.jpg");

        Assert.True(converted.Psnr(reference) > 34, $"converted: {converted.Psnr(reference):0.0} dB");
        Assert.True(converted.Psnr(reference) > unconverted.Psnr(reference) + 3, "conversion must matter on this photo");
        Assert.True(unconverted.MeanChroma() < converted.MeanChroma());
    }

    [Fact]
    public async Task Dcf_adobe_rgb_camera_jpeg_without_profile_is_converted_like_imagemagick_does()
    {
        // _MG_0633.JPG: Canon EOS RP in Adobe RGB mode, marked only by EXIF InteropIndex "R03" (no ICC profile).
        var converted = await Thumb("basic", "DCIM/100CANON/_MG_0633.JPG");
        var copy = _dir.Combine("srgb-marked", "_MG_0633.JPG");
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        File.Copy(Fixtures.File("basic", "DCIM/100CANON/_MG_0633.JPG"), copy);
        Tools.Run("/usr/bin/exiftool", "-q", "-overwrite_original", "-InteropIndex=R98", "-ColorSpace=1", copy);
        var asIs = await ThumbOf(copy, "DCIM/SRGB/_MG_0633.JPG");

        // Independent reference: ImageMagick/lcms with colord's Adobe RGB profile applied to the unconverted pixels.
        var asIsPpm = _dir.Combine("asis.ppm");
        asIs.SaveAsPpm(asIsPpm);
        var reference = Picture.Decode(File.ReadAllBytes(ConvertWithImageMagick(asIsPpm)));
        Assert.True(converted.Psnr(reference) > 38, $"{converted.Psnr(reference):0.0} dB against ImageMagick");
        Assert.True(asIs.Psnr(reference) < converted.Psnr(reference) - 3);
    }

    [Fact]
    public async Task Display_p3_iphone_heic_is_converted_to_srgb_like_libvips_does()
    {
        var ours = await Thumb("odd", "DCIM/100APPLE/IMG_3589.HEIC");
        var vips = _dir.Combine("vips.png");
        Tools.Run("/usr/bin/vipsthumbnail", Fixtures.File("odd", "DCIM/100APPLE/IMG_3589.HEIC"), "--size", "512x512", "--export-profile", "srgb", "-o", vips);
        var reference = Picture.Load(vips);
        var (a, e) = CropToCommon(ours, reference);
        Assert.True(a.Psnr(e) > 30, $"{a.Psnr(e):0.0} dB against vipsthumbnail --export-profile srgb");
    }

    [Fact]
    public async Task Heif_exif_orientation_is_not_applied_on_top_of_the_container()
    {
        // heif-enc keeps the JPEG's EXIF Orientation=6 but writes no irot: HEIF readers (libheif, Apple) show the
        // pixels as stored, because in HEIF only the container's transformations count. We must not turn it.
        var heic = _dir.Combine("l6", "L6.HEIC");
        Directory.CreateDirectory(Path.GetDirectoryName(heic)!);
        Tools.Run("/usr/bin/heif-enc", "-q", "80", "-o", heic, Fixtures.File("orientation", "DCIM/100TEST/Landscape_6.jpg"));
        Assert.Equal(6, OutputInspector.Exiftool(heic).Orientation);
        var group = new MediaGroup("L6/L6", [FixtureGroups.MemberAt("DCIM/L6/L6.HEIC", heic)]);
        var outcome = await _deriver.DeriveAsync(new DeriveRequest(group, _dir.Combine("session"), FixtureGroups.DefaultOptions()), TestContext.Current.CancellationToken);
        var share = outcome.Variants.Single(v => v.Variant == VariantNames.Share);
        Assert.Equal((1200, 1800), (share.Width, share.Height));
    }

    [Fact]
    public async Task Heif_turned_by_its_container_and_by_exif_is_turned_exactly_once()
    {
        // Landscape_6.jpg stores a sideways picture with EXIF Orientation 6. heif-enc keeps pixels and EXIF; we add an
        // irot of 270 degrees anti-clockwise (= 90 clockwise), as a phone would: now container AND EXIF say "turn".
        var plain = _dir.Combine("rot", "plain.heic");
        Directory.CreateDirectory(Path.GetDirectoryName(plain)!);
        Tools.Run("/usr/bin/heif-enc", "-q", "90", "-o", plain, Fixtures.File("orientation", "DCIM/100TEST/Landscape_6.jpg"));
        var rotated = _dir.Combine("rot", "ROT_0006.HEIC");
        File.WriteAllBytes(rotated, HeifRotation.AddIrot(File.ReadAllBytes(plain), 3));
        Assert.Contains("1800x1200", Tools.Run("/usr/bin/heif-info", rotated), StringComparison.Ordinal); // libheif sees the turn
        Assert.Equal(6, OutputInspector.Exiftool(rotated).Orientation);

        var thumb = await ThumbOf(rotated, "DCIM/ROT/ROT_0006.HEIC");
        var upright = await Thumb("orientation", "DCIM/100TEST/Landscape_1.jpg");
        Assert.Equal((upright.Width, upright.Height), (thumb.Width, thumb.Height)); // turned once: landscape
        Assert.True(thumb.Psnr(upright) > 25, $"{thumb.Psnr(upright):0.0} dB against the upright Landscape_1");
    }

    private static string ConvertWithImageMagick(string ppm)
    {
        var output = Path.ChangeExtension(ppm, ".im.ppm");
        Tools.Run("/usr/bin/convert", ppm, "-profile", "/usr/share/color/icc/colord/AdobeRGB1998.icc", "-profile", "/usr/share/color/icc/sRGB.icc", output);
        return output;
    }

    private async Task<Picture> Thumb(string card, string cardPath) => await ThumbOf(Fixtures.File(card, cardPath), cardPath);

    private async Task<Picture> ThumbOf(string localPath, string cardPath)
    {
        var group = new MediaGroup(Sessions.SessionLayout.GroupKeyOf(cardPath), [FixtureGroups.MemberAt(cardPath, localPath)]);
        var outcome = await _deriver.DeriveAsync(new DeriveRequest(group, _dir.Combine("session"), FixtureGroups.DefaultOptions(webp: false)), TestContext.Current.CancellationToken);
        Assert.Null(outcome.Error);
        return Picture.Load(_dir.Combine("session", outcome.Variants.Single(v => v.Variant == VariantNames.Thumb).Path));
    }

    private static byte[] Rotate180(Picture p)
    {
        var result = new byte[p.Rgb.Length];
        var n = p.Width * p.Height;
        for (var i = 0; i < n; i++)
        {
            Array.Copy(p.Rgb, i * 3, result, (n - 1 - i) * 3, 3);
        }

        return result;
    }

    private static (Picture, Picture) CropToCommon(Picture a, Picture b)
    {
        int w = Math.Min(a.Width, b.Width), h = Math.Min(a.Height, b.Height);
        Assert.True(Math.Abs(a.Width - b.Width) <= 1 && Math.Abs(a.Height - b.Height) <= 1, $"sizes {a.Width}x{a.Height} vs {b.Width}x{b.Height}");
        return (Crop(a, w, h), Crop(b, w, h));
    }

    private static Picture Crop(Picture p, int w, int h)
    {
        var rgb = new byte[w * h * 3];
        for (var y = 0; y < h; y++)
        {
            Array.Copy(p.Rgb, y * p.Width * 3, rgb, y * w * 3, w * 3);
        }

        return new Picture(w, h, rgb);
    }

    public void Dispose() => _dir.Dispose();
}
