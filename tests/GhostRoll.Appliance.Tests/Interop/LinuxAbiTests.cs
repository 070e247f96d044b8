using System.Reflection;
using GhostRoll.Appliance.Interop;
using GhostRoll.Interop;
using GhostRoll.Screens.Interop;
using GhostRoll.TestSupport.LinuxAbi;
using GhostRoll.TestSupport.LinuxAbi.Manifests;

namespace GhostRoll.Appliance.Tests.Interop;

/// <summary>
/// The appliance's libc interop (mount flags, inotify, eventfd, poll, passwd) and, since this project also tests
/// GhostRoll.Screens, the FreeType mirrors, against the x86-64 and arm64 headers through the shared Linux ABI check
/// (docs/linux-abi.md). A wrong mount flag would mount a card read-write; a wrong FreeType offset reads garbage glyphs.
/// </summary>
public sealed class LinuxAbiTests
{
    private static readonly Assembly Appliance = typeof(Libc).Assembly;
    private static readonly Assembly Screens = typeof(FreeType).Assembly;

    [Fact]
    public void Every_appliance_interop_constant_and_struct_is_in_the_manifest_and_nothing_else() =>
        LinuxAbiCheck.AssertManifestMatchesCode(Appliance, ApplianceAbi.Manifest);

    [Fact]
    public void Appliance_interop_matches_the_x86_64_headers() => LinuxAbiCheck.AssertHeadersAgree(Appliance, ApplianceAbi.Manifest, AbiTarget.X64);

    [Fact]
    public void Appliance_interop_matches_the_arm64_headers() => LinuxAbiCheck.AssertHeadersAgree(Appliance, ApplianceAbi.Manifest, AbiTarget.Arm64);

    [Fact]
    public void Every_screens_interop_constant_and_struct_is_in_the_manifest_and_nothing_else() =>
        LinuxAbiCheck.AssertManifestMatchesCode(Screens, ScreensAbi.Manifest);

    [Fact]
    public void Screens_interop_matches_the_x86_64_headers() => LinuxAbiCheck.AssertHeadersAgree(Screens, ScreensAbi.Manifest, AbiTarget.X64);

    [Fact]
    public void Screens_interop_matches_the_arm64_headers() => LinuxAbiCheck.AssertHeadersAgree(Screens, ScreensAbi.Manifest, AbiTarget.Arm64);

    [Fact]
    public void A_wrong_mount_flag_is_caught()
    {
        var errors = LinuxAbiCheck.Disagreements(Appliance, ApplianceAbi.Manifest, AbiTarget.X64, new Dictionary<string, object> { ["Libc.MS_RDONLY"] = 0UL });

        Assert.NotNull(errors);
        Assert.Contains("Libc.MS_RDONLY (X64): MS_RDONLY should be 0", errors, StringComparison.Ordinal);
    }
}
