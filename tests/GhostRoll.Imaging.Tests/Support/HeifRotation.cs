using System.Buffers.Binary;
using System.Text;

namespace GhostRoll.Imaging.Tests.Support;

/// <summary>
/// Adds an <c>irot</c> (image rotation, ISO/IEC 23008-12 §6.5.10) property to the primary item of a simple HEIF
/// (ftyp, meta, mdat, as heif-enc writes it): appends the property to <c>ipco</c>, associates it in <c>ipma</c>,
/// grows the enclosing boxes and moves <c>iloc</c>'s file offsets by the bytes inserted before <c>mdat</c>. No tool
/// on Debian 12 writes irot, and the test needs a file turned by its container and by EXIF at once.
/// </summary>
internal static class HeifRotation
{
    /// <param name="quarterTurnsCounterClockwise">irot angle field: 1 = 90, 2 = 180, 3 = 270 degrees anti-clockwise.</param>
    public static byte[] AddIrot(byte[] heif, int quarterTurnsCounterClockwise)
    {
        var top = Children(heif, 0, heif.Length);
        var meta = top.Single(b => b.Type == "meta");
        var metaChildren = Children(heif, meta.Start + 12, meta.End); // meta is a FullBox
        var iprp = metaChildren.Single(b => b.Type == "iprp");
        var iprpChildren = Children(heif, iprp.Start + 8, iprp.End);
        var ipco = iprpChildren.Single(b => b.Type == "ipco");
        var ipma = iprpChildren.Single(b => b.Type == "ipma");
        var iloc = metaChildren.Single(b => b.Type == "iloc");
        var pitm = metaChildren.Single(b => b.Type == "pitm");
        var primary = BinaryPrimitives.ReadUInt16BigEndian(heif.AsSpan(pitm.Start + 12));
        var newIndex = Children(heif, ipco.Start + 8, ipco.End).Count + 1;

        byte[] irot = [0, 0, 0, 9, (byte)'i', (byte)'r', (byte)'o', (byte)'t', (byte)(quarterTurnsCounterClockwise & 3)];

        // ipma: FullBox(version, flags) | entry_count u32 | entries: item_ID u16 (v0), count u8, count x u8 (flags&1 == 0).
        var version = heif[ipma.Start + 8];
        var flags = heif[ipma.Start + 11];
        Assert.True(version == 0 && (flags & 1) == 0, "only ipma v0 with 1-byte associations is handled");
        var newIpma = new List<byte>();
        var entries = BinaryPrimitives.ReadUInt32BigEndian(heif.AsSpan(ipma.Start + 12));
        var pos = ipma.Start + 16;
        newIpma.AddRange(heif.AsSpan(ipma.Start, 16).ToArray());
        for (var i = 0; i < entries; i++)
        {
            var item = BinaryPrimitives.ReadUInt16BigEndian(heif.AsSpan(pos));
            int count = heif[pos + 2];
            var associations = heif.AsSpan(pos + 3, count).ToArray();
            newIpma.AddRange(heif.AsSpan(pos, 2).ToArray());
            if (item == primary)
            {
                newIpma.Add((byte)(count + 1));
                newIpma.AddRange(associations);
                newIpma.Add((byte)(0x80 | newIndex)); // essential: a reader must apply it
            }
            else
            {
                newIpma.Add((byte)count);
                newIpma.AddRange(associations);
            }

            pos += 3 + count;
        }

        var ipmaBytes = newIpma.ToArray();
        BinaryPrimitives.WriteUInt32BigEndian(ipmaBytes, (uint)ipmaBytes.Length);
        var delta = irot.Length + (ipmaBytes.Length - ipma.Size);

        // New file: everything before ipco's end, irot, then ipma rebuilt, then the rest with sizes/offsets fixed.
        var output = new List<byte>(heif.Length + delta);
        output.AddRange(heif.AsSpan(0, ipco.End).ToArray());
        output.AddRange(irot);
        output.AddRange(heif.AsSpan(ipco.End, ipma.Start - ipco.End).ToArray());
        output.AddRange(ipmaBytes);
        output.AddRange(heif.AsSpan(ipma.End).ToArray());
        var result = output.ToArray();
        AddToSize(result, meta.Start, delta);
        AddToSize(result, iprp.Start, delta);
        AddToSize(result, ipco.Start, irot.Length);
        ShiftIlocOffsets(result, iloc.Start, delta, meta.End);
        return result;
    }

    private static void AddToSize(byte[] data, int boxStart, int delta) =>
        BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(boxStart), BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(boxStart)) + (uint)delta);

    /// <summary>iloc (§8.11.3 of ISO/IEC 14496-12): moves absolute offsets that point past the old end of meta.</summary>
    private static void ShiftIlocOffsets(byte[] data, int ilocStart, int delta, int oldMetaEnd)
    {
        var version = data[ilocStart + 8];
        var p = ilocStart + 12;
        int offsetSize = data[p] >> 4, lengthSize = data[p] & 15, baseSize = data[p + 1] >> 4, indexSize = version > 0 ? data[p + 1] & 15 : 0;
        p += 2;
        var items = version < 2 ? BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(p)) : (int)BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(p));
        p += version < 2 ? 2 : 4;
        for (var i = 0; i < items; i++)
        {
            p += version < 2 ? 2 : 4; // item_ID
            if (version > 0)
            {
                p += 2; // construction_method (heif-enc: 0 = file offsets)
            }

            p += 2; // data_reference_index
            var baseOffset = Read(data, p, baseSize);
            if (baseSize > 0 && baseOffset >= oldMetaEnd)
            {
                Write(data, p, baseSize, baseOffset + delta);
            }

            p += baseSize;
            var extents = BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(p));
            p += 2;
            for (var e = 0; e < extents; e++)
            {
                p += indexSize;
                var offset = Read(data, p, offsetSize);
                if (baseOffset == 0 && offset >= oldMetaEnd)
                {
                    Write(data, p, offsetSize, offset + delta);
                }

                p += offsetSize + lengthSize;
            }
        }
    }

    private static long Read(byte[] d, int p, int size) => size switch
    {
        0 => 0,
        4 => BinaryPrimitives.ReadUInt32BigEndian(d.AsSpan(p)),
        8 => (long)BinaryPrimitives.ReadUInt64BigEndian(d.AsSpan(p)),
        _ => throw new NotSupportedException($"iloc field size {size}"),
    };

    private static void Write(byte[] d, int p, int size, long value)
    {
        if (size == 4)
        {
            BinaryPrimitives.WriteUInt32BigEndian(d.AsSpan(p), (uint)value);
        }
        else
        {
            BinaryPrimitives.WriteUInt64BigEndian(d.AsSpan(p), (ulong)value);
        }
    }

    private static List<(string Type, int Start, int Size, int End)> Children(byte[] d, int start, int end)
    {
        var list = new List<(string, int, int, int)>();
        while (start + 8 <= end)
        {
            var size = (int)BinaryPrimitives.ReadUInt32BigEndian(d.AsSpan(start));
            list.Add((Encoding.ASCII.GetString(d, start + 4, 4), start, size, start + size));
            start += size;
        }

        return list;
    }
}
