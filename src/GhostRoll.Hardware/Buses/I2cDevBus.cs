using GhostRoll.Hardware.Interop;

namespace GhostRoll.Hardware.Buses;

/// <summary>
/// An I2C adapter through Linux i2c-dev (<c>/dev/i2c-N</c>). Each <see cref="I2cDevDevice"/> gets its own fd bound
/// to its address, because I2C_SLAVE is per file descriptor.
/// </summary>
public sealed class I2cDevBus
{
    /// <summary>I2C1 on header pins 3 and 5, on every Raspberry Pi model ('dtparam=i2c_arm=on').</summary>
    public const int HeaderBus = 1;

    private readonly ILinuxKernel _kernel;

    public I2cDevBus(int busNumber = HeaderBus) : this(LinuxKernel.Instance, $"/dev/i2c-{busNumber}")
    {
    }

    internal I2cDevBus(ILinuxKernel kernel, string path)
    {
        _kernel = kernel;
        Path = path;
    }

    public string Path { get; }

    /// <summary>True when the adapter's device node exists (I2C enabled and i2c-dev loaded).</summary>
    public bool Exists => _kernel.Exists(Path);

    /// <summary>Opens the target at a 7-bit address. Fails with EBUSY when a kernel driver owns the address.</summary>
    public I2cDevDevice Open(int address)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(address, 0x03);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(address, 0x77);
        var handle = I2cDeviceHandle.Open(_kernel, Path);
        try
        {
            // I2C_SLAVE takes the address by value, not a pointer (i2c-dev.h).
            handle.Ioctl(I2c.I2C_SLAVE, (nuint)address, $"select I2C address 0x{address:X2}");
            return new I2cDevDevice(handle, address);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }
}

/// <summary>One I2C target through i2c-dev.</summary>
public sealed unsafe class I2cDevDevice : II2cDevice, IDisposable
{
    private readonly I2cDeviceHandle _handle;

    internal I2cDevDevice(I2cDeviceHandle handle, int address)
    {
        _handle = handle;
        Address = address;
    }

    public int Address { get; }

    public byte ReadByteData(byte register)
    {
        var data = default(I2cSmbusData);
        var args = new I2cSmbusIoctlData
        {
            read_write = I2c.I2C_SMBUS_READ,
            command = register,
            size = I2c.I2C_SMBUS_BYTE_DATA,
            data = &data,
        };
        _handle.Ioctl(I2c.I2C_SMBUS, &args, $"read register 0x{register:X2} at I2C address 0x{Address:X2}");
        return data.block[0];
    }

    public void WriteRead(ReadOnlySpan<byte> write, Span<byte> read)
    {
        if (write.Length > ushort.MaxValue || read.Length > ushort.MaxValue)
        {
            throw new ArgumentException("an i2c_msg carries at most 65535 bytes");
        }

        if (write.IsEmpty && read.IsEmpty)
        {
            return;
        }

        fixed (byte* writeBuffer = write)
        fixed (byte* readBuffer = read)
        {
            var messages = stackalloc I2cMsg[2];
            var count = 0;
            if (!write.IsEmpty)
            {
                messages[count++] = new I2cMsg { addr = (ushort)Address, flags = 0, len = (ushort)write.Length, buf = writeBuffer };
            }

            if (!read.IsEmpty)
            {
                messages[count++] = new I2cMsg { addr = (ushort)Address, flags = I2c.I2C_M_RD, len = (ushort)read.Length, buf = readBuffer };
            }

            var transfer = new I2cRdwrIoctlData { msgs = messages, nmsgs = (uint)count };
            var done = _handle.Ioctl(I2c.I2C_RDWR, &transfer, $"combined transfer at I2C address 0x{Address:X2}");
            if (done != count)
            {
                throw new IOException($"I2C transfer at 0x{Address:X2} on {_handle.Path} completed {done} of {count} messages.");
            }
        }
    }

    public void Dispose() => _handle.Dispose();
}
