using System.Device.Spi;
using System.Globalization;
using GhostRoll.Hardware.Interop;

namespace GhostRoll.Hardware.Buses;

/// <summary>
/// The production SPI bus: System.Device.Gpio's <see cref="SpiDevice"/> for <c>/dev/spidevB.C</c>, with the two
/// things it leaves to the caller. It sends a write as one SPI_IOC_MESSAGE(1) whatever its length, and spidev fails
/// a message longer than its <c>bufsiz</c> (drivers/spi/spidev.c: 4096 by default) with EMSGSIZE, so writes are split
/// here; the SSD16xx controllers accept a RAM write split this way as long as D/C stays at "data" and no command byte
/// intervenes. And it reports errno only inside an <see cref="IOException"/> message, so failures are turned into a
/// <see cref="HardwareIOException"/> that says what to do.
/// </summary>
internal sealed class SpidevDevice : SpiDevice
{
    /// <summary>The spidev node the Waveshare HATs use: SPI0, chip select CE0 (GPIO8).</summary>
    public const string DefaultPath = "/dev/spidev0.0";

    /// <summary>4 MHz, as Waveshare's epdconfig.py; the SSD16xx controllers accept up to 20 MHz on short wires.</summary>
    public const int DefaultSpeedHz = 4_000_000;

    /// <summary>spidev's default <c>bufsiz</c> module parameter.</summary>
    public const int DefaultMaxTransferBytes = 4096;

    private const string BufferSizeAttribute = "/sys/module/spidev/parameters/bufsiz";

    private readonly SpiDevice _inner;

    internal SpidevDevice(SpiDevice inner, string path, int maxTransferBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxTransferBytes);
        _inner = inner;
        Path = path;
        MaxTransferBytes = maxTransferBytes;
    }

    public string Path { get; }

    /// <summary>The largest single SPI message; longer writes are split.</summary>
    public int MaxTransferBytes { get; }

    public override SpiConnectionSettings ConnectionSettings => _inner.ConnectionSettings;

    /// <summary>SPI0 CE0 in mode 0, 8-bit words, at <paramref name="speedHz"/>.</summary>
    public static SpiConnectionSettings Settings(int speedHz = DefaultSpeedHz) =>
        new(busId: 0, chipSelectLine: 0) { Mode = SpiMode.Mode0, DataBitLength = 8, ClockFrequency = speedHz };

    /// <summary>
    /// Opens <c>/dev/spidev0.0</c>. SpiDevice opens the node on its first transfer, so a missing node is reported
    /// here instead, with the advice to enable SPI.
    /// </summary>
    public static SpidevDevice Open(int speedHz = DefaultSpeedHz) =>
        Open(LinuxKernel.Instance, SpiDevice.Create, speedHz);

    internal static SpidevDevice Open(ILinuxKernel kernel, Func<SpiConnectionSettings, SpiDevice> create, int speedHz)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(speedHz);
        if (!kernel.Exists(DefaultPath))
        {
            throw KernelErrors.Create(Libc.ENOENT, DefaultPath, "open");
        }

        return new SpidevDevice(create(Settings(speedHz)), DefaultPath, ReadMaxTransferBytes(kernel));
    }

    /// <summary>
    /// The live spidev buffer size (it can be raised with <c>spidev.bufsiz=</c> on the kernel command line);
    /// the default when the attribute is unreadable.
    /// </summary>
    internal static int ReadMaxTransferBytes(ILinuxKernel kernel) =>
        int.TryParse(kernel.ReadAttribute(BufferSizeAttribute)?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size > 0
            ? size
            : DefaultMaxTransferBytes;

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            var chunk = buffer[..Math.Min(buffer.Length, MaxTransferBytes)];
            try
            {
                _inner.Write(chunk);
            }
            catch (IOException e) when (e is not HardwareIOException)
            {
                throw KernelErrors.Translate(e, Path, "SPI transfer");
            }

            buffer = buffer[chunk.Length..];
        }
    }

    /// <summary>The panels are write-only (no MISO on the HATs); reading is not part of this bus.</summary>
    public override void Read(Span<byte> buffer) =>
        throw new NotSupportedException("The e-paper SPI bus is write-only.");

    /// <inheritdoc cref="Read"/>
    public override void TransferFullDuplex(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer) =>
        throw new NotSupportedException("The e-paper SPI bus is write-only.");

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
