using System.Text;
using QRCoder;

namespace GhostRoll.Publishing.ShareLink;

/// <summary>
/// The share link as a QR code: a PNG at an integer number of pixels per module (a fractional scale smears
/// modules and is what made the original's panel QR unreadable) and a compact text rendering for terminals.
/// Whether a link's QR scans on the e-ink panel is <see cref="GhostRoll.Screens.Qr.PanelQr"/>'s answer, the rule the
/// status screen draws by.
/// <para>
/// Error correction level L (7 %): a screen or print of a link is not damaged the way a sticker is, and every
/// module saved makes the modules on the 122-pixel panel larger, which is what decides whether it scans.
/// </para>
/// </summary>
public sealed class ShareQrCode : IDisposable
{
    /// <summary>Modules of white border the QR specification asks for (ISO/IEC 18004, quiet zone: 4 modules).</summary>
    public const int QuietZoneModules = 4;

    private readonly QRCodeData _data;

    public ShareQrCode(string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        Text = text;
        using var generator = new QRCodeGenerator();
        _data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.L);
    }

    public string Text { get; }

    /// <summary>QR version (1-40).</summary>
    public int Version => _data.Version;

    /// <summary>Modules per side without the quiet zone: 17 + 4 × version.</summary>
    public int Modules => 17 + (4 * Version);

    /// <summary>A PNG with <paramref name="pixelsPerModule"/> pixels per module and the full quiet zone.</summary>
    public byte[] Png(int pixelsPerModule = 8)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pixelsPerModule, 1);
        // Not disposed: a QRCoder renderer disposes the QRCodeData it was given, which this instance still owns.
#pragma warning disable CA2000
        var png = new PngByteQRCode(_data);
#pragma warning restore CA2000
        return png.GetGraphic(pixelsPerModule, drawQuietZones: true);
    }

    /// <summary>
    /// Two modules per character cell with half blocks, light modules drawn (for the usual dark terminal, as
    /// <c>qrencode -t UTF8</c> does), with a 2-module border of light so phones find the code.
    /// </summary>
    public string TerminalText()
    {
        var matrix = _data.ModuleMatrix; // includes the 4-module quiet zone
        var skip = QuietZoneModules - 2;
        var size = matrix.Count - (2 * skip);
        bool Light(int row, int column) =>
            row >= size || !matrix[row + skip][column + skip];
        var text = new StringBuilder((size + 1) * ((size + 1) / 2));
        for (var row = 0; row < size; row += 2)
        {
            for (var column = 0; column < size; column++)
            {
                text.Append((Light(row, column), Light(row + 1, column)) switch
                {
                    (true, true) => '█',
                    (true, false) => '▀',
                    (false, true) => '▄',
                    _ => ' ',
                });
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    public void Dispose() => _data.Dispose();
}
