namespace GhostRoll.Hardware.Tests.EPaper;

/// <summary>
/// The golden frames' test pattern, drawn in logical orientation, one byte per pixel (0 = black, 255 = white).
/// Golden/make-golden-frames.py draws the same pattern with Pillow; keep the two definitions identical.
/// </summary>
internal static class TestPattern
{
    public static byte[] Render(int w, int h)
    {
        var pixels = new byte[w * h];
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                var black = x < 2 || y < 2 || x >= w - 2 || y >= h - 2
                    || (x is >= 8 and < 40 && y is >= 8 and < 24)
                    || (x >= w - 20 && x < w - 12 && y is >= 8 and < 12)
                    || (x >= w - 40 && x < w - 8 && y >= h - 40 && y < h - 8 && ((x / 4) + (y / 4)) % 2 == 0);
                pixels[(y * w) + x] = black ? (byte)0 : (byte)255;
            }
        }

        for (var x = 0; x < w; x++)
        {
            pixels[(x * (h - 1) / (w - 1) * w) + x] = 0;
        }

        return pixels;
    }

    /// <summary>A uniform frame (all white or all black).</summary>
    public static byte[] Solid(int w, int h, bool black) => Enumerable.Repeat(black ? (byte)0 : (byte)255, w * h).ToArray();
}
