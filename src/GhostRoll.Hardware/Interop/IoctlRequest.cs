namespace GhostRoll.Hardware.Interop;

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
