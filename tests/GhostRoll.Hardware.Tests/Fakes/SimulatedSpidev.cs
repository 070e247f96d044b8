using System.Device.Spi;
using System.Runtime.InteropServices;

namespace GhostRoll.Hardware.Tests.Fakes;

/// <summary>
/// <c>/dev/spidev0.0</c> behind System.Device.Gpio's SpiDevice, as drivers/spi/spidev.c answers it: one message per
/// Write, refused with EMSGSIZE when longer than <see cref="BufferSize"/> (the <c>bufsiz</c> module parameter), and
/// failures reported the way SpiDevice reports them (an IOException whose message starts "Error {errno} (...)").
/// </summary>
internal sealed class SimulatedSpidev : SpiDevice
{
    private SpiConnectionSettings? _settings;

    public int BufferSize { get; set; } = 4096;

    /// <summary>errno opening the node fails with (EACCES for a user outside the spi group), or 0.</summary>
    public int OpenError { get; set; }

    /// <summary>The settings the bus was created with; null until then.</summary>
    public SpiConnectionSettings? Settings => _settings;

    public bool Disposed { get; private set; }

    /// <summary>Every message's transmitted bytes, in order.</summary>
    public List<byte[]> Messages { get; } = [];

    /// <summary>Called with each message's bytes (the simulated panel listens here).</summary>
    public Action<byte[]>? Transferred { get; set; }

    public override SpiConnectionSettings ConnectionSettings => _settings ?? throw new InvalidOperationException("not created");

    /// <summary>What <see cref="SpiDevice.Create"/> does for these settings on a Pi with this node.</summary>
    public SpiDevice Connect(SpiConnectionSettings settings)
    {
        _settings = settings;
        Disposed = false;
        return this;
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(Disposed, this);
        if (OpenError != 0)
        {
            // SpiDevice opens the node on its first transfer.
            throw new IOException($"Error {OpenError} ({Marshal.GetPInvokeErrorMessage(OpenError)}). Can not open SPI device file '/dev/spidev0.0'.");
        }

        if (buffer.Length > BufferSize)
        {
            throw new IOException("Error 90 (Message too long) performing SPI data transfer.");
        }

        var bytes = buffer.ToArray();
        Messages.Add(bytes);
        Transferred?.Invoke(bytes);
    }

    public override void Read(Span<byte> buffer) => throw new NotSupportedException("the HAT has no MISO");

    public override void TransferFullDuplex(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer) =>
        throw new NotSupportedException("the HAT has no MISO");

    protected override void Dispose(bool disposing)
    {
        Disposed = true;
        base.Dispose(disposing);
    }
}
