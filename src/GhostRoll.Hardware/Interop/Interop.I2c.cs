using System.Runtime.InteropServices;

namespace GhostRoll.Hardware.Interop;

/// <summary>i2c-dev user-space API (include/uapi/linux/i2c-dev.h, i2c.h; Documentation/i2c/dev-interface.rst).</summary>
internal static class I2c
{
    /// <summary>Sets the target address for this fd; the argument is the 7-bit address by value. EBUSY if a kernel driver owns it.</summary>
    internal const nuint I2C_SLAVE = 0x0703;

    /// <summary>Combined transfer (repeated start between messages); at most I2C_RDWR_IOCTL_MAX_MSGS messages.</summary>
    internal const nuint I2C_RDWR = 0x0707;

    internal const nuint I2C_SMBUS = 0x0720;
    internal const int I2C_RDWR_IOCTL_MAX_MSGS = 42;

    /// <summary>i2c_msg flag: this message reads.</summary>
    internal const ushort I2C_M_RD = 0x0001;

    internal const byte I2C_SMBUS_READ = 1;
    internal const byte I2C_SMBUS_WRITE = 0;
    internal const uint I2C_SMBUS_BYTE_DATA = 2;
    internal const int I2C_SMBUS_BLOCK_MAX = 32;
}

/// <summary><c>struct i2c_msg</c> (16 bytes on 64-bit: the buffer pointer is 8-aligned).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct I2cMsg
{
    public ushort addr;
    public ushort flags;
    public ushort len;
    public byte* buf;
}

/// <summary><c>struct i2c_rdwr_ioctl_data</c> (16 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct I2cRdwrIoctlData
{
    public I2cMsg* msgs;
    public uint nmsgs;
}

/// <summary><c>union i2c_smbus_data</c> (34 bytes: <c>block[I2C_SMBUS_BLOCK_MAX + 2]</c>; <c>byte</c> is block[0]).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct I2cSmbusData
{
    public fixed byte block[I2c.I2C_SMBUS_BLOCK_MAX + 2];
}

/// <summary><c>struct i2c_smbus_ioctl_data</c> (16 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct I2cSmbusIoctlData
{
    public byte read_write;
    public byte command;
    public uint size;
    public I2cSmbusData* data;
}
