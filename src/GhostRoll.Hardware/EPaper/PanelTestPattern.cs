namespace GhostRoll.Hardware.EPaper;

/// <summary>
/// A frame for checking a panel (and the golden frames of the tests): a 2-pixel border, a diagonal from the top-left
/// to the bottom-right corner, a solid block near the top-left, a short bar near the top-right and a checkerboard
/// near the bottom-right, so any wrong rotation or mirror is obvious at a glance. One byte per pixel, 0 = black,
/// 255 = white. tests/GhostRoll.Hardware.Tests/Golden/make-golden-frames.py draws the same pattern with Pillow.
/// </summary>
public static class PanelTestPattern
{
    public static byte[] Render(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 48);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 48);
        var (w, h) = (width, height);
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
}
