using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using GhostRoll.Screens;
using GhostRoll.Screens.Layout;
using GhostRoll.Screens.Png;
using GhostRoll.Screens.Qr;
using GhostRoll.Screens.Text;
using GhostRoll.Status;

namespace GhostRoll.Screens.Benchmarks;

/// <summary>
/// What status screens cost inside the import process: a frame per visible change, and the heartbeat rewrite
/// (same content) that must cost next to nothing.
/// </summary>
[MemoryDiagnoser]
public class ScreenBenchmarks
{
    private const string ShortUrl = "https://gr.example/s/Ab3dE9xQ";
    private readonly StatusDocument _copying = new()
    {
        State = StatusStates.Running, Step = StatusStep.Ingest, Message = "DCIM/100CANON/IMG_0412.CR3", Hostname = "ghostroll", Ip = "192.168.1.23",
        BatteryPercentage = 87, Counts = new StatusCounts { Discovered = 143, New = 40, Skipped = 103, CopiedDone = 12, CopiedTotal = 40 },
    };

    private StatusDocument _done = null!;
    private FreeTypeGlyphSource _fonts = null!;
    private StatusScreenRenderer _renderer = null!;
    private PngStatusSink _sink = null!;
    private string _directory = null!;
    private int _counter;

    [GlobalSetup]
    public void Setup()
    {
        _done = _copying with { State = StatusStates.Done, Step = StatusStep.Done, Url = ShortUrl };
        _fonts = FreeTypeGlyphSource.Open();
        _renderer = new StatusScreenRenderer(_fonts);
        _directory = Directory.CreateTempSubdirectory("ghostroll-bench-").FullName;
        _sink = new PngStatusSink(Path.Combine(_directory, "status.png"), new StatusScreenRenderer(FreeTypeGlyphSource.Open()));
        _sink.Write(_copying);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _fonts.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(Description = "panel frame, copying (render)")]
    public int RenderPanelCopying() => _renderer.Render(_copying, ScreenProfile.Panel).Width;

    [Benchmark(Description = "panel frame, done + QR (render + 1-bit PNG)")]
    public int PanelDonePng() => PngEncoder.Encode(_renderer.Render(_done, ScreenProfile.Panel), PngPixelFormat.OneBit).Length;

    [Benchmark(Description = "large frame, copying (render + grey PNG)")]
    public int LargeCopyingPng() => PngEncoder.Encode(_renderer.Render(_copying, ScreenProfile.Large), PngPixelFormat.Grey8).Length;

    [Benchmark(Description = "QR fit, short URL (4 levels)")]
    public int QrFitShort() => QrPlacement.Fit(ShortUrl, 122)!.PixelsPerModule;

    [Benchmark(Description = "sink: changed status (both PNGs, atomic writes)")]
    public void SinkChanged() => _sink.Write(_copying with { Counts = _copying.Counts with { CopiedDone = ++_counter % 40 } });

    [Benchmark(Description = "sink: heartbeat (nothing visible changed)")]
    public void SinkHeartbeat() => _sink.Write(_copying with { UpdatedUnix = ++_counter, Counts = _copying.Counts with { CopiedDone = 7 } });

    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(ScreenBenchmarks).Assembly).Run(args);
}
