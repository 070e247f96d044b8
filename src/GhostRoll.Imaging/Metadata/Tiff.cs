using System.Buffers.Binary;
using System.Text;

namespace GhostRoll.Imaging.Metadata;

/// <summary>One IFD entry (TIFF 6.0 §2): where its value bytes are, already bounds-checked against the data.</summary>
internal readonly record struct TiffEntry(ushort Tag, ushort Type, uint Count, int DataOffset, int ByteCount)
{
    public bool IsValid => DataOffset >= 0;
}

/// <summary>
/// A bounds-checked reader over a TIFF structure (TIFF 6.0; also EXIF APP1 bodies, CR2/NEF/ARW/DNG/PEF/SRW/ORF/RW2
/// RAW files). It never throws on malformed data: offsets that point outside, absurd counts and IFD loops yield
/// nothing instead. Magic 42 is TIFF; 0x4F52/0x5352 are Olympus ORF and 0x55 Panasonic RW2 variants.
/// </summary>
internal readonly ref struct Tiff
{
    /// <summary>More entries than any real IFD has (EXIF IFDs hold ~60): anything above is garbage.</summary>
    private const int MaxEntries = 1024;

    private readonly ReadOnlySpan<byte> _data;

    private Tiff(ReadOnlySpan<byte> data, bool bigEndian, uint firstIfd)
    {
        _data = data;
        BigEndian = bigEndian;
        FirstIfd = firstIfd;
    }

    public bool BigEndian { get; }

    public uint FirstIfd { get; }

    public int Length => _data.Length;

    public ReadOnlySpan<byte> Data => _data;

    public static bool TryOpen(ReadOnlySpan<byte> data, out Tiff tiff)
    {
        tiff = default;
        if (data.Length < 8)
        {
            return false;
        }

        bool big;
        if (data[0] == 'I' && data[1] == 'I')
        {
            big = false;
        }
        else if (data[0] == 'M' && data[1] == 'M')
        {
            big = true;
        }
        else
        {
            return false;
        }

        var magic = big ? BinaryPrimitives.ReadUInt16BigEndian(data[2..]) : BinaryPrimitives.ReadUInt16LittleEndian(data[2..]);
        if (magic is not (42 or 0x4F52 or 0x5352 or 0x55))
        {
            return false;
        }

        var first = big ? BinaryPrimitives.ReadUInt32BigEndian(data[4..]) : BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
        tiff = new Tiff(data, big, first);
        return true;
    }

    public ushort U16(int offset) => offset < 0 || offset + 2 > _data.Length ? (ushort)0
        : BigEndian ? BinaryPrimitives.ReadUInt16BigEndian(_data[offset..]) : BinaryPrimitives.ReadUInt16LittleEndian(_data[offset..]);

    public uint U32(int offset) => offset < 0 || offset + 4 > _data.Length ? 0u
        : BigEndian ? BinaryPrimitives.ReadUInt32BigEndian(_data[offset..]) : BinaryPrimitives.ReadUInt32LittleEndian(_data[offset..]);

    public static int TypeSize(ushort type) => type switch
    {
        1 or 2 or 6 or 7 => 1, // BYTE, ASCII, SBYTE, UNDEFINED
        3 or 8 => 2,           // SHORT, SSHORT
        4 or 9 or 11 or 13 => 4, // LONG, SLONG, FLOAT, IFD
        5 or 10 or 12 => 8,    // RATIONAL, SRATIONAL, DOUBLE
        _ => 0,
    };

    /// <summary>Reads the entries of the IFD at <paramref name="offset"/>; returns the next IFD offset (0 = none).</summary>
    public uint ReadIfd(uint offset, List<TiffEntry> entries)
    {
        entries.Clear();
        if (offset < 8 || offset > (uint)_data.Length - 2)
        {
            return 0;
        }

        var position = (int)offset;
        int count = U16(position);
        if (count == 0 || count > MaxEntries || position + 2 + (count * 12) > _data.Length)
        {
            return 0;
        }

        for (var i = 0; i < count; i++)
        {
            var e = position + 2 + (i * 12);
            var tag = U16(e);
            var type = U16(e + 2);
            var n = U32(e + 4);
            var size = TypeSize(type);
            var bytes = (long)size * n;
            int dataOffset;
            if (size == 0 || bytes > int.MaxValue)
            {
                dataOffset = -1;
            }
            else if (bytes <= 4)
            {
                dataOffset = e + 8;
            }
            else
            {
                var pointer = U32(e + 8);
                dataOffset = pointer + bytes <= _data.Length ? (int)pointer : -1;
            }

            entries.Add(new TiffEntry(tag, type, n, dataOffset, dataOffset < 0 ? 0 : (int)bytes));
        }

        return U32(position + 2 + (count * 12));
    }

    /// <summary>Integer value <paramref name="index"/> of a BYTE/SHORT/LONG/IFD entry (null when absent or another type).</summary>
    public uint? UInt(in TiffEntry entry, int index = 0)
    {
        if (!entry.IsValid || index < 0 || index >= entry.Count)
        {
            return null;
        }

        return entry.Type switch
        {
            1 or 7 => _data[entry.DataOffset + index],
            3 => U16(entry.DataOffset + (index * 2)),
            4 or 13 => U32(entry.DataOffset + (index * 4)),
            8 => (uint)Math.Max((short)U16(entry.DataOffset + (index * 2)), (short)0),
            9 => (uint)Math.Max((int)U32(entry.DataOffset + (index * 4)), 0),
            _ => null,
        };
    }

    /// <summary>RATIONAL/SRATIONAL (or an integer type) as a double; null when the denominator is 0.</summary>
    public double? Rational(in TiffEntry entry, int index = 0)
    {
        if (!entry.IsValid || index < 0 || index >= entry.Count)
        {
            return null;
        }

        if (entry.Type is 5 or 10)
        {
            var at = entry.DataOffset + (index * 8);
            double num = entry.Type == 5 ? U32(at) : (int)U32(at);
            double den = entry.Type == 5 ? U32(at + 4) : (int)U32(at + 4);
            return den == 0 ? null : num / den;
        }

        return UInt(entry, index);
    }

    /// <summary>ASCII (or UNDEFINED) text, trimmed at the first NUL and of surrounding blanks; null if empty.</summary>
    public string? Text(in TiffEntry entry)
    {
        if (!entry.IsValid || entry.Type is not (2 or 7 or 1) || entry.ByteCount == 0)
        {
            return null;
        }

        var bytes = _data.Slice(entry.DataOffset, entry.ByteCount);
        var nul = bytes.IndexOf((byte)0);
        if (nul >= 0)
        {
            bytes = bytes[..nul];
        }

        // EXIF ASCII is 7-bit by spec; cameras put Latin-1 or UTF-8 in it. Decode UTF-8 and drop control characters.
        var text = Encoding.UTF8.GetString(bytes);
        var clean = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!char.IsControl(c) && c != '\uFFFD')
            {
                clean.Append(c);
            }
        }

        var result = clean.ToString().Trim();
        return result.Length == 0 ? null : result;
    }

    public ReadOnlySpan<byte> Bytes(in TiffEntry entry) => entry.IsValid ? _data.Slice(entry.DataOffset, entry.ByteCount) : default;
}
