namespace GhostRoll.Hardware.EPaper;

/// <summary>How a frame is pushed to the panel.</summary>
public enum RefreshMode
{
    /// <summary>Full waveform: slow (~2-3 s), flashes, clears ghosting.</summary>
    Full,

    /// <summary>The controller's fast full refresh (fewer flashes).</summary>
    Fast,

    /// <summary>Partial update against the previous frame: quick, no flash, accumulates ghosting.</summary>
    Partial,
}

/// <summary>
/// An e-paper panel. Frames are given in the panel's logical (landscape, after rotation) orientation as one byte
/// per pixel: 0 = black, anything else = white. The driver rotates and packs into the controller's RAM layout.
/// </summary>
public interface IEPaperPanel : IDisposable
{
    /// <summary>Logical width after rotation (250 for the 2.13" panels in landscape).</summary>
    int Width { get; }

    int Height { get; }

    string Model { get; }

    /// <summary>Shows a frame; wakes the panel from deep sleep first if needed.</summary>
    void Show(ReadOnlySpan<byte> pixels, RefreshMode mode);

    /// <summary>Deep sleep (the panel keeps its image without power); the next <see cref="Show"/> wakes it.</summary>
    void Sleep();
}
