using QRCoder;

namespace GhostRoll.Screens.Qr;

/// <summary>QR error correction levels (ISO/IEC 18004 section 5.3.8): share of codewords that may be lost.</summary>
public enum QrErrorCorrection
{
    /// <summary>~7 %.</summary>
    L,

    /// <summary>~15 %.</summary>
    M,

    /// <summary>~25 %.</summary>
    Q,

    /// <summary>~30 %.</summary>
    H,
}

/// <summary>A QR code's module matrix without its quiet zone (QRCoder builds it; we draw it).</summary>
public sealed class QrCode
{
    private readonly bool[] _dark;

    private QrCode(int version, int size, QrErrorCorrection level, bool[] dark)
    {
        Version = version;
        Size = size;
        ErrorCorrection = level;
        _dark = dark;
    }

    /// <summary>Version 1-40; the code is 17 + 4 x version modules wide.</summary>
    public int Version { get; }

    /// <summary>Modules per side.</summary>
    public int Size { get; }

    public QrErrorCorrection ErrorCorrection { get; }

    public bool IsDark(int x, int y) => _dark[(y * Size) + x];

    /// <summary>The smallest code for the text at that level, or null when the text exceeds version 40.</summary>
    public static QrCode? TryCreate(string text, QrErrorCorrection level)
    {
        try
        {
            using var data = QRCodeGenerator.GenerateQrCode(text, ToQrCoder(level));

            // QRCoder's matrix includes a 4-module quiet zone on every side; strip it so layout chooses its own.
            const int QuietZone = 4;
            var size = data.ModuleMatrix.Count - (2 * QuietZone);
            var dark = new bool[size * size];
            for (var y = 0; y < size; y++)
            {
                var row = data.ModuleMatrix[y + QuietZone];
                for (var x = 0; x < size; x++)
                {
                    dark[(y * size) + x] = row[x + QuietZone];
                }
            }

            return new QrCode(data.Version, size, level, dark);
        }
        catch (QRCoder.Exceptions.DataTooLongException)
        {
            return null;
        }
    }

    private static QRCodeGenerator.ECCLevel ToQrCoder(QrErrorCorrection level) => level switch
    {
        QrErrorCorrection.L => QRCodeGenerator.ECCLevel.L,
        QrErrorCorrection.M => QRCodeGenerator.ECCLevel.M,
        QrErrorCorrection.Q => QRCodeGenerator.ECCLevel.Q,
        _ => QRCodeGenerator.ECCLevel.H,
    };
}
