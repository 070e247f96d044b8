using GhostRoll.Screens.Layout;

namespace GhostRoll.Screens.Qr;

/// <summary>What <see cref="PanelQr.Check"/> found for one text.</summary>
/// <param name="Version">QR version of the code the panel would draw (or of the smallest code, when none scans); 0 when the text is too long for any QR code.</param>
/// <param name="Modules">Modules per side without the quiet zone.</param>
/// <param name="PixelsPerModule">Whole pixels per module the panel gives it (the best placement, or the smallest code with the least quiet zone when none scans).</param>
/// <param name="SidePixels">The square the done screen gives its QR on this panel.</param>
/// <param name="Scans">True when the done screen shows the code: at least <see cref="QrPlacement.MinimumPixelsPerModule"/> pixels per module.</param>
public sealed record PanelQrFit(int Version, int Modules, int PixelsPerModule, int SidePixels, bool Scans);

/// <summary>
/// The one answer to "does a QR of this text scan on this panel": the status screen draws the share QR only when
/// <see cref="QrPlacement.Fit"/> finds a placement in the square <see cref="StatusScreenRenderer.QrSide"/> gives it,
/// and the publishing doctor and the share code ask here so they can never disagree with what the panel shows.
/// </summary>
public static class PanelQr
{
    /// <summary>How a QR of <paramref name="text"/> fits <paramref name="profile"/> (the 250×122 e-ink panel by default).</summary>
    public static PanelQrFit Check(string text, ScreenProfile? profile = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var side = StatusScreenRenderer.QrSide(profile ?? ScreenProfile.Panel);
        if (QrPlacement.Fit(text, side) is { } placement)
        {
            return new(placement.Code.Version, placement.Code.Size, placement.PixelsPerModule, side, Scans: true);
        }

        // Too dense: report what the smallest code would get, so the message can say how far off it is.
        return QrCode.TryCreate(text, QrErrorCorrection.L) is { } smallest
            ? new(smallest.Version, smallest.Size, side / (smallest.Size + (2 * QrPlacement.ReducedQuietZone)), side, Scans: false)
            : new(0, 0, 0, side, Scans: false);
    }

    /// <summary>The diagnostic line the doctor prints for a link: "N characters → QR version V (M modules), P px per module on the S-px panel".</summary>
    public static string Describe(string text, PanelQrFit fit) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{text.Length} characters → QR version {fit.Version} ({fit.Modules} modules), {fit.PixelsPerModule} px per module on the {fit.SidePixels}-px panel");
}
