using GhostRoll.Hardware.EPaper;

namespace GhostRoll.Hardware.Tests.Fakes;

/// <summary>
/// A Waveshare HAT on the bench: RST and D/C outputs, the BUSY input, the SPI bus, all logging to one trace, and a
/// <see cref="SimulatedSsd16xx"/> behind them that reacts as the controller would.
/// </summary>
public sealed class FakeHat
{
    public FakeHat()
    {
        Trace = new HardwareTrace(Clock);
        Controller = new SimulatedSsd16xx(Clock);
        Dc = new FakeGpioLine("DC", Trace, initial: false);
        Reset = new FakeGpioLine("RST", Trace) { Changed = Controller.OnReset };
        Busy = new ScriptedBusyLine(Trace, () => Controller.Busy);
        Spi = new RecordingSpiBus(Trace, Dc) { Received = Controller.OnSpi };
    }

    public VirtualClock Clock { get; } = new();

    public HardwareTrace Trace { get; }

    public SimulatedSsd16xx Controller { get; }

    public FakeGpioLine Dc { get; }

    public FakeGpioLine Reset { get; }

    public ScriptedBusyLine Busy { get; }

    public RecordingSpiBus Spi { get; }

    internal Ssd1680Panel CreatePanel(EPaperModel model, EPaperOptions? options = null) =>
        new(Spi, Dc, Reset, Busy, model, options, Clock);

    /// <summary>The native frame the simulated glass shows now (the black/white RAM at the last update).</summary>
    public byte[] Glass(PanelGeometry geometry) =>
        SimulatedSsd16xx.Crop(Controller.Refreshes[^1].BlackWhiteRam, geometry.BytesPerRow, geometry.Height);
}
