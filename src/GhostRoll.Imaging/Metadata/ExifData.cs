using System.Globalization;
using GhostRoll.Media;

namespace GhostRoll.Imaging.Metadata;

/// <summary>What GhostRoll reads from EXIF (CIPA DC-008 Exif 2.32 tag numbers in <see cref="ExifReader"/>).</summary>
internal sealed class ExifData
{
    /// <summary>Raw Orientation tag value as found (may be 0 or garbage; see <c>Orientation.Normalize</c>).</summary>
    public int? Orientation { get; set; }

    public string? Make { get; set; }

    public string? Model { get; set; }

    public string? Lens { get; set; }

    public string? DateTimeOriginal { get; set; }

    public string? DateTimeDigitized { get; set; }

    public string? OffsetTimeOriginal { get; set; }

    public string? SubSecTimeOriginal { get; set; }

    public int? Iso { get; set; }

    public double? ExposureSeconds { get; set; }

    public double? FNumber { get; set; }

    public double? FocalLengthMm { get; set; }

    public int? PixelWidth { get; set; }

    public int? PixelHeight { get; set; }

    /// <summary>EXIF ColorSpace: 1 = sRGB, 0xFFFF = uncalibrated.</summary>
    public int? ColorSpace { get; set; }

    /// <summary>InteroperabilityIndex: "R98" sRGB, "R03" Adobe RGB (DCF 2.0 option file).</summary>
    public string? InteropIndex { get; set; }

    public double? Latitude { get; set; }

    public double? Longitude { get; set; }

    public double? AltitudeMeters { get; set; }

    /// <summary>True when the camera marked the file as Adobe RGB without embedding a profile (DCF option file).</summary>
    public bool IsAdobeRgb => ColorSpace is 0xFFFF or 2 && string.Equals(InteropIndex, "R03", StringComparison.Ordinal);

    /// <summary>DateTimeOriginal (falling back to DateTimeDigitized) plus SubSecTimeOriginal, as local wall-clock time.</summary>
    public DateTime? CapturedLocal
    {
        get
        {
            var text = DateTimeOriginal ?? DateTimeDigitized;
            if (text is null || !DateTime.TryParseExact(text.Trim(), "yyyy:MM:dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value))
            {
                return null;
            }

            var sub = SubSecTimeOriginal?.Trim();
            if (!string.IsNullOrEmpty(sub) && sub.All(char.IsAsciiDigit))
            {
                // SubSecTime is the decimal fraction's digits: "5" = 0.5 s, "050" = 0.05 s.
                var digits = sub.Length > 7 ? sub[..7] : sub;
                value = value.AddTicks(long.Parse(digits.PadRight(7, '0'), CultureInfo.InvariantCulture));
            }

            return value;
        }
    }

    /// <summary>OffsetTimeOriginal ("+02:00") as a span, null when absent or malformed.</summary>
    public TimeSpan? CapturedOffset
    {
        get
        {
            var text = OffsetTimeOriginal?.Trim();
            if (text is not { Length: 6 } || (text[0] != '+' && text[0] != '-') || text[3] != ':'
                || !int.TryParse(text.AsSpan(1, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var h)
                || !int.TryParse(text.AsSpan(4, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var m)
                || h > 14 || m > 59)
            {
                return null;
            }

            var span = new TimeSpan(h, m, 0);
            return text[0] == '-' ? -span : span;
        }
    }

    /// <summary>The gallery/database view; <paramref name="width"/>/<paramref name="height"/> as displayed.</summary>
    public PhotoMetadata ToPhotoMetadata(int? width, int? height) => new()
    {
        CapturedLocal = CapturedLocal,
        CapturedOffset = CapturedOffset,
        Make = Make,
        Model = Model,
        Lens = Lens,
        Iso = Iso,
        ExposureSeconds = ExposureSeconds,
        FNumber = FNumber,
        FocalLengthMm = FocalLengthMm,
        Width = width,
        Height = height,
        Orientation = Orientation,
        Latitude = Latitude,
        Longitude = Longitude,
        AltitudeMeters = AltitudeMeters,
    };
}
