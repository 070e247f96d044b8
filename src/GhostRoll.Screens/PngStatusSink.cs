using GhostRoll.Screens.Layout;
using GhostRoll.Screens.Png;
using GhostRoll.Status;
using GhostRoll.Storage;

namespace GhostRoll.Screens;

/// <summary>
/// Writes <c>status.png</c> (STATUS_IMAGE_PATH: the 250 x 122 1-bit panel image) and <c>status-large.png</c>
/// beside it (800 x 480 grey, where a long share link's QR still scans). Runs inside the import process on a
/// Pi Zero, so it renders only when what the screen says changed (the heartbeat rewrites status every second
/// with nothing new) and replaces the files atomically, so a viewer never sees half a PNG.
/// </summary>
public sealed class PngStatusSink : IStatusSink, IDisposable
{
    private readonly Lock _gate = new();
    private readonly StatusScreenRenderer _renderer;
    private readonly IDisposable? _ownedFonts;
    private readonly TimeProvider _time;
    private ScreenModel? _lastModel;
    private ScreenModel? _lastLargeModel;
    private DateTimeOffset _lastLargeWrite;

    /// <param name="panelPath">STATUS_IMAGE_PATH.</param>
    /// <param name="renderer">A renderer this sink may use exclusively (it serialises calls).</param>
    /// <param name="ownedFonts">Disposed with the sink (the glyph source behind <paramref name="renderer"/>, if the sink owns it).</param>
    /// <param name="time">Clock for pacing the large image (tests pass a manual one).</param>
    public PngStatusSink(string panelPath, StatusScreenRenderer renderer, IDisposable? ownedFonts = null, TimeProvider? time = null)
    {
        PanelPath = panelPath;
        LargePath = LargePathFor(panelPath);
        _renderer = renderer;
        _ownedFonts = ownedFonts;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>
    /// While one step makes progress, the 800 x 480 image is rewritten at most this often: encoding it costs
    /// ~50x the panel image, and a screen that is not e-ink gains nothing from four updates a second. Any other
    /// change (new step, done, error) is written at once, so the final state is never held back.
    /// </summary>
    public static readonly TimeSpan LargeProgressInterval = TimeSpan.FromSeconds(2);

    /// <summary>A sink with its own fonts (FreeType, else the built-in font; <paramref name="fontProblem"/> says why).</summary>
    public static PngStatusSink Create(string panelPath, int lowBatteryPercent, out string? fontProblem)
    {
        var glyphs = Text.Fonts.Open(out fontProblem);
        return new PngStatusSink(panelPath, new StatusScreenRenderer(glyphs) { LowBatteryPercent = lowBatteryPercent }, glyphs);
    }

    public string PanelPath { get; }

    public string LargePath { get; }

    /// <summary><c>status.png</c> → <c>status-large.png</c> in the same folder.</summary>
    public static string LargePathFor(string panelPath)
    {
        var directory = Path.GetDirectoryName(panelPath) ?? "";
        var extension = Path.GetExtension(panelPath);
        return Path.Combine(directory, Path.GetFileNameWithoutExtension(panelPath) + "-large" + (extension.Length == 0 ? ".png" : extension));
    }

    private const UnixFileMode Readable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    public void Write(StatusDocument status)
    {
        lock (_gate)
        {
            var model = ScreenModel.From(status, _renderer.LowBatteryPercent);
            if (model == _lastModel)
            {
                return;
            }

            // Not fsynced, like status.json: rewritten often, and a lost frame is redrawn by the next change.
            var panel = PngEncoder.Encode(_renderer.Render(model, ScreenProfile.Panel), PngPixelFormat.OneBit);
            AtomicFile.WriteAllBytes(PanelPath, panel, Readable, durable: false);
            _lastModel = model;

            var now = _time.GetUtcNow();
            var sameStep = model.Kind == ScreenKind.Working && _lastLargeModel is { Kind: ScreenKind.Working } previous && previous.Headline == model.Headline;
            if (sameStep && now - _lastLargeWrite < LargeProgressInterval)
            {
                return;
            }

            var large = PngEncoder.Encode(_renderer.Render(model, ScreenProfile.Large), PngPixelFormat.Grey8);
            AtomicFile.WriteAllBytes(LargePath, large, Readable, durable: false);
            _lastLargeModel = model;
            _lastLargeWrite = now;
        }
    }

    public void Dispose() => _ownedFonts?.Dispose();
}
