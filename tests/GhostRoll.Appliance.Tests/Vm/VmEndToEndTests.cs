namespace GhostRoll.Appliance.Tests.Vm;

/// <summary>
/// The appliance's card path end to end in a QEMU guest (tests/vm/run-e2e.sh): the udev rule, the units and the
/// Native AOT binary in Debian bookworm, cards hot-plugged as virtio, USB storage and media in a USB card reader,
/// FAT32 with and without a partition table and exFAT, a pull mid-copy, first boot, and the verbs in the guest.
/// Off in a quick local run (GRTEST_VM=1 or CI=true turns it on; .ci/run-tests sets it); about 2 minutes with a
/// cached base image (3-5 without, or under load).
/// </summary>
public sealed class VmEndToEndTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(40);

    [Fact]
    public async Task Cards_are_imported_read_only_and_their_removal_noticed_in_a_real_guest()
    {
        VmScript.SkipUnlessQemu();
        var run = await VmScript.RunAsync("run-e2e.sh", "run-e2e.log", Limit);
        Assert.True(run.ExitCode == 0, run.Describe("run-e2e.sh"));
        Assert.Contains(run.Output, l => l.Contains("PASSED: all card paths imported, removals noticed, no card written", StringComparison.Ordinal));
    }
}
