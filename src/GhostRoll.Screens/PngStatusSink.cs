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
    private ScreenModel? _lastModel;

    /// <param name="panelPath">STATUS_IMAGE_PATH.</param>
    /// <param name="renderer">A renderer this sink may use exclusively (it serialises calls).</param>
    /// <param name="ownedFonts">Disposed with the sink (the glyph source behind <paramref name="renderer"/>, if the sink owns it).</param>
    public PngStatusSink(string panelPath, StatusScreenRenderer renderer, IDisposable? ownedFonts = null)
    {
        PanelPath = panelPath;
        LargePath = LargePathFor(panelPath);
        _renderer = renderer;
        _ownedFonts = ownedFonts;
    }

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

    public void Write(StatusDocument status)
    {
        lock (_gate)
        {
            var model = ScreenModel.From(status, _renderer.LowBatteryPercent);
            if (model == _lastModel)
            {
                return;
            }

            var panel = PngEncoder.Encode(_renderer.Render(model, ScreenProfile.Panel), PngPixelFormat.OneBit);
            var large = PngEncoder.Encode(_renderer.Render(model, ScreenProfile.Large), PngPixelFormat.Grey8);
            const UnixFileMode Readable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

            // Not fsynced, like status.json: rewritten often, and a lost frame is redrawn by the next change.
            AtomicFile.WriteAllBytes(PanelPath, panel, Readable, durable: false);
            AtomicFile.WriteAllBytes(LargePath, large, Readable, durable: false);
            _lastModel = model;
        }
    }

    public void Dispose() => _ownedFonts?.Dispose();
}
