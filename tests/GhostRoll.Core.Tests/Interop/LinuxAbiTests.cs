using System.Reflection;
using GhostRoll.Interop;
using GhostRoll.TestSupport.LinuxAbi;
using GhostRoll.TestSupport.LinuxAbi.Manifests;

namespace GhostRoll.Core.Tests.Interop;

/// <summary>
/// Core's libc, statx and SQLite constants and struct mirrors against the x86-64 and arm64 headers, through the
/// shared Linux ABI check (docs/linux-abi.md).
/// </summary>
public sealed class LinuxAbiTests
{
    private static readonly Assembly Core = typeof(Libc).Assembly;

    [Fact]
    public void Every_interop_constant_and_struct_is_in_the_manifest_and_nothing_else() =>
        LinuxAbiCheck.AssertManifestMatchesCode(Core, CoreAbi.Manifest);

    [Fact]
    public void Per_architecture_constants_select_this_architecture() =>
        LinuxAbiCheck.AssertArchitectureSplitsSelectThisArchitecture(Core);

    [Fact]
    public void Interop_matches_the_x86_64_headers() => LinuxAbiCheck.AssertHeadersAgree(Core, CoreAbi.Manifest, AbiTarget.X64);

    [Fact]
    public void Interop_matches_the_arm64_headers() => LinuxAbiCheck.AssertHeadersAgree(Core, CoreAbi.Manifest, AbiTarget.Arm64);

    [Fact]
    public void The_x86_64_O_DIRECTORY_is_caught_by_the_arm64_headers()
    {
        // The bug this check exists for: 0x10000 is O_DIRECT on arm64, so open(dir, O_DIRECTORY) failed with EINVAL.
        var errors = LinuxAbiCheck.Disagreements(Core, CoreAbi.Manifest, AbiTarget.Arm64,
            new Dictionary<string, object> { ["Libc.Arm64.O_DIRECTORY"] = Libc.X64.O_DIRECTORY });

        Assert.NotNull(errors);
        Assert.Contains("Libc.Arm64.O_DIRECTORY (Arm64)", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_constant_and_a_wrong_struct_size_are_caught()
    {
        var errors = LinuxAbiCheck.Disagreements(Core, CoreAbi.Manifest, AbiTarget.X64,
            new Dictionary<string, object> { ["Statx.STATX_SIZE"] = Statx.STATX_SIZE + 1, ["Statx.StatxBuffer"] = 255 });

        Assert.NotNull(errors);
        Assert.Contains("Statx.STATX_SIZE (X64)", errors, StringComparison.Ordinal);
        Assert.Contains("Statx.StatxBuffer (X64): sizeof(struct statx) should be 255", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void A_constant_missing_from_the_manifest_and_a_stale_entry_are_both_reported()
    {
        var entries = CoreAbi.Manifest.Entries.Where(e => e.Key != "Libc.SIGTERM").ToDictionary();
        entries["Libc.O_NOFOLLOW"] = new CConstant("O_NOFOLLOW");
        var manifest = new AbiManifest { Assembly = "GhostRoll.Core", Includes = CoreAbi.Manifest.Includes, Entries = entries };

        var problems = LinuxAbiCheck.ManifestProblems(Core, manifest);

        Assert.Contains(problems, p => p.StartsWith("Libc.SIGTERM: constant has no manifest entry", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Libc.O_NOFOLLOW: the manifest names it but", StringComparison.Ordinal));
    }
}
