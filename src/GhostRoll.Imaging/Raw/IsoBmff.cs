using System.Buffers.Binary;
using GhostRoll.Imaging.Metadata;

namespace GhostRoll.Imaging.Raw;

/// <summary>One ISO-BMFF box (ISO/IEC 14496-12 §4.2): its type and where its payload is.</summary>
internal readonly record struct Box(uint Type, long Start, long PayloadStart, long End, Guid? UserType)
{
    public long PayloadLength => End - PayloadStart;
}

/// <summary>
/// A bounds-checked ISO-BMFF box walker, and Canon CR3 preview/metadata extraction on top of it (layout as
/// documented by Laurent Clévy's "Canon CR3 file structure"): moov/uuid{85c0b687-...} holds CMT1 (IFD0), CMT2
/// (EXIF IFD), CMT4 (GPS IFD) as TIFF blobs; a top-level uuid{eaf42b5e-...} holds PRVW (a 1620x1080 JPEG); track 1
/// of moov is the full-size camera JPEG in mdat (gone in files whose image data was pruned).
/// </summary>
internal static class IsoBmff
{
    private const int MaxBoxes = 4096;
    private static readonly Guid CanonMetadataUuid = new("85c0b687-820f-11e0-8111-f4ce462b6a48");
    private static readonly Guid CanonPreviewUuid = new("eaf42b5e-1c98-4b88-b9fb-b7dc406e4d16");

    public static uint FourCc(ReadOnlySpan<byte> text) => BinaryPrimitives.ReadUInt32BigEndian(text);

    public static bool IsCanonCr3(ReadOnlySpan<byte> file) =>
        file.Length >= 12 && file[4..8].SequenceEqual("ftyp"u8) && file[8..12].SequenceEqual("crx "u8);

    /// <summary>Lists the boxes between <paramref name="start"/> and <paramref name="end"/> (children of one parent).</summary>
    public static List<Box> Children(ReadOnlySpan<byte> data, long start, long end)
    {
        var boxes = new List<Box>();
        var position = start;
        end = Math.Min(end, data.Length);
        while (position + 8 <= end && boxes.Count < MaxBoxes)
        {
            long size = BinaryPrimitives.ReadUInt32BigEndian(data[(int)position..]);
            var type = BinaryPrimitives.ReadUInt32BigEndian(data[(int)(position + 4)..]);
            var header = 8L;
            if (size == 1)
            {
                if (position + 16 > end)
                {
                    break;
                }

                var large = BinaryPrimitives.ReadUInt64BigEndian(data[(int)(position + 8)..]);
                size = large > long.MaxValue ? -1 : (long)large;
                header = 16;
            }
            else if (size == 0)
            {
                size = end - position;
            }

            if (size < header || position + size > end)
            {
                break;
            }

            Guid? user = null;
            if (type == FourCc("uuid"u8))
            {
                if (size < header + 16)
                {
                    break;
                }

                user = new Guid(data.Slice((int)(position + header), 16), bigEndian: true);
                header += 16;
            }

            boxes.Add(new Box(type, position, position + header, position + size, user));
            position += size;
        }

        return boxes;
    }

    public static Box? Find(List<Box> boxes, ReadOnlySpan<byte> type)
    {
        var wanted = FourCc(type);
        foreach (var b in boxes)
        {
            if (b.Type == wanted)
            {
                return b;
            }
        }

        return null;
    }

    public static RawInspection InspectCr3(ReadOnlySpan<byte> file)
    {
        var result = new RawInspection { Format = "Canon CR3 (ISO-BMFF)" };
        var top = Children(file, 0, file.Length);
        foreach (var box in top)
        {
            if (box.UserType == CanonPreviewUuid)
            {
                // 8 bytes of Canon header, then PRVW: version fields, width, height, JPEG length, JPEG.
                AddJpegInside(file, box.PayloadStart + 8, box.End, result, "CR3 PRVW");
            }
        }

        if (Find(top, "moov"u8) is not { } moov)
        {
            return result;
        }

        var moovChildren = Children(file, moov.PayloadStart, moov.End);
        foreach (var box in moovChildren)
        {
            if (box.UserType == CanonMetadataUuid)
            {
                ReadCanonMetadata(file, box, result);
            }
            else if (box.Type == FourCc("trak"u8))
            {
                AddTrackSample(file, box, result);
            }
        }

        return result;
    }

    private static void ReadCanonMetadata(ReadOnlySpan<byte> file, Box container, RawInspection result)
    {
        foreach (var child in Children(file, container.PayloadStart, container.End))
        {
            var payload = file[(int)child.PayloadStart..(int)child.End];
            if (child.Type == FourCc("CMT1"u8))
            {
                ExifReader.Read(payload, IfdKind.Primary, result.Exif);
            }
            else if (child.Type == FourCc("CMT2"u8))
            {
                ExifReader.Read(payload, IfdKind.Exif, result.Exif);
            }
            else if (child.Type == FourCc("CMT4"u8))
            {
                ExifReader.Read(payload, IfdKind.Gps, result.Exif);
            }
            else if (child.Type == FourCc("THMB"u8))
            {
                AddJpegInside(file, child.PayloadStart, child.End, result, "CR3 THMB");
            }
        }
    }

    /// <summary>trak/mdia/minf/stbl: the first sample (stsz) at the first chunk offset (stco/co64).</summary>
    private static void AddTrackSample(ReadOnlySpan<byte> file, Box trak, RawInspection result)
    {
        Box? stbl = null;
        var level = trak;
        foreach (var name in new[] { "mdia", "minf", "stbl" })
        {
            var found = Find(Children(file, level.PayloadStart, level.End), System.Text.Encoding.ASCII.GetBytes(name));
            if (found is null)
            {
                return;
            }

            level = found.Value;
            stbl = level;
        }

        var tables = Children(file, stbl!.Value.PayloadStart, stbl.Value.End);
        long offset = -1, size = -1;
        if (Find(tables, "co64"u8) is { } co64 && co64.PayloadLength >= 16)
        {
            offset = (long)Math.Min(BinaryPrimitives.ReadUInt64BigEndian(file[(int)(co64.PayloadStart + 8)..]), long.MaxValue);
        }
        else if (Find(tables, "stco"u8) is { } stco && stco.PayloadLength >= 12)
        {
            offset = BinaryPrimitives.ReadUInt32BigEndian(file[(int)(stco.PayloadStart + 8)..]);
        }

        if (Find(tables, "stsz"u8) is { } stsz && stsz.PayloadLength >= 12)
        {
            // FullBox header (4), sample_size (4; non-zero = all samples this size), sample_count (4), entries.
            size = BinaryPrimitives.ReadUInt32BigEndian(file[(int)(stsz.PayloadStart + 4)..]);
            if (size == 0 && stsz.PayloadLength >= 16)
            {
                size = BinaryPrimitives.ReadUInt32BigEndian(file[(int)(stsz.PayloadStart + 12)..]);
            }
        }

        if (offset > 0 && size > 4 && offset + size <= file.Length && file[(int)offset] == 0xFF && file[(int)offset + 1] == 0xD8)
        {
            result.AddPreview(offset, size, file.Length, "CR3 track JPEG");
        }
    }

    private static void AddJpegInside(ReadOnlySpan<byte> file, long start, long end, RawInspection result, string origin)
    {
        if (start < 0 || start >= end || end > file.Length)
        {
            return;
        }

        var window = file[(int)start..(int)end];
        var soi = window.IndexOf([(byte)0xFF, (byte)0xD8, (byte)0xFF]);
        if (soi >= 0)
        {
            result.AddPreview(start + soi, window.Length - soi, file.Length, origin);
        }
    }
}
