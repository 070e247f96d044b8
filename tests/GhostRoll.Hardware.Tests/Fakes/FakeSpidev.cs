using GhostRoll.Hardware.Interop;

namespace GhostRoll.Hardware.Tests.Fakes;

/// <summary>
/// <c>/dev/spidevB.C</c> (drivers/spi/spidev.c): mode, word size and clock ioctls, and SPI_IOC_MESSAGE(1) whose
/// length may not exceed <see cref="BufferSize"/> (the <c>bufsiz</c> module parameter, EMSGSIZE otherwise).
/// </summary>
internal sealed unsafe class FakeSpidev : FakeDeviceNode
{
    // include/uapi/linux/spi/spidev.h, encoded by hand (dir << 30 | size << 16 | 'k' << 8 | nr).
    private const nuint WriteMode = 0x40016B01;
    private const nuint WriteBitsPerWord = 0x40016B03;
    private const nuint WriteMaxSpeedHz = 0x40046B04;
    private const nuint MessageOfOne = 0x40206B00;

    public int BufferSize { get; set; } = 4096;

    public byte? Mode { get; private set; }

    public byte? BitsPerWord { get; private set; }

    public uint? MaxSpeedHz { get; private set; }

    /// <summary>Every message's transmitted bytes, in order.</summary>
    public List<byte[]> Messages { get; } = [];

    /// <summary>Called with each message's bytes (the simulated panel listens here).</summary>
    public Action<byte[]>? Transferred { get; set; }

    public override FakeOpenFile Open(FakeLinuxKernel kernel) => new File(this);

    private sealed class File(FakeSpidev device) : FakeOpenFile
    {
        public override int Ioctl(nuint request, byte* argument)
        {
            switch (request)
            {
                case WriteMode:
                    device.Mode = *argument;
                    return 0;
                case WriteBitsPerWord:
                    device.BitsPerWord = *argument;
                    return 0;
                case WriteMaxSpeedHz:
                    device.MaxSpeedHz = *(uint*)argument;
                    return 0;
                case MessageOfOne:
                    // struct spi_ioc_transfer: tx_buf u64 @0, rx_buf u64 @8, len u32 @16, speed_hz u32 @20,
                    // delay_usecs u16 @24, bits_per_word u8 @26, cs_change u8 @27.
                    var tx = *(ulong*)argument;
                    var length = *(uint*)(argument + 16);
                    if (length > device.BufferSize)
                    {
                        return -Libc.EMSGSIZE;
                    }

                    if (tx == 0 || argument[26] is not (0 or 8))
                    {
                        return -Libc.EINVAL;
                    }

                    var bytes = new ReadOnlySpan<byte>((byte*)tx, (int)length).ToArray();
                    device.Messages.Add(bytes);
                    device.Transferred?.Invoke(bytes);
                    return (int)length;
                default:
                    return -Libc.ENOTTY;
            }
        }
    }
}
