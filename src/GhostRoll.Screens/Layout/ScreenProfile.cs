namespace GhostRoll.Screens.Layout;

/// <summary>
/// A screen size and the type scale designed for it. One layout code path draws both profiles, so the panel
/// and the larger screen always say the same thing.
/// </summary>
public sealed record ScreenProfile
{
    /// <summary>
    /// Waveshare 2.13" (V2/V3/V4) in landscape: 250 x 122 pixels, 1 bit. Type sizes are DejaVu pixel sizes
    /// chosen on the panel itself: 11 px is the smallest whose mono hinting keeps every letter distinct.
    /// </summary>
    public static ScreenProfile Panel { get; } = new()
    {
        Name = "panel", Width = 250, Height = 122, Smooth = false, Margin = 4, Gap = 3, Stroke = 1, IconScale = 1,
        HeaderSize = 12, HeadlineSize = 28, HeadlineMinimum = 16, BodySize = 13, SmallSize = 11, BarHeight = 12,
        MinimumTextColumn = 118,
    };

    /// <summary>800 x 480 greyscale (HDMI/DSI screens, a browser over SSH): anti-aliased, room for long-link QR codes.</summary>
    public static ScreenProfile Large { get; } = new()
    {
        Name = "large", Width = 800, Height = 480, Smooth = true, Margin = 24, Gap = 14, Stroke = 3, IconScale = 3,
        HeaderSize = 30, HeadlineSize = 96, HeadlineMinimum = 40, BodySize = 36, SmallSize = 28, BarHeight = 40,
        MinimumTextColumn = 300,
    };

    /// <summary>
    /// The 1-bit profile for a panel of this logical size: the 2.13" panels get <see cref="Panel"/>; others (the
    /// 2.7" 264 x 176) reuse its type scale, and the flowing layout uses the extra room.
    /// </summary>
    public static ScreenProfile ForPanel(int width, int height) =>
        width == Panel.Width && height == Panel.Height ? Panel : Panel with { Name = $"panel-{width}x{height}", Width = width, Height = height };

    public required string Name { get; init; }

    public required int Width { get; init; }

    public required int Height { get; init; }

    /// <summary>Anti-aliased text (grey); false renders 1-bit glyphs for e-ink.</summary>
    public required bool Smooth { get; init; }

    public required int Margin { get; init; }

    /// <summary>Vertical space between blocks.</summary>
    public required int Gap { get; init; }

    /// <summary>Line width of rules, the progress bar outline and icons.</summary>
    public required int Stroke { get; init; }

    /// <summary>Pixel size of the battery and bolt icons' drawing unit.</summary>
    public required int IconScale { get; init; }

    public required int HeaderSize { get; init; }

    public required int HeadlineSize { get; init; }

    /// <summary>The headline shrinks down to this size before it is cut with an ellipsis.</summary>
    public required int HeadlineMinimum { get; init; }

    public required int BodySize { get; init; }

    public required int SmallSize { get; init; }

    public required int BarHeight { get; init; }

    /// <summary>
    /// Width the done screen keeps for its text beside the QR ("Scan for gallery" in bold must fit): on a wide
    /// panel the QR stops growing there rather than squeezing the words into an ellipsis.
    /// </summary>
    public required int MinimumTextColumn { get; init; }
}
