namespace GhostRoll.TestSupport;

/// <summary>What the machine running the tests can and cannot do, for the few tests that depend on it.</summary>
public static class TestHost
{
    /// <summary>
    /// True in the arm64 pass (.ci/arm64-tests sets the test switch GRTEST_QEMU_USER=1): the tests run under
    /// qemu-user, which forwards syscalls to the x86-64 kernel but answers ioctl requests it has no translation
    /// for (spidev, GPIO) with ENOSYS instead of the kernel's answer.
    /// </summary>
    public static bool UnderQemuUser { get; } = Environment.GetEnvironmentVariable("GRTEST_QEMU_USER") == "1";
}
