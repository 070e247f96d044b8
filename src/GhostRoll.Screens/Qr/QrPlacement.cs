using GhostRoll.Screens.Drawing;

namespace GhostRoll.Screens.Qr;

/// <summary>
/// A QR code at a whole number of pixels per module with its quiet zone: what to draw in a square of a given
/// side. Whole-pixel modules are what makes a code scannable on a 122-pixel panel (a fractional scale smears
/// module edges; reference-behaviour.md defect 6).
/// </summary>
public sealed record QrPlacement(QrCode Code, int PixelsPerModule, int QuietZoneModules)
{
    /// <summary>
    /// Scanners need at least this many pixels per module on the panel: at 1-2 px a phone camera cannot resolve
    /// modules of a 2.13" panel (~0.2 mm per pixel), at 3 px (0.6 mm modules) codes scan reliably at arm's length.
    /// </summary>
    public const int MinimumPixelsPerModule = 3;

    /// <summary>ISO/IEC 18004 section 5.3.7 asks for 4 modules of quiet zone.</summary>
    public const int StandardQuietZone = 4;

    /// <summary>
    /// The least quiet zone we accept. Phone scanners decode with 2 modules when the surrounding paper is plain
    /// (our layouts keep the rest of that area white), and on a 122-pixel panel those 4 saved modules are what
    /// lifts a version 2-3 code from 3 to 4 pixels per module.
    /// </summary>
    public const int ReducedQuietZone = 2;

    public int SidePixels => (Code.Size + (2 * QuietZoneModules)) * PixelsPerModule;

    /// <summary>
    /// The placement with the most pixels per module that fits in <paramref name="maxSide"/> pixels, trying every
    /// error-correction level with the standard and the reduced quiet zone. Ties go to the standard quiet zone,
    /// then to the stronger error correction. Null when no choice reaches <paramref name="minimumPixelsPerModule"/>:
    /// then the screen shows a message, never an unscannable code.
    /// </summary>
    public static QrPlacement? Fit(string text, int maxSide, int minimumPixelsPerModule = MinimumPixelsPerModule)
    {
        // Level L gives the smallest code: if even that misses the minimum with the reduced quiet zone, no level
        // can reach it, and the common case today (a ~400-character presigned link) costs one encode, not four.
        var smallest = QrCode.TryCreate(text, QrErrorCorrection.L);
        if (smallest is null || maxSide / (smallest.Size + (2 * ReducedQuietZone)) < minimumPixelsPerModule)
        {
            return null;
        }

        var candidates = new List<QrPlacement>();
        foreach (var level in new[] { QrErrorCorrection.H, QrErrorCorrection.Q, QrErrorCorrection.M, QrErrorCorrection.L })
        {
            if ((level == QrErrorCorrection.L ? smallest : QrCode.TryCreate(text, level)) is not { } code)
            {
                continue;
            }

            foreach (var quiet in new[] { StandardQuietZone, ReducedQuietZone })
            {
                var ppm = maxSide / (code.Size + (2 * quiet));
                if (ppm >= minimumPixelsPerModule)
                {
                    candidates.Add(new QrPlacement(code, ppm, quiet));
                }
            }
        }

        return candidates
            .OrderByDescending(c => c.PixelsPerModule)
            .ThenByDescending(c => c.QuietZoneModules)
            .ThenByDescending(c => c.Code.ErrorCorrection)
            .FirstOrDefault();
    }

    /// <summary>Draws the quiet zone (white) and the modules (black) with the top-left corner at (x, y).</summary>
    public void Draw(Canvas canvas, int x, int y)
    {
        canvas.FillRect(x, y, SidePixels, SidePixels, Canvas.White);
        var origin = QuietZoneModules * PixelsPerModule;
        for (var my = 0; my < Code.Size; my++)
        {
            for (var mx = 0; mx < Code.Size; mx++)
            {
                if (Code.IsDark(mx, my))
                {
                    canvas.FillRect(x + origin + (mx * PixelsPerModule), y + origin + (my * PixelsPerModule), PixelsPerModule, PixelsPerModule, Canvas.Black);
                }
            }
        }
    }
}
