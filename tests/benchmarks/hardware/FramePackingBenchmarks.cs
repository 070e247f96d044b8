using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using GhostRoll.Hardware.EPaper;

namespace GhostRoll.Hardware.Benchmarks;

/// <summary>
/// Turning a logical frame into panel RAM (rotation + 1-bit packing), the step Waveshare's Python does in
/// getbuffer(); the peer is timed by peer_getbuffer.py on the same pattern. One call per display update.
/// </summary>
[MemoryDiagnoser]
public class FramePackingBenchmarks
{
    private static readonly PanelGeometry Epd2in13 = EPaperModel.Waveshare213V4.Geometry;
    private static readonly PanelGeometry Epd2in7 = EPaperModel.Waveshare27V2.Geometry;
    private readonly byte[] _landscape2in13 = PanelTestPattern.Render(250, 122);
    private readonly byte[] _landscape2in7 = PanelTestPattern.Render(264, 176);
    private readonly byte[] _frame2in13 = new byte[Epd2in13.FrameBytes];
    private readonly byte[] _frame2in7 = new byte[Epd2in7.FrameBytes];

    [Benchmark(Description = "2.13\" 250x122, rotation 90")]
    public byte[] Pack2in13()
    {
        FramePacker.Pack(_landscape2in13, Epd2in13, 90, _frame2in13);
        return _frame2in13;
    }

    [Benchmark(Description = "2.7\" 264x176, rotation 90")]
    public byte[] Pack2in7()
    {
        FramePacker.Pack(_landscape2in7, Epd2in7, 90, _frame2in7);
        return _frame2in7;
    }

    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(FramePackingBenchmarks).Assembly).Run(args);
}
