using System.Globalization;
using GhostRoll.Hardware.EPaper;
using GhostRoll.Screens.Drawing;
using GhostRoll.Screens.Png;
using GhostRoll.Storage;

namespace GhostRoll.Appliance.Display;

/// <summary>
/// A panel that writes PNGs instead of driving e-ink: used with <c>--fake</c> and when no panel is attached, so
/// the display can be checked over SSH (<c>DIR/frame.png</c> is always the current frame). Each refresh is also
/// kept as <c>frame-NNNNNN-MODE.png</c>, the last <see cref="KeepFrames"/> of them, to review refresh decisions.
/// </summary>
public sealed class PngFramePanel : IEPaperPanel
{
    public const string CurrentFrameName = "frame.png";

    private int _sequence;

    public PngFramePanel(string directory, int width = 250, int height = 122, int keepFrames = 100)
    {
        Directory.CreateDirectory(directory);
        OutputDirectory = directory;
        Width = width;
        Height = height;
        KeepFrames = keepFrames;

        // Continue numbering after an earlier run's frames so the sequence stays in order across restarts.
        _sequence = Directory.GetFiles(directory, "frame-*.png")
            .Select(p => Path.GetFileName(p).Split('-'))
            .Select(parts => parts.Length >= 2 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0)
            .DefaultIfEmpty(0)
            .Max();
    }

    public string OutputDirectory { get; }

    public int KeepFrames { get; }

    public int Width { get; }

    public int Height { get; }

    public string Model => $"PNG frames in {OutputDirectory} (no panel)";

    public bool Sleeping { get; private set; }

    public void Show(ReadOnlySpan<byte> pixels, RefreshMode mode)
    {
        Sleeping = false;
        var png = PngEncoder.Encode(Canvas.FromPixels(Width, Height, pixels), PngPixelFormat.OneBit);
        _sequence++;
        var numbered = string.Create(CultureInfo.InvariantCulture, $"frame-{_sequence:D6}-{mode.ToString().ToLowerInvariant()}.png");
        if (KeepFrames > 0)
        {
            AtomicFile.WriteAllBytes(Path.Combine(OutputDirectory, numbered), png, durable: false);
            Prune();
        }

        AtomicFile.WriteAllBytes(Path.Combine(OutputDirectory, CurrentFrameName), png, durable: false);
    }

    public void Sleep() => Sleeping = true;

    private void Prune()
    {
        var old = Directory.GetFiles(OutputDirectory, "frame-*.png").Order(StringComparer.Ordinal).ToList();
        foreach (var path in old.Take(Math.Max(0, old.Count - KeepFrames)))
        {
            File.Delete(path);
        }
    }

    public void Dispose()
    {
    }
}
