using System.Globalization;
using GhostRoll.Hardware.Interop;

namespace GhostRoll.Hardware.Buses;

/// <summary>
/// An SPI device through Linux spidev: mode 0, 8-bit words, a fixed clock, and writes chunked to the driver's
/// per-message buffer (drivers/spi/spidev.c: <c>bufsiz = 4096</c> by default; a larger message fails with EMSGSIZE).
/// </summary>
public sealed unsafe class SpidevBus : ISpiBus, IDisposable
{
    /// <summary>The spidev node the Waveshare HATs use: SPI0, chip select CE0 (GPIO8).</summary>
    public const string DefaultPath = "/dev/spidev0.0";

    /// <summary>4 MHz, as Waveshare's epdconfig.py; the SSD16xx controllers accept up to 20 MHz on short wires.</summary>
    public const int DefaultSpeedHz = 4_000_000;

    /// <summary>spidev's default <c>bufsiz</c> module parameter.</summary>
    public const int DefaultMaxTransferBytes = 4096;

    private const string BufferSizeAttribute = "/sys/module/spidev/parameters/bufsiz";

    private readonly SpidevHandle _handle;
    private readonly uint _speedHz;

    private SpidevBus(SpidevHandle handle, int speedHz, int maxTransferBytes)
    {
        _handle = handle;
        _speedHz = (uint)speedHz;
        MaxTransferBytes = maxTransferBytes;
    }

    public string Path => _handle.Path;

    /// <summary>The largest single SPI message; longer writes are split.</summary>
    public int MaxTransferBytes { get; }

    /// <summary>Opens a spidev node in mode 0 at <paramref name="speedHz"/>.</summary>
    public static SpidevBus Open(string path = DefaultPath, int speedHz = DefaultSpeedHz) =>
        Open(LinuxKernel.Instance, path, speedHz, ReadMaxTransferBytes(LinuxKernel.Instance));

    internal static SpidevBus Open(ILinuxKernel kernel, string path, int speedHz, int maxTransferBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(speedHz);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxTransferBytes);
        var handle = SpidevHandle.Open(kernel, path);
        try
        {
            byte mode = Spidev.SPI_MODE_0;
            handle.Ioctl(Spidev.SPI_IOC_WR_MODE, &mode, "set SPI mode");
            byte bits = 8;
            handle.Ioctl(Spidev.SPI_IOC_WR_BITS_PER_WORD, &bits, "set SPI word size");
            var speed = (uint)speedHz;
            handle.Ioctl(Spidev.SPI_IOC_WR_MAX_SPEED_HZ, &speed, "set SPI clock");
            return new SpidevBus(handle, speedHz, maxTransferBytes);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The live spidev buffer size (it can be raised with <c>spidev.bufsiz=</c> on the kernel command line);
    /// the default when the attribute is unreadable.
    /// </summary>
    internal static int ReadMaxTransferBytes(ILinuxKernel kernel) =>
        int.TryParse(kernel.ReadAttribute(BufferSizeAttribute)?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size > 0
            ? size
            : DefaultMaxTransferBytes;

    public void Write(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            var chunk = data[..Math.Min(data.Length, MaxTransferBytes)];
            Transfer(chunk);
            data = data[chunk.Length..];
        }
    }

    /// <summary>One SPI_IOC_MESSAGE(1): chip select stays asserted for the whole chunk.</summary>
    private void Transfer(ReadOnlySpan<byte> chunk)
    {
        fixed (byte* tx = chunk)
        {
            var transfer = new SpiIocTransfer
            {
                tx_buf = (ulong)tx,
                len = (uint)chunk.Length,
                speed_hz = _speedHz,
                bits_per_word = 8,
            };
            var sent = _handle.Ioctl(Spidev.SPI_IOC_MESSAGE(1), &transfer, "SPI transfer");
            if (sent != chunk.Length)
            {
                throw new IOException($"SPI transfer on {Path} sent {sent} of {chunk.Length} bytes; the panel may show a partial image.");
            }
        }
    }

    public void Dispose() => _handle.Dispose();
}
