namespace GhostRoll.Hardware.EPaper;

/// <summary>
/// A panel's native RAM geometry: <see cref="Width"/> source lines (x, packed 8 per byte, MSB leftmost) by
/// <see cref="Height"/> gate lines (y). Rows are padded to whole bytes (122 px -> 16 bytes).
/// </summary>
public readonly record struct PanelGeometry(int Width, int Height)
{
    public int BytesPerRow => (Width + 7) / 8;

    public int FrameBytes => BytesPerRow * Height;
}
