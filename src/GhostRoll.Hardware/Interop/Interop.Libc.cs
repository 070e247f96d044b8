using System.Runtime.InteropServices;

namespace GhostRoll.Interop;

/// <summary>
/// The libc call the GPIO code adds to the shared ones (open, close, errno: src/Shared/Interop/Unix): ioctl. The
/// GPIO character device's requests and structs are declared beside this file (SPI and I2C go through
/// System.Device.Gpio). O_RDWR has the same value on x86-64 and arm64 (it is not among the four open flags arm64
/// overrides); the Linux ABI check
/// (docs/linux-abi.md) compiles every constant, ioctl number and struct against the headers of both architectures.
/// </summary>
internal static unsafe partial class Libc
{
    // <fcntl.h>
    internal const int O_RDWR = 0x2;

    /// <summary>
    /// ioctl with a pointer argument. glibc declares <c>ioctl(int, unsigned long, ...)</c>; on Linux arm64 (AAPCS64;
    /// not Apple's arm64 ABI, which passes variadic arguments on the stack) and x86-64 a variadic pointer travels in
    /// the same register as a fixed one, so a fixed third parameter is ABI-compatible.
    /// </summary>
    [LibraryImport(Libraries.Libc, EntryPoint = "ioctl", SetLastError = true)]
    internal static partial int Ioctl(SafeHandle fd, nuint request, void* argument);
}

