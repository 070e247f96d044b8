namespace GhostRoll.Hardware.Buses;

/// <summary>
/// One I2C target at a fixed 7-bit address. The battery gauges only read: they never change a board's
/// configuration, so they can share the bus with PiSugar's own server.
/// </summary>
public interface II2cDevice
{
    /// <summary>The 7-bit address.</summary>
    int Address { get; }

    /// <summary>SMBus "read byte data": write the register number, repeated start, read one byte.</summary>
    byte ReadByteData(byte register);

    /// <summary>
    /// A combined transfer: writes <paramref name="write"/> then, after a repeated start, reads
    /// <paramref name="read"/> (either may be empty). Used where a target needs more than one byte per transaction.
    /// </summary>
    void WriteRead(ReadOnlySpan<byte> write, Span<byte> read);
}
