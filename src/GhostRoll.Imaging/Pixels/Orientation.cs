namespace GhostRoll.Imaging.Pixels;

/// <summary>
/// EXIF orientation (TIFF 6.0 tag 274 / CIPA DC-008 Exif 2.32 §4.6.4): how the stored pixels must be turned for
/// display. 1 = as stored; 2 mirror; 3 rotate 180; 4 flip; 5 transpose; 6 rotate 90 clockwise; 7 transverse;
/// 8 rotate 90 counter-clockwise. Anything else (0, garbage) counts as 1.
/// </summary>
internal static unsafe class Orientation
{
    public static int Normalize(int? value) => value is >= 1 and <= 8 ? value.Value : 1;

    public static bool SwapsAxes(int orientation) => orientation is >= 5 and <= 8;

    /// <summary>Returns a new upright image (or <paramref name="source"/> itself for orientation 1).</summary>
    public static RgbxImage Apply(RgbxImage source, int orientation, PixelPool? pool = null)
    {
        orientation = Normalize(orientation);
        if (orientation == 1)
        {
            return source;
        }

        int w = source.Width, h = source.Height;
        var swap = SwapsAxes(orientation);
        var result = RgbxImage.Allocate(swap ? h : w, swap ? w : h, pool);
        var src = (uint*)source.Pointer;
        var p = source.Stride / 4; // source row pitch in pixels
        var dst = (uint*)result.Pointer;
        int outW = result.Width, outH = result.Height;

        // For output row y the source index is linear in x: index(x) = start(y) + x * step.
        long step = orientation switch
        {
            2 or 3 => -1,
            4 => 1,
            5 or 8 => p,
            _ => -p, // 6, 7
        };

        long Start(int y) => orientation switch
        {
            2 => ((long)y * p) + w - 1,
            3 => ((long)(h - 1 - y) * p) + w - 1,
            4 => (long)(h - 1 - y) * p,
            5 => y,
            6 => ((long)(h - 1) * p) + y,
            7 => ((long)(h - 1) * p) + w - 1 - y,
            _ => w - 1 - y, // 8
        };

        if (!swap)
        {
            for (var y = 0; y < outH; y++)
            {
                var s = src + Start(y);
                var d = dst + ((long)y * outW);
                for (var x = 0; x < outW; x++)
                {
                    d[x] = *s;
                    s += step;
                }
            }

            return result;
        }

        // Rotations walk the source down its columns: go in 64x64 tiles so both sides stay in cache.
        const int Tile = 64;
        for (var ty = 0; ty < outH; ty += Tile)
        {
            var yEnd = Math.Min(ty + Tile, outH);
            for (var tx = 0; tx < outW; tx += Tile)
            {
                var xEnd = Math.Min(tx + Tile, outW);
                for (var y = ty; y < yEnd; y++)
                {
                    var s = src + Start(y) + (tx * step);
                    var d = dst + ((long)y * outW);
                    for (var x = tx; x < xEnd; x++)
                    {
                        d[x] = *s;
                        s += step;
                    }
                }
            }
        }

        return result;
    }
}
