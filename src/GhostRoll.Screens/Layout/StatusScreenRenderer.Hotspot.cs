using GhostRoll.Screens.Text;
using GhostRoll.Status;

namespace GhostRoll.Screens.Layout;

public sealed partial class StatusScreenRenderer
{
    /// <summary>
    /// The idle screen while the field hotspot is up. Before a phone has joined: the Wi-Fi join QR with the network
    /// name and passphrase beside it (people without a QR-capable camera type them). Once one has: the last
    /// gallery's QR, or the plain idle words when there is no session yet. A QR that cannot scan here falls back to
    /// the same words in text.
    /// </summary>
    private void DrawHotspotIdle(Page page, ScreenModel model, HotspotView hotspot)
    {
        var profile = page.Profile;
        var joined = hotspot.Stations > 0;
        if (model.IdleQr is { } code && PlaceQr(code, QrSide(profile)) is { } qr)
        {
            var beside = QrBesideColumn(page, model.Battery, qr);
            beside.Headline(model.Headline);
            if (joined)
            {
                beside.Line("Phone connected", profile.SmallSize);
                beside.Line("Scan for gallery", profile.SmallSize, FontWeight.Bold);
            }
            else
            {
                beside.Line("Network", profile.SmallSize);
                beside.Line(hotspot.Ssid, profile.SmallSize, FontWeight.Bold);
                beside.Line("Password", profile.SmallSize);
                beside.Line(hotspot.Passphrase, profile.SmallSize, FontWeight.Bold);
            }

            return;
        }

        var bottom = DrawBatteryBanner(page, model.Battery, 0, profile.Width);
        var top = DrawHeader(page, model.Battery);
        var column = new Column(page, profile.Margin, top, profile.Width - profile.Margin, bottom);
        column.Headline(model.Headline);
        if (joined)
        {
            column.Line("Phone connected to " + hotspot.Ssid, profile.BodySize);
        }
        else
        {
            column.Line("Wi-Fi " + hotspot.Ssid, profile.BodySize, FontWeight.Bold);
            column.Line("Password " + hotspot.Passphrase, profile.BodySize, FontWeight.Bold);
        }

        column.Line(model.Counts, profile.SmallSize);
    }
}
