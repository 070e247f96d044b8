namespace GhostRoll.Imaging.Metadata;

/// <summary>Which IFD a TIFF blob's first IFD is: CR3 stores IFD0, the EXIF IFD and the GPS IFD as separate TIFFs.</summary>
internal enum IfdKind
{
    Primary,
    Exif,
    Gps,
}

/// <summary>
/// Reads the EXIF fields GhostRoll uses from a TIFF structure. Tag numbers from CIPA DC-008-2019 (Exif 2.32)
/// §4.6. Malformed data never throws: fields that cannot be read stay null.
/// </summary>
internal static class ExifReader
{
    // IFD0 (TIFF) tags.
    private const ushort Make = 0x010F;
    private const ushort Model = 0x0110;
    private const ushort OrientationTag = 0x0112;
    private const ushort ExifIfdPointer = 0x8769;
    private const ushort GpsIfdPointer = 0x8825;

    // EXIF IFD tags.
    private const ushort ExposureTime = 0x829A;
    private const ushort FNumber = 0x829D;
    private const ushort PhotographicSensitivity = 0x8827;
    private const ushort DateTimeOriginal = 0x9003;
    private const ushort DateTimeDigitized = 0x9004;
    private const ushort OffsetTimeOriginal = 0x9011;
    private const ushort SubSecTimeOriginal = 0x9291;
    private const ushort FocalLength = 0x920A;
    private const ushort ColorSpace = 0xA001;
    private const ushort PixelXDimension = 0xA002;
    private const ushort PixelYDimension = 0xA003;
    private const ushort InteropIfdPointer = 0xA005;
    private const ushort LensModel = 0xA434;
    private const ushort InteroperabilityIndex = 0x0001;

    // GPS IFD tags.
    private const ushort GpsLatitudeRef = 1;
    private const ushort GpsLatitude = 2;
    private const ushort GpsLongitudeRef = 3;
    private const ushort GpsLongitude = 4;
    private const ushort GpsAltitudeRef = 5;
    private const ushort GpsAltitude = 6;

    public static ExifData Read(ReadOnlySpan<byte> tiffBytes)
    {
        var data = new ExifData();
        Read(tiffBytes, IfdKind.Primary, data);
        return data;
    }

    /// <summary>Adds what a TIFF blob holds to <paramref name="data"/> (fields already set are kept).</summary>
    public static void Read(ReadOnlySpan<byte> tiffBytes, IfdKind kind, ExifData data)
    {
        if (!Tiff.TryOpen(tiffBytes, out var tiff))
        {
            return;
        }

        var entries = new List<TiffEntry>(64);
        switch (kind)
        {
            case IfdKind.Primary:
                ReadPrimary(tiff, tiff.FirstIfd, data, entries);
                break;
            case IfdKind.Exif:
                ReadExifIfd(tiff, tiff.FirstIfd, data, entries);
                break;
            case IfdKind.Gps:
                ReadGps(tiff, tiff.FirstIfd, data, entries);
                break;
        }
    }

    /// <summary>Reads IFD0 of a TIFF-based file (EXIF APP1, RAW) and the EXIF/GPS/interop IFDs it points to.</summary>
    internal static void ReadPrimary(in Tiff tiff, uint ifd0, ExifData data, List<TiffEntry> entries)
    {
        uint exifIfd = 0, gpsIfd = 0;
        tiff.ReadIfd(ifd0, entries);
        foreach (var e in entries)
        {
            switch (e.Tag)
            {
                case Make: data.Make ??= tiff.Text(e); break;
                case Model: data.Model ??= tiff.Text(e); break;
                case OrientationTag: data.Orientation ??= (int?)tiff.UInt(e); break;
                case ExifIfdPointer: exifIfd = tiff.UInt(e) ?? 0; break;
                case GpsIfdPointer: gpsIfd = tiff.UInt(e) ?? 0; break;
            }
        }

        if (exifIfd != 0 && exifIfd != ifd0)
        {
            ReadExifIfd(tiff, exifIfd, data, entries);
        }

        if (gpsIfd != 0 && gpsIfd != ifd0)
        {
            ReadGps(tiff, gpsIfd, data, entries);
        }
    }

    private static void ReadExifIfd(in Tiff tiff, uint offset, ExifData data, List<TiffEntry> entries)
    {
        uint interop = 0;
        tiff.ReadIfd(offset, entries);
        foreach (var e in entries)
        {
            switch (e.Tag)
            {
                case ExposureTime: data.ExposureSeconds ??= Positive(tiff.Rational(e)); break;
                case FNumber: data.FNumber ??= Positive(tiff.Rational(e)); break;
                case PhotographicSensitivity: data.Iso ??= (int?)tiff.UInt(e) is { } iso and > 0 ? iso : null; break;
                case DateTimeOriginal: data.DateTimeOriginal ??= tiff.Text(e); break;
                case DateTimeDigitized: data.DateTimeDigitized ??= tiff.Text(e); break;
                case OffsetTimeOriginal: data.OffsetTimeOriginal ??= tiff.Text(e); break;
                case SubSecTimeOriginal: data.SubSecTimeOriginal ??= tiff.Text(e); break;
                case FocalLength: data.FocalLengthMm ??= Positive(tiff.Rational(e)); break;
                case ColorSpace: data.ColorSpace ??= (int?)tiff.UInt(e); break;
                case PixelXDimension: data.PixelWidth ??= (int?)tiff.UInt(e); break;
                case PixelYDimension: data.PixelHeight ??= (int?)tiff.UInt(e); break;
                case LensModel: data.Lens ??= tiff.Text(e); break;
                case InteropIfdPointer: interop = tiff.UInt(e) ?? 0; break;
            }
        }

        if (interop != 0 && interop != offset)
        {
            tiff.ReadIfd(interop, entries);
            foreach (var e in entries)
            {
                if (e.Tag == InteroperabilityIndex)
                {
                    data.InteropIndex ??= tiff.Text(e);
                }
            }
        }
    }

    private static void ReadGps(in Tiff tiff, uint offset, ExifData data, List<TiffEntry> entries)
    {
        string? latRef = null, lonRef = null;
        double? lat = null, lon = null, alt = null;
        var below = false;
        tiff.ReadIfd(offset, entries);
        foreach (var e in entries)
        {
            switch (e.Tag)
            {
                case GpsLatitudeRef: latRef = tiff.Text(e); break;
                case GpsLongitudeRef: lonRef = tiff.Text(e); break;
                case GpsLatitude: lat = Degrees(tiff, e); break;
                case GpsLongitude: lon = Degrees(tiff, e); break;
                case GpsAltitudeRef: below = tiff.UInt(e) == 1; break;
                case GpsAltitude: alt = tiff.Rational(e); break;
            }
        }

        if (lat is { } la && lon is { } lo && la <= 90 && lo <= 180 && !(la == 0 && lo == 0))
        {
            data.Latitude ??= latRef is "S" or "s" ? -la : la;
            data.Longitude ??= lonRef is "W" or "w" ? -lo : lo;
            if (alt is { } a)
            {
                data.AltitudeMeters ??= below ? -a : a;
            }
        }
    }

    /// <summary>GPS degrees, minutes, seconds (three RATIONALs, GPS Info IFD §4.6.6) to decimal degrees.</summary>
    private static double? Degrees(in Tiff tiff, in TiffEntry e)
    {
        if (e.Count < 3 || tiff.Rational(e, 0) is not { } d || tiff.Rational(e, 1) is not { } m || tiff.Rational(e, 2) is not { } s)
        {
            return null;
        }

        var value = d + (m / 60) + (s / 3600);
        return double.IsFinite(value) && value >= 0 ? value : null;
    }

    private static double? Positive(double? value) => value is { } v && double.IsFinite(v) && v > 0 ? v : null;
}
