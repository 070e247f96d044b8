using System.Runtime.InteropServices;

namespace GhostRoll.Hardware.Interop;

/// <summary>
/// The libc calls the GPIO code needs: open, close and ioctl; the GPIO character device's requests and structs are
/// declared beside this file (SPI and I2C go through System.Device.Gpio). The errno values also decode the errors
/// System.Device.Gpio reports. These constants have the same value on x86-64 and arm64 (errno comes from asm-generic
/// on both; O_RDWR and O_CLOEXEC are not among the four open flags arm64 overrides); the Linux ABI check
/// (docs/linux-abi.md) compiles every constant, ioctl number and struct against the headers of both architectures.
/// </summary>
internal static unsafe partial class Libc
{
    // <fcntl.h>
    internal const int O_RDWR = 0x2;
    internal const int O_CLOEXEC = 0x80000;

    // asm-generic/errno-base.h and asm-generic/errno.h
    internal const int EPERM = 1;
    internal const int ENOENT = 2;
    internal const int EINTR = 4;
    internal const int EIO = 5;
    internal const int ENXIO = 6;
    internal const int EAGAIN = 11;
    internal const int EACCES = 13;
    internal const int EBUSY = 16;
    internal const int ENODEV = 19;
    internal const int EINVAL = 22;
    internal const int ENOTTY = 25;
    internal const int EMSGSIZE = 90;
    internal const int ETIMEDOUT = 110;
    internal const int EREMOTEIO = 121;

    [LibraryImport(Libraries.Libc, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Open(string path, int flags);

    [LibraryImport(Libraries.Libc, EntryPoint = "close", SetLastError = true)]
    internal static partial int Close(int fd);

    /// <summary>
    /// ioctl with a pointer argument. glibc declares <c>ioctl(int, unsigned long, ...)</c>; on Linux arm64 (AAPCS64;
    /// not Apple's arm64 ABI, which passes variadic arguments on the stack) and x86-64 a variadic pointer travels in
    /// the same register as a fixed one, so a fixed third parameter is ABI-compatible.
    /// </summary>
    [LibraryImport(Libraries.Libc, EntryPoint = "ioctl", SetLastError = true)]
    internal static partial int Ioctl(SafeHandle fd, nuint request, void* argument);
}

/// <summary>
/// ioctl request numbers as asm-generic/ioctl.h encodes them (arm64 and x86-64 both use it):
/// <c>dir &lt;&lt; 30 | size &lt;&lt; 16 | type &lt;&lt; 8 | nr</c> with _IOC_WRITE = 1, _IOC_READ = 2 and a 14-bit size.
/// </summary>
internal static class IoctlRequest
{
    private const uint DirWrite = 1;
    private const uint DirRead = 2;
    private const int SizeBits = 14;

    internal static nuint Read(byte type, byte number, int size) => Encode(DirRead, type, number, size);

    internal static nuint ReadWrite(byte type, byte number, int size) => Encode(DirRead | DirWrite, type, number, size);

    private static nuint Encode(uint direction, byte type, byte number, int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(size, 1 << SizeBits);
        return (nuint)((direction << 30) | ((uint)size << 16) | ((uint)type << 8) | number);
    }
}
