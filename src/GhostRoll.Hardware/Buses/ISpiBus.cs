namespace GhostRoll.Hardware.Buses;

/// <summary>A write-only SPI device with its chip select handled by the bus (the kernel asserts CE0 for us).</summary>
public interface ISpiBus
{
    /// <summary>
    /// Shifts <paramref name="data"/> out with chip select asserted. A bus may split a long write into several
    /// transfers (spidev takes at most its buffer size per message); the SSD16xx controllers accept a RAM write split
    /// this way as long as D/C stays at "data" and no command byte intervenes.
    /// </summary>
    void Write(ReadOnlySpan<byte> data);
}
