using System.Runtime.InteropServices;

namespace GhostRoll.Hardware.Interop;

/// <summary>spidev user-space API (include/uapi/linux/spi/spidev.h, spi.h).</summary>
internal static unsafe class Spidev
{
    /// <summary>SPI_IOC_MAGIC 'k'.</summary>
    internal const byte SPI_IOC_MAGIC = (byte)'k';

    /// <summary>SPI mode 0 (CPOL = 0, CPHA = 0): what the SSD16xx controllers sample on (Waveshare epdconfig, mode 0b00).</summary>
    internal const byte SPI_MODE_0 = 0;

    internal static readonly nuint SPI_IOC_WR_MODE = IoctlRequest.Write(SPI_IOC_MAGIC, 1, sizeof(byte));
    internal static readonly nuint SPI_IOC_WR_BITS_PER_WORD = IoctlRequest.Write(SPI_IOC_MAGIC, 3, sizeof(byte));
    internal static readonly nuint SPI_IOC_WR_MAX_SPEED_HZ = IoctlRequest.Write(SPI_IOC_MAGIC, 4, sizeof(uint));

    /// <summary>SPI_IOC_MESSAGE(n): <c>_IOW('k', 0, char[n * sizeof(struct spi_ioc_transfer)])</c>.</summary>
    internal static nuint SPI_IOC_MESSAGE(int transfers) => IoctlRequest.Write(SPI_IOC_MAGIC, 0, transfers * sizeof(SpiIocTransfer));
}

/// <summary>
/// <c>struct spi_ioc_transfer</c>: 32 bytes, identical on 32- and 64-bit kernels (pointers travel as u64).
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct SpiIocTransfer
{
    public ulong tx_buf;
    public ulong rx_buf;
    public uint len;
    public uint speed_hz;
    public ushort delay_usecs;
    public byte bits_per_word;
    public byte cs_change;
    public byte tx_nbits;
    public byte rx_nbits;
    public byte word_delay_usecs;
    public byte pad;
}
