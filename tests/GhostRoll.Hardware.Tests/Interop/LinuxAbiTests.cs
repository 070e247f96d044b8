using System.Reflection;
using GhostRoll.Hardware.Interop;
using GhostRoll.TestSupport.LinuxAbi;
using GhostRoll.TestSupport.LinuxAbi.Manifests;

namespace GhostRoll.Hardware.Tests.Interop;

/// <summary>
/// The drivers' ioctl numbers, UAPI structs, open flags and errno values against the x86-64 and arm64 kernel and
/// glibc headers, through the shared Linux ABI check (docs/linux-abi.md).
/// </summary>
public sealed class LinuxAbiTests
{
    private static readonly Assembly Hardware = typeof(Gpio).Assembly;

    [Fact]
    public void Every_interop_constant_and_struct_is_in_the_manifest_and_nothing_else() =>
        LinuxAbiCheck.AssertManifestMatchesCode(Hardware, HardwareAbi.Manifest);

    [Fact]
    public void Interop_matches_the_x86_64_headers() => LinuxAbiCheck.AssertHeadersAgree(Hardware, HardwareAbi.Manifest, AbiTarget.X64);

    [Fact]
    public void Interop_matches_the_arm64_headers() => LinuxAbiCheck.AssertHeadersAgree(Hardware, HardwareAbi.Manifest, AbiTarget.Arm64);

    [Fact]
    public void A_wrong_struct_size_is_caught_so_the_check_is_real()
    {
        var errors = LinuxAbiCheck.Disagreements(Hardware, HardwareAbi.Manifest, AbiTarget.Arm64, new Dictionary<string, object> { ["GpioV2LineValues"] = 15 });

        Assert.NotNull(errors);
        Assert.Contains("GpioV2LineValues (Arm64): sizeof(struct gpio_v2_line_values) should be 15", errors, StringComparison.Ordinal);
    }
}
