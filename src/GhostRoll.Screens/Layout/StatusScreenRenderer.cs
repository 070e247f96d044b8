using GhostRoll.Screens.Drawing;
using GhostRoll.Screens.Interop;
using GhostRoll.Screens.Qr;
using GhostRoll.Screens.Text;
using GhostRoll.Status;

namespace GhostRoll.Screens.Layout;

/// <summary>
/// Draws a <see cref="ScreenModel"/> for a <see cref="ScreenProfile"/>: header with battery, a big headline,
/// progress bar and counts while working, the share QR when it scans at whole pixels per module, a short reason
/// on error, and a low-battery banner. Not thread-safe (glyph caches): one renderer per thread or a lock.
/// </summary>
public sealed partial class StatusScreenRenderer
{
    /// <summary>What the panel says when the link needs a QR code too dense for it (reference defect 6).</summary>
    public const string LinkTooLongNotice = "Link ready, too long to scan here. Over SSH: share.txt or status-large.png";

    private TextRenderer _text;
    private readonly Dictionary<(string Url, int Side), QrPlacement?> _qrCache = [];

    public StatusScreenRenderer(IGlyphSource glyphs) => _text = new TextRenderer(glyphs);

    public int LowBatteryPercent { get; init; } = 15;

    public string TextEngine => _text.Glyphs.Description;

    /// <summary>Set when FreeType failed mid-run and screens switched to the built-in font (for one log line).</summary>
    public string? TextProblem { get; private set; }

    /// <summary>Time zone of the finish time on done screens (the appliance's own, by default).</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Local;

    public Canvas Render(StatusDocument status, ScreenProfile profile) => Render(ScreenModel.From(status, LowBatteryPercent, TimeZone), profile);

    /// <summary>
    /// Draws the screen. If FreeType fails while drawing (a damaged font file read lazily, out of memory), the
    /// renderer switches to the built-in font for good and draws again: a status screen must never stop an
    /// import or the display daemon.
    /// </summary>
    public Canvas Render(ScreenModel model, ScreenProfile profile)
    {
        try
        {
            return Draw(model, profile);
        }
        catch (FreeTypeException e) when (_text.Glyphs is not BitmapGlyphSource)
        {
            TextProblem = e.Message + "; using the built-in bitmap font";
            _text = new TextRenderer(new BitmapGlyphSource());
            return Draw(model, profile);
        }
    }

    private Canvas Draw(ScreenModel model, ScreenProfile profile)
    {
        var canvas = new Canvas(profile.Width, profile.Height);
        var page = new Page(canvas, profile, _text);
        if (model.Kind == ScreenKind.Done && model.ShareUrl is { } url && PlaceQr(url, QrSide(profile)) is { } qr)
        {
            DrawDoneWithQr(page, model, qr);
            return canvas;
        }

        if (model is { Kind: ScreenKind.Idle, Hotspot: { } hotspot })
        {
            DrawHotspotIdle(page, model, hotspot);
            return canvas;
        }

        var bottom = DrawBatteryBanner(page, model.Battery, 0, profile.Width);
        var top = DrawHeader(page, model.Battery, model.Finished);
        var column = new Column(page, profile.Margin, top, profile.Width - profile.Margin, bottom);
        switch (model.Kind)
        {
            case ScreenKind.Working:
                DrawWorking(column, model);
                break;
            case ScreenKind.Done:
                column.Headline(model.Headline);
                if (model.RemoveCard)
                {
                    column.Line("Remove the card", profile.BodySize, FontWeight.Bold);
                }

                column.Line(model.Counts, profile.BodySize);
                column.Paragraph(model.ShareUrl is not null ? LinkTooLongNotice : model.Notice, profile.SmallSize, maxLines: 3);
                break;
            case ScreenKind.Error:
                column.InvertedHeadline(model.Headline);
                column.Paragraph(model.Detail, profile.BodySize, maxLines: model.Counts is null ? 3 : 2);
                column.Line(model.Counts, profile.SmallSize);
                break;
            default:
                column.Headline(model.Headline);
                column.Line(model.Detail, profile.BodySize);
                column.Line(model.DetailSecond, profile.BodySize);
                column.Line(model.Counts, profile.SmallSize);
                break;
        }

        return canvas;
    }

    /// <summary>The QR placement the done screen would use for this link, or null when it cannot scan there.</summary>
    public QrPlacement? PlaceQr(string url, int side)
    {
        // Encoding takes milliseconds (tens on a Pi Zero) and the done screen is redrawn for both profiles on
        // every status change, so keep the few placements of the current link.
        if (_qrCache.TryGetValue((url, side), out var cached))
        {
            return cached;
        }

        if (_qrCache.Count >= 4)
        {
            _qrCache.Clear();
        }

        var placement = QrPlacement.Fit(url, side);
        _qrCache[(url, side)] = placement;
        return placement;
    }

    /// <summary>
    /// The square the done screen gives its QR: the full panel height (the quiet zone is the margin; on a
    /// screen, the margins too), but never so wide that the text column beside it gets too narrow.
    /// </summary>
    public static int QrSide(ScreenProfile profile) =>
        Math.Min(profile.Smooth ? profile.Height - (2 * profile.Margin) : profile.Height, profile.Width - profile.MinimumTextColumn);

    private static void DrawWorking(Column column, ScreenModel model)
    {
        var profile = column.Page.Profile;
        var percent = model.Progress is { } p ? StatusWords.Percent(p.Fraction) : null;
        column.Headline(model.Headline, percent);
        if (model.Progress is { } progress)
        {
            column.ProgressBar(progress.Fraction);
        }

        column.Line(model.Counts, profile.BodySize);
        column.Line(model.Detail, profile.SmallSize);
    }

    private void DrawDoneWithQr(Page page, ScreenModel model, QrPlacement qr)
    {
        var profile = page.Profile;
        var column = QrBesideColumn(page, model.Battery, qr);
        column.Headline(model.Headline);
        if (model.RemoveCard)
        {
            // What to do next comes first: the counts can be read later in the gallery.
            column.Line("Remove the card", profile.SmallSize, FontWeight.Bold);
            column.Line(model.Counts, profile.SmallSize);
        }
        else
        {
            column.Paragraph(model.Counts, profile.SmallSize, maxLines: 2);
        }

        column.Line("Scan for gallery", profile.SmallSize, FontWeight.Bold);
        column.Line(model.Network, profile.SmallSize);
        column.Line(model.Finished, profile.SmallSize);
    }

    /// <summary>
    /// Draws <paramref name="qr"/> at the left, full height, and returns the text column beside it (under the
    /// battery, above a low-battery banner).
    /// </summary>
    private static Column QrBesideColumn(Page page, BatteryView? battery, QrPlacement qr)
    {
        var profile = page.Profile;
        var qrX = profile.Smooth ? profile.Margin : 0;
        var qrY = (profile.Height - qr.SidePixels) / 2;
        qr.Draw(page.Canvas, qrX, qrY);

        // The text column starts where the QR's modules end plus a margin; the quiet zone stays white.
        var left = qrX + qr.SidePixels + profile.Margin;
        var right = profile.Width - profile.Margin;
        var bottom = DrawBatteryBanner(page, battery, left - profile.Margin, profile.Width);
        var top = profile.Margin;
        if (battery is not null)
        {
            var header = page.Spec(profile.HeaderSize, FontWeight.Bold);
            var baseline = top + page.Text.Metrics(header).CapHeight;
            DrawBattery(page, battery, right, baseline);
            top = baseline + profile.Gap + profile.Stroke;
        }

        return new Column(page, left, top, right, bottom);
    }

    /// <summary>
    /// Product name left (with the finish time on done screens: the one row that has room for it), battery right, a
    /// rule under both. Returns the first free row below.
    /// </summary>
    private static int DrawHeader(Page page, BatteryView? battery, string? finished = null)
    {
        var profile = page.Profile;
        var spec = page.Spec(profile.HeaderSize, FontWeight.Bold);
        var metrics = page.Text.Metrics(spec);
        var baseline = profile.Margin + metrics.CapHeight;
        var right = profile.Width - profile.Margin;
        var below = 0;
        if (battery is not null)
        {
            right = DrawBattery(page, battery, right, baseline) - profile.Gap;
            below = BatteryBelowBaseline(page);
        }

        var brand = page.Text.Ellipsize(finished is null ? "GhostRoll" : $"GhostRoll \u00B7 {finished}", spec, right - profile.Margin);
        page.Text.Draw(page.Canvas, profile.Margin, baseline, brand, spec);

        // The rule sits under the lowest ink of this row (a comma of the time, the battery outline), not under the
        // font's full descent: on a 122-pixel panel every row the header does not need goes to the content.
        below = Math.Max(below, page.Text.InkBelowBaseline(brand, spec));
        var rule = baseline + below + profile.Stroke;
        page.Canvas.FillRect(0, rule, profile.Width, profile.Stroke, Canvas.Black);
        return rule + profile.Stroke + profile.Gap;
    }

    /// <summary>A black banner along the bottom when the battery is low. Returns the last row content may use.</summary>
    private static int DrawBatteryBanner(Page page, BatteryView? battery, int left, int right)
    {
        var profile = page.Profile;
        if (battery is not { Low: true })
        {
            return profile.Height - profile.Margin;
        }

        var spec = page.Spec(profile.SmallSize, FontWeight.Bold);
        var metrics = page.Text.Metrics(spec);
        var padding = profile.Stroke * 2;
        var height = metrics.CapHeight + (2 * padding) + profile.Stroke;
        var top = profile.Height - height;
        page.Canvas.FillRect(left, top, right - left, height, Canvas.Black);
        var width = right - left - (2 * profile.Margin);
        var text = $"Battery low {battery.Percent}% \u00B7 plug in power";
        if (page.Text.Measure(text, spec) > width)
        {
            text = page.Text.Ellipsize($"Battery low {battery.Percent}%", spec, width);
        }

        page.Text.Draw(page.Canvas, left + profile.Margin, top + padding + metrics.CapHeight, text, spec, Canvas.White);
        return top - profile.Gap;
    }

    /// <summary>
    /// Percentage text right-aligned at <paramref name="right"/>, battery outline (fill proportional to charge)
    /// before it, a bolt before that when charging. Returns the leftmost column used.
    /// </summary>
    private static int DrawBattery(Page page, BatteryView battery, int right, int baseline)
    {
        var profile = page.Profile;
        var u = profile.IconScale;
        var spec = page.Spec(profile.HeaderSize, FontWeight.Bold);
        var capHeight = page.Text.Metrics(spec).CapHeight;
        var text = $"{battery.Percent}%";
        var textWidth = page.Text.Measure(text, spec);
        var x = right - textWidth;
        page.Text.Draw(page.Canvas, x, baseline, text, spec);

        // Icon in units of u: a 20 x 10 body with a 2 x 4 terminal nub, centred on the cap height of the text.
        var bodyWidth = 20 * u;
        var bodyHeight = 10 * u;
        var nub = 2 * u;
        var top = baseline - capHeight + ((capHeight - bodyHeight) / 2);
        x -= (2 * u) + nub;
        page.Canvas.FillRect(x, top + (3 * u), nub, 4 * u, Canvas.Black);
        x -= bodyWidth;
        page.Canvas.StrokeRect(x, top, bodyWidth, bodyHeight, u, Canvas.Black);
        var inner = bodyWidth - (4 * u);
        var fill = battery.Percent <= 0 ? 0 : Math.Max(u, (int)Math.Round(inner * battery.Percent / 100.0));
        page.Canvas.FillRect(x + (2 * u), top + (2 * u), fill, bodyHeight - (4 * u), Canvas.Black);

        if (battery.Charging)
        {
            x -= (2 * u) + (Bolt[0].Length * u);
            DrawPattern(page.Canvas, Bolt, x, top + ((bodyHeight - (Bolt.Length * u)) / 2), u);
        }

        return x;
    }

    /// <summary>How far the battery outline reaches below the header's baseline (it is centred on the cap height).</summary>
    private static int BatteryBelowBaseline(Page page)
    {
        var capHeight = page.Text.Metrics(page.Spec(page.Profile.HeaderSize, FontWeight.Bold)).CapHeight;
        var bodyHeight = 10 * page.Profile.IconScale;
        return Math.Max(0, bodyHeight - capHeight + ((capHeight - bodyHeight) / 2));
    }

    /// <summary>A charging bolt, 5 x 9 units.</summary>
    private static readonly string[] Bolt = ["...##", "..##.", ".##..", "##...", "#####", "...##", "..##.", ".##..", "##..."];

    private static void DrawPattern(Canvas canvas, string[] rows, int x, int y, int unit)
    {
        for (var row = 0; row < rows.Length; row++)
        {
            for (var col = 0; col < rows[row].Length; col++)
            {
                if (rows[row][col] == '#')
                {
                    canvas.FillRect(x + (col * unit), y + (row * unit), unit, unit, Canvas.Black);
                }
            }
        }
    }
}
