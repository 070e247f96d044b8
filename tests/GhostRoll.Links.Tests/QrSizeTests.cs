using System.Globalization;
using GhostRoll.Publishing.ShareLink;
using GhostRoll.TestSupport;

namespace GhostRoll.Links.Tests;

/// <summary>The QR-size table in docs/short-links.md, recomputed with the appliance's own QR encoder so it cannot drift.</summary>
public sealed class QrSizeTests
{
    /// <summary>Height of the e-paper panel (Waveshare 2.13", 250 x 122).</summary>
    private const int PanelPixels = 122;

    public static TheoryData<string, string> Links => new()
    {
        // A Function URL's id is 32 characters; ShortLink.Compose writes scheme and host in upper case.
        { "bare Function URL", "https://abcdefghijklmnopqrstuvwxyz012345.lambda-url.eu-west-1.on.aws/" },
        { "custom domain", "https://g.example.com/" },
    };

    [Theory]
    [MemberData(nameof(Links))]
    public async Task The_documented_qr_sizes_are_what_the_encoder_makes(string kind, string serviceBase)
    {
        var link = ShortLink.Compose(new Uri(serviceBase), LinkCode.New());
        Assert.True(ShortLink.IsAlphanumeric(link), $"{link} is not all QR alphanumeric");
        using var qr = new ShareQrCode(link);
        string Fit(int quiet)
        {
            var ppm = PanelPixels / (qr.Modules + (2 * quiet));
            return string.Create(CultureInfo.InvariantCulture, $"{ppm} ({(qr.Modules + (2 * quiet)) * ppm} px)");
        }

        var shown = link[..(link.LastIndexOf('/') + 1)] + "<code>";
        var row = string.Create(CultureInfo.InvariantCulture,
            $"| {kind} | `{shown}` | {link.Length} | {qr.Version} | {qr.Modules} | {Fit(ShareQrCode.QuietZoneModules)} | {Fit(2)} |");
        var doc = await File.ReadAllTextAsync(Path.Combine(Fixtures.RepoRoot, "docs", "short-links.md"), TestContext.Current.CancellationToken);
        Assert.True(doc.Contains(row, StringComparison.Ordinal), $"docs/short-links.md should have this row (recomputed):\n{row}");
    }
}
