using System.Runtime.InteropServices;

namespace GhostRoll.Interop;

/// <summary>
/// Picks the value of a Linux constant that differs between the two architectures GhostRoll runs on (x86-64
/// laptops and CI, arm64 Raspberry Pis). Such constants live in nested <c>X64</c> and <c>Arm64</c> classes beside
/// the property that selects one, so the Linux ABI check (docs/linux-abi.md) can compile each against the headers of
/// its own architecture. Any other architecture is refused at the call, not at start-up.
/// </summary>
internal static class LinuxArchitecture
{
    internal static T Select<T>(T x64, T arm64) => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => x64,
        Architecture.Arm64 => arm64,
        var other => throw new PlatformNotSupportedException(
            $"GhostRoll's Linux interop knows x86-64 and arm64 only, not {other} (docs/linux-abi.md)."),
    };
}
