using System.Device.Spi;
using GhostRoll.Hardware.Buses;

namespace GhostRoll.Hardware.Tests.Fakes;

/// <summary>An output line that remembers its level and logs every write to the shared trace.</summary>
public sealed class FakeGpioLine(string name, HardwareTrace trace, bool initial = true) : IGpioOutputLine
{
    public string Name { get; } = name;

    public bool Level { get; private set; } = initial;

    /// <summary>Called after each write (the simulated controller watches RST).</summary>
    public Action<bool>? Changed { get; set; }

    public void Write(bool high)
    {
        Level = high;
        trace.Add(TraceKind.LineWrite, Name, high);
        Changed?.Invoke(high);
    }
}

/// <summary>
/// The BUSY input. By default it follows a simulated controller; <see cref="StuckHigh"/> models a panel that never
/// finishes (or a floating line on a HAT with no panel behind it).
/// </summary>
public sealed class ScriptedBusyLine(HardwareTrace trace, Func<bool> controllerBusy) : IGpioInputLine
{
    public bool StuckHigh { get; set; }

    public int Reads { get; private set; }

    public bool Read()
    {
        Reads++;
        trace.Add(TraceKind.BusyRead);
        return StuckHigh || controllerBusy();
    }
}

/// <summary>An SPI bus that records (D/C level, bytes) for every write and hands the bytes to a listener.</summary>
public sealed class RecordingSpiBus(HardwareTrace trace, FakeGpioLine dc) : SpiDevice
{
    public Action<bool, byte[]>? Received { get; set; }

    public override SpiConnectionSettings ConnectionSettings { get; } = new(0, 0);

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        var bytes = buffer.ToArray();
        trace.Add(TraceKind.Spi, "SPI", dc.Level, bytes);
        Received?.Invoke(dc.Level, bytes);
    }

    /// <summary>The SSD16xx HATs wire no MISO: a driver that reads is wrong.</summary>
    public override void Read(Span<byte> buffer) => throw new NotSupportedException("the HAT has no MISO");

    public override void TransferFullDuplex(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer) =>
        throw new NotSupportedException("the HAT has no MISO");
}
