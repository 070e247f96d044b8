using GhostRoll.Hardware.EPaper;
using GhostRoll.Hardware.Power;

namespace GhostRoll.Appliance.Tests.Display;

/// <summary>
/// A panel that records what the daemon asks of it, in order. It follows the SSD16xx contract the real drivers
/// implement: a frame is exactly Width x Height bytes, and a partial refresh needs the panel awake with a
/// previous frame in controller RAM (after deep sleep the RAM is gone, so a partial would draw garbage).
/// </summary>
internal sealed class RecordingPanel(int width = 250, int height = 122) : IEPaperPanel
{
    public sealed record Call(string Kind, RefreshMode? Mode, byte[]? Pixels);

    private readonly Lock _gate = new();
    private readonly List<Call> _calls = [];
    private bool _hasBaseFrame;

    /// <summary>A snapshot (the daemon may be calling from another thread).</summary>
    public IReadOnlyList<Call> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    /// <summary>When set, the next Show throws it (an SPI or BUSY-timeout failure).</summary>
    public IOException? FailNextShow { get; set; }

    public int Width { get; } = width;

    public int Height { get; } = height;

    public string Model => "recording fake";

    public bool Asleep { get; private set; } = true;

    public IEnumerable<RefreshMode> Modes => Calls.Where(c => c.Kind == "show").Select(c => c.Mode!.Value);

    public byte[] LastFrame => Calls.Last(c => c.Kind == "show").Pixels!;

    public void Show(ReadOnlySpan<byte> pixels, RefreshMode mode)
    {
        if (FailNextShow is { } failure)
        {
            FailNextShow = null;
            _hasBaseFrame = false;
            throw failure;
        }

        if (pixels.Length != Width * Height)
        {
            throw new ArgumentException($"frame of {pixels.Length} bytes for a {Width}x{Height} panel");
        }

        if (mode == RefreshMode.Partial && (Asleep || !_hasBaseFrame))
        {
            throw new InvalidOperationException("partial refresh without a base frame in controller RAM (after sleep or an error)");
        }

        Asleep = false;
        _hasBaseFrame = true;
        lock (_gate)
        {
            _calls.Add(new Call("show", mode, pixels.ToArray()));
        }
    }

    public void Sleep()
    {
        Asleep = true;
        _hasBaseFrame = false;
        lock (_gate)
        {
            _calls.Add(new Call("sleep", null, null));
        }
    }

    public void Dispose()
    {
    }
}

/// <summary>A battery board whose next reading the test sets; throws like a board that stopped answering.</summary>
internal sealed class FakeBatteryGauge : IBatteryGauge
{
    public BatteryStatus? Next { get; set; } = new(80, 4.0, false, false, "fake");

    public int Reads { get; private set; }

    public string Board => "fake";

    public BatteryStatus Read()
    {
        Reads++;
        return Next ?? throw new IOException("i2c read failed: Remote I/O error (errno 121)");
    }

    public void Dispose()
    {
    }
}
