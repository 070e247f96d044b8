using System.Device.I2c;
using GhostRoll.Hardware.Interop;

namespace GhostRoll.Hardware.Buses;

/// <summary>
/// The production I2C target: System.Device.Gpio's <see cref="I2cDevice"/> on <c>/dev/i2c-N</c>, whose failures
/// (errno inside an <see cref="IOException"/> message) become a <see cref="HardwareIOException"/> that says what to do.
/// System.Device.Gpio addresses every I2C_RDWR message itself instead of binding the fd with I2C_SLAVE, so an
/// address a kernel driver has bound is not refused with EBUSY; the gauges only read, so that is harmless.
/// </summary>
internal sealed class I2cDevDevice : I2cDevice
{
    /// <summary>I2C1 on header pins 3 and 5, on every Raspberry Pi model ('dtparam=i2c_arm=on').</summary>
    public const int HeaderBus = 1;

    private readonly I2cDevice _inner;
    private readonly int _address;

    private I2cDevDevice(I2cDevice inner, string path, int address)
    {
        _inner = inner;
        Path = path;
        _address = address;
    }

    public string Path { get; }

    public override I2cConnectionSettings ConnectionSettings => _inner.ConnectionSettings;

    /// <summary>The device node of I2C bus <paramref name="busId"/>.</summary>
    public static string BusPath(int busId = HeaderBus) => $"/dev/i2c-{busId}";

    /// <summary>Opens the target at a 7-bit address on <c>/dev/i2c-N</c>.</summary>
    public static I2cDevDevice Open(int address, int busId = HeaderBus) => Open(I2cDevice.Create, busId, address);

    internal static I2cDevDevice Open(Func<I2cConnectionSettings, I2cDevice> create, int busId, int address)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(address, 0x03);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(address, 0x77);
        var path = BusPath(busId);
        try
        {
            return new I2cDevDevice(create(new I2cConnectionSettings(busId, address)), path, address);
        }
        catch (IOException e) when (e is not HardwareIOException)
        {
            throw KernelErrors.Translate(e, path, "open");
        }
    }

    public override void Read(Span<byte> buffer)
    {
        try
        {
            _inner.Read(buffer);
        }
        catch (IOException e) when (e is not HardwareIOException)
        {
            throw KernelErrors.Translate(e, Path, $"read at I2C address 0x{_address:X2}");
        }
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        try
        {
            _inner.Write(buffer);
        }
        catch (IOException e) when (e is not HardwareIOException)
        {
            throw KernelErrors.Translate(e, Path, $"write at I2C address 0x{_address:X2}");
        }
    }

    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        try
        {
            _inner.WriteRead(writeBuffer, readBuffer);
        }
        catch (IOException e) when (e is not HardwareIOException)
        {
            throw KernelErrors.Translate(e, Path, $"combined transfer at I2C address 0x{_address:X2}");
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}

/// <summary>Register access the battery boards share (each datasheet: write the register number, read after a repeated start).</summary>
internal static class I2cRegisters
{
    /// <summary>
    /// One register byte: a combined transfer (write the register number, repeated start, read one byte), the same
    /// bus traffic as SMBus "read byte data".
    /// </summary>
    public static byte ReadRegister(this I2cDevice device, byte register)
    {
        Span<byte> value = stackalloc byte[1];
        device.WriteRead([register], value);
        return value[0];
    }

    /// <summary>The target's 7-bit address, for messages.</summary>
    public static int Address(this I2cDevice device) => device.ConnectionSettings.DeviceAddress;
}
