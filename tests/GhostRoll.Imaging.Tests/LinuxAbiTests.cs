using System.Reflection;
using GhostRoll.Imaging.Interop;
using GhostRoll.TestSupport.LinuxAbi;
using GhostRoll.TestSupport.LinuxAbi.Manifests;

namespace GhostRoll.Imaging.Tests;

/// <summary>
/// The imaging interop (jpeglib.h struct mirrors, TurboJPEG, libheif, Little CMS, mmap) against the x86-64 and arm64
/// headers, through the shared Linux ABI check (docs/linux-abi.md).
/// </summary>
public sealed class LinuxAbiTests
{
    private static readonly Assembly Imaging = typeof(LibJpeg).Assembly;

    [Fact]
    public void Every_interop_constant_and_struct_is_in_the_manifest_and_nothing_else() =>
        LinuxAbiCheck.AssertManifestMatchesCode(Imaging, ImagingAbi.Manifest);

    [Fact]
    public void Interop_matches_the_x86_64_headers() => LinuxAbiCheck.AssertHeadersAgree(Imaging, ImagingAbi.Manifest, AbiTarget.X64);

    [Fact]
    public void Interop_matches_the_arm64_headers() => LinuxAbiCheck.AssertHeadersAgree(Imaging, ImagingAbi.Manifest, AbiTarget.Arm64);

    [Fact]
    public void A_wrong_jpeglib_struct_size_is_caught_against_the_arm64_jconfig()
    {
        var errors = LinuxAbiCheck.Disagreements(Imaging, ImagingAbi.Manifest, AbiTarget.Arm64,
            new Dictionary<string, object> { ["LibJpeg.jpeg_compress_struct"] = 512, ["LibJpeg.JCS_EXT_RGBX"] = 6 });

        Assert.NotNull(errors);
        Assert.Contains("LibJpeg.jpeg_compress_struct (Arm64): sizeof(struct jpeg_compress_struct) should be 512", errors, StringComparison.Ordinal);
        Assert.Contains("LibJpeg.JCS_EXT_RGBX (Arm64)", errors, StringComparison.Ordinal);
    }
}
