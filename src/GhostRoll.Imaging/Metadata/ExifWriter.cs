using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace GhostRoll.Imaging.Metadata;

/// <summary>The few EXIF fields <see cref="ExifWriter"/> can write: enough to make realistic camera-like files.</summary>
public sealed record ExifTags
{
    public string? Make { get; init; }

    public string? Model { get; init; }

    /// <summary>Written as DateTimeOriginal (and DateTimeDigitized), local wall-clock time, whole seconds.</summary>
    public DateTime? DateTimeOriginal { get; init; }

    /// <summary>OffsetTimeOriginal, e.g. +02:00.</summary>
    public TimeSpan? OffsetTimeOriginal { get; init; }

    /// <summary>1-8 (written as is, so tests can also write invalid values such as 0).</summary>
    public int? Orientation { get; init; }

    public double? Latitude { get; init; }

    public double? Longitude { get; init; }

    public double? AltitudeMeters { get; init; }

    /// <summary>
    /// Also DateTimeDigitized and ColorSpace, as cameras write them (the sample card). Off for the share images and
    /// thumbnails, which carry capture time and camera and nothing else.
    /// </summary>
    public bool CameraExtras { get; init; } = true;
}

/// <summary>
/// Writes a minimal EXIF APP1 segment (CIPA DC-008 §4.5.4: "Exif\0\0" + little-endian TIFF with IFD0, the EXIF
/// IFD and optionally the GPS IFD) and inserts it into a JPEG right after SOI. Used for the capture time and camera
/// of share images and thumbnails, by the sample-card generator, and by tests that need files with known metadata.
/// </summary>
public static class ExifWriter
{
    /// <summary>Returns a copy of <paramref name="jpeg"/> with an EXIF APP1 holding <paramref name="tags"/> after SOI.</summary>
    public static byte[] InsertInto(ReadOnlySpan<byte> jpeg, ExifTags tags)
    {
        if (jpeg.Length < 4 || jpeg[0] != 0xFF || jpeg[1] != 0xD8)
        {
            throw new ArgumentException("not a JPEG (no SOI marker)", nameof(jpeg));
        }

        var app1 = BuildApp1(tags);
        var result = new byte[jpeg.Length + app1.Length];
        jpeg[..2].CopyTo(result);
        app1.CopyTo(result, 2);
        jpeg[2..].CopyTo(result.AsSpan(2 + app1.Length));
        return result;
    }

    /// <summary>The complete APP1 segment: FF E1, length, "Exif\0\0", TIFF.</summary>
    public static byte[] BuildApp1(ExifTags tags)
    {
        var tiff = BuildTiff(tags);
        var length = 2 + 6 + tiff.Length;
        if (length > ushort.MaxValue)
        {
            throw new ArgumentException("EXIF data too large for one APP1 segment", nameof(tags));
        }

        var segment = new byte[2 + length];
        segment[0] = 0xFF;
        segment[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)length);
        "Exif\0\0"u8.CopyTo(segment.AsSpan(4));
        tiff.CopyTo(segment, 10);
        return segment;
    }

    /// <summary>The TIFF structure alone (what follows "Exif\0\0").</summary>
    public static byte[] BuildTiff(ExifTags tags)
    {
        var ifd0 = new Ifd();
        var exif = new Ifd();
        Ifd? gps = null;
        ifd0.Ascii(0x010F, tags.Make);
        ifd0.Ascii(0x0110, tags.Model);
        if (tags.Orientation is { } o)
        {
            ifd0.Short(0x0112, (ushort)o);
        }

        if (tags.DateTimeOriginal is { } when)
        {
            var text = when.ToString("yyyy:MM:dd HH:mm:ss", CultureInfo.InvariantCulture);
            exif.Ascii(0x9003, text);
            if (tags.CameraExtras)
            {
                exif.Ascii(0x9004, text);
            }
        }

        if (tags.OffsetTimeOriginal is { } offset)
        {
            var sign = offset < TimeSpan.Zero ? '-' : '+';
            var abs = offset.Duration();
            exif.Ascii(0x9011, $"{sign}{abs.Hours:00}:{abs.Minutes:00}");
        }

        if (tags.CameraExtras)
        {
            exif.Short(0xA001, 1); // ColorSpace = sRGB
        }
        if (tags.Latitude is { } lat && tags.Longitude is { } lon)
        {
            gps = new Ifd();
            gps.Add(0x0000, 1, 4, [2, 3, 0, 0]); // GPSVersionID 2.3.0.0
            gps.Ascii(0x0001, lat < 0 ? "S" : "N");
            gps.Add(0x0002, 5, 3, Dms(Math.Abs(lat)));
            gps.Ascii(0x0003, lon < 0 ? "W" : "E");
            gps.Add(0x0004, 5, 3, Dms(Math.Abs(lon)));
            if (tags.AltitudeMeters is { } alt)
            {
                gps.Add(0x0005, 1, 1, [(byte)(alt < 0 ? 1 : 0)]);
                gps.Add(0x0006, 5, 1, Rational(Math.Abs(alt), 100));
            }
        }

        // Layout: header (8) | IFD0 | EXIF IFD | GPS IFD, each IFD followed by its out-of-line values.
        ifd0.Long(0x8769, 0);
        if (gps is not null)
        {
            ifd0.Long(0x8825, 0);
        }

        var exifOffset = 8 + ifd0.Size;
        var gpsOffset = exifOffset + exif.Size;
        ifd0.SetLong(0x8769, (uint)exifOffset);
        if (gps is not null)
        {
            ifd0.SetLong(0x8825, (uint)gpsOffset);
        }

        var output = new byte[gpsOffset + (gps?.Size ?? 0)];
        "II"u8.CopyTo(output);
        BinaryPrimitives.WriteUInt16LittleEndian(output.AsSpan(2), 42);
        BinaryPrimitives.WriteUInt32LittleEndian(output.AsSpan(4), 8);
        ifd0.WriteTo(output, 8);
        exif.WriteTo(output, exifOffset);
        gps?.WriteTo(output, gpsOffset);
        return output;
    }

    private static byte[] Dms(double degrees)
    {
        var d = Math.Floor(degrees);
        var minutes = (degrees - d) * 60;
        var m = Math.Floor(minutes);
        var s = (minutes - m) * 60;
        return [.. Rational(d, 1), .. Rational(m, 1), .. Rational(s, 10000)];
    }

    private static byte[] Rational(double value, uint denominator)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, (uint)Math.Round(value * denominator));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), denominator);
        return bytes;
    }

    /// <summary>One IFD being built: entries sorted by tag (TIFF 6.0 §2 requires ascending order).</summary>
    private sealed class Ifd
    {
        private readonly SortedDictionary<ushort, (ushort Type, uint Count, byte[] Value)> _entries = [];

        public int Size => 2 + (_entries.Count * 12) + 4 + _entries.Values.Sum(e => e.Value.Length > 4 ? e.Value.Length + (e.Value.Length & 1) : 0);

        public void Add(ushort tag, ushort type, uint count, byte[] value) => _entries[tag] = (type, count, value);

        public void Ascii(ushort tag, string? text)
        {
            if (!string.IsNullOrEmpty(text))
            {
                var bytes = Encoding.ASCII.GetBytes(text + "\0");
                Add(tag, 2, (uint)bytes.Length, bytes);
            }
        }

        public void Short(ushort tag, ushort value)
        {
            var bytes = new byte[2];
            BinaryPrimitives.WriteUInt16LittleEndian(bytes, value);
            Add(tag, 3, 1, bytes);
        }

        public void Long(ushort tag, uint value)
        {
            var bytes = new byte[4];
            BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
            Add(tag, 4, 1, bytes);
        }

        public void SetLong(ushort tag, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(_entries[tag].Value, value);

        public void WriteTo(byte[] output, int offset)
        {
            var span = output.AsSpan();
            BinaryPrimitives.WriteUInt16LittleEndian(span[offset..], (ushort)_entries.Count);
            var entry = offset + 2;
            var data = offset + 2 + (_entries.Count * 12) + 4; // next-IFD pointer stays 0
            foreach (var (tag, (type, count, value)) in _entries)
            {
                BinaryPrimitives.WriteUInt16LittleEndian(span[entry..], tag);
                BinaryPrimitives.WriteUInt16LittleEndian(span[(entry + 2)..], type);
                BinaryPrimitives.WriteUInt32LittleEndian(span[(entry + 4)..], count);
                if (value.Length <= 4)
                {
                    value.CopyTo(span[(entry + 8)..]);
                }
                else
                {
                    BinaryPrimitives.WriteUInt32LittleEndian(span[(entry + 8)..], (uint)data);
                    value.CopyTo(span[data..]);
                    data += value.Length + (value.Length & 1); // values start on word boundaries
                }

                entry += 12;
            }
        }
    }
}
