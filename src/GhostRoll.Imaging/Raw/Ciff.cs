using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace GhostRoll.Imaging.Raw;

/// <summary>
/// Canon CIFF (CRW), per Canon's "CIFF Specification on Image Data File" 1.0r4: a header ("II" + header length +
/// "HEAPCCDR"), then a heap whose last 4 bytes point at a table of 10-byte records (tag, size, offset). Records of
/// storage type 0x2800/0x3000 are sub-heaps. Tags used: 0x2007 JpgFromRaw, 0x2008 ThumbnailImage, 0x080A make and
/// model, 0x180E TimeStamp, 0x1810 ImageInfo (rotation), 0x1029 focal length.
/// </summary>
internal static class Ciff
{
    private const int MaxDepth = 8;
    private const int MaxRecords = 1024;

    public static bool IsCiff(ReadOnlySpan<byte> file) =>
        file.Length >= 26 && (file.StartsWith("II"u8) || file.StartsWith("MM"u8)) && file[6..14].SequenceEqual("HEAPCCDR"u8);

    public static RawInspection Inspect(ReadOnlySpan<byte> file)
    {
        var result = new RawInspection { Format = "Canon CRW (CIFF)" };
        var big = file[0] == 'M';
        var headerLength = U32(file, 2, big);
        if (headerLength >= 14 && headerLength < file.Length)
        {
            var records = 0;
            ReadHeap(file, headerLength, file.Length, big, 0, result, ref records);
        }

        return result;
    }

    private static void ReadHeap(ReadOnlySpan<byte> file, long start, long end, bool big, int depth, RawInspection result, ref int records)
    {
        if (depth > MaxDepth || end - start < 6 || end > file.Length)
        {
            return;
        }

        var table = start + U32(file, (int)(end - 4), big);
        if (table < start || table + 2 > end)
        {
            return;
        }

        int count = U16(file, (int)table, big);
        for (var i = 0; i < count && records < MaxRecords; i++, records++)
        {
            var at = table + 2 + (i * 10L);
            if (at + 10 > end)
            {
                return;
            }

            var tag = U16(file, (int)at, big);
            var size = U32(file, (int)at + 2, big);
            var offset = U32(file, (int)at + 6, big);
            var inRecord = (tag & 0xC000) == 0x4000;
            var id = tag & 0x3FFF;
            long dataStart = inRecord ? at + 2 : start + offset;
            long dataLength = inRecord ? 8 : size;
            if (dataStart < 0 || dataStart + dataLength > end)
            {
                continue;
            }

            var type = tag & 0x3800;
            if (!inRecord && type is 0x2800 or 0x3000)
            {
                ReadHeap(file, dataStart, dataStart + dataLength, big, depth + 1, result, ref records);
                continue;
            }

            var data = file.Slice((int)dataStart, (int)dataLength);
            switch (id)
            {
                case 0x2007:
                    result.AddPreview(dataStart, dataLength, file.Length, "CIFF JpgFromRaw");
                    break;
                case 0x2008:
                    result.AddPreview(dataStart, dataLength, file.Length, "CIFF ThumbnailImage");
                    break;
                case 0x080A:
                    ReadMakeModel(data, result);
                    break;
                case 0x180E when data.Length >= 4:
                    // Seconds since 1970 of the camera's local clock (no zone): print it as wall-clock time.
                    var seconds = U32(data, 0, big);
                    if (seconds > 0)
                    {
                        result.Exif.DateTimeOriginal ??= DateTime.UnixEpoch.AddSeconds(seconds).ToString("yyyy:MM:dd HH:mm:ss", CultureInfo.InvariantCulture);
                    }

                    break;
                case 0x1810 when data.Length >= 16:
                    result.Exif.PixelWidth ??= (int)Math.Min(U32(data, 0, big), int.MaxValue);
                    result.Exif.PixelHeight ??= (int)Math.Min(U32(data, 4, big), int.MaxValue);
                    result.Exif.Orientation ??= RotationToOrientation((int)U32(data, 12, big));
                    break;
                case 0x1029 when data.Length >= 4:
                    // CanonFocalLength: int16u FocalType, FocalLength (mm)...
                    var focal = U16(data, 2, big);
                    if (focal > 0)
                    {
                        result.Exif.FocalLengthMm ??= focal;
                    }

                    break;
            }
        }
    }

    /// <summary>
    /// ImageInfo rotation in degrees (0, 90, 180, 270, or negative) to an EXIF orientation. The degrees are taken
    /// as the clockwise turn that shows the picture upright; none of our fixtures is rotated, so this is untested
    /// against a camera.
    /// </summary>
    internal static int RotationToOrientation(int degrees) => (((degrees % 360) + 360) % 360) switch
    {
        90 => 6,
        180 => 3,
        270 => 8,
        _ => 1,
    };

    private static void ReadMakeModel(ReadOnlySpan<byte> data, RawInspection result)
    {
        var parts = Encoding.ASCII.GetString(data).Split('\0', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length >= 1 && parts[0].All(c => c >= ' ' && c < 127))
        {
            result.Exif.Make ??= parts[0];
        }

        if (parts.Length >= 2 && parts[1].All(c => c >= ' ' && c < 127))
        {
            result.Exif.Model ??= parts[1];
        }
    }

    private static ushort U16(ReadOnlySpan<byte> data, int offset, bool big) => offset < 0 || offset + 2 > data.Length ? (ushort)0
        : big ? BinaryPrimitives.ReadUInt16BigEndian(data[offset..]) : BinaryPrimitives.ReadUInt16LittleEndian(data[offset..]);

    private static uint U32(ReadOnlySpan<byte> data, int offset, bool big) => offset < 0 || offset + 4 > data.Length ? 0u
        : big ? BinaryPrimitives.ReadUInt32BigEndian(data[offset..]) : BinaryPrimitives.ReadUInt32LittleEndian(data[offset..]);
}
