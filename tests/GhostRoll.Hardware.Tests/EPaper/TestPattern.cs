using GhostRoll.Hardware.EPaper;

namespace GhostRoll.Hardware.Tests.EPaper;

/// <summary>Frames for the panel tests: the golden pattern and uniform frames.</summary>
internal static class TestPattern
{
    /// <summary>The pattern the goldens were made from (Golden/make-golden-frames.py draws it independently).</summary>
    public static byte[] Render(int w, int h) => PanelTestPattern.Render(w, h);

    /// <summary>A uniform frame (all white or all black).</summary>
    public static byte[] Solid(int w, int h, bool black) => Enumerable.Repeat(black ? (byte)0 : (byte)255, w * h).ToArray();
}
