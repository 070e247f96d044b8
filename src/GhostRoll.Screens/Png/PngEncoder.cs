using System.Buffers.Binary;
using System.IO.Compression;
using GhostRoll.Screens.Drawing;

namespace GhostRoll.Screens.Png;

/// <summary>How a canvas is stored in a PNG.</summary>
public enum PngPixelFormat
{
    /// <summary>Greyscale, bit depth 1: pixels below 128 are black. The panel's own format; ~1 KB for a frame.</summary>
    OneBit,

    /// <summary>Greyscale, bit depth 8: anti-aliased screens for larger displays.</summary>
    Grey8,
}

/// <summary>
/// A small PNG writer for greyscale canvases (PNG specification, ISO/IEC 15948): signature, IHDR, one IDAT of
/// zlib data (<see cref="ZLibStream"/>), IEND. No ancillary chunks, so files carry no metadata and the same canvas
/// always produces the same bytes.
/// </summary>
public static class PngEncoder
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    // Filter types, PNG specification section 9.2.
    private const byte FilterNone = 0;
    private const byte FilterSub = 1;
    private const byte FilterUp = 2;
    private const byte FilterAverage = 3;
    private const byte FilterPaeth = 4;

    public static byte[] Encode(Canvas canvas, PngPixelFormat format)
    {
        using var output = new MemoryStream();
        Write(output, canvas, format);
        return output.ToArray();
    }

    public static void Write(Stream output, Canvas canvas, PngPixelFormat format)
    {
        output.Write(Signature);

        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, canvas.Width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], canvas.Height);
        header[8] = format == PngPixelFormat.OneBit ? (byte)1 : (byte)8; // bit depth
        header[9] = 0;  // colour type 0: greyscale
        header[10] = 0; // compression method 0: deflate
        header[11] = 0; // filter method 0: adaptive, five filter types
        header[12] = 0; // no interlace
        WriteChunk(output, "IHDR"u8, header);

        WriteChunk(output, "IDAT"u8, Compress(canvas, format));
        WriteChunk(output, "IEND"u8, []);
    }

    private static byte[] Compress(Canvas canvas, PngPixelFormat format)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            if (format == PngPixelFormat.OneBit)
            {
                WriteOneBitRows(zlib, canvas);
            }
            else
            {
                WriteGreyRows(zlib, canvas);
            }
        }

        return compressed.ToArray();
    }

    /// <summary>
    /// 1-bit rows, leftmost pixel in the most significant bit, 1 = white. Filter "None": on bit-packed two-tone
    /// art the other filters rarely help and deflate already finds the long runs.
    /// </summary>
    private static void WriteOneBitRows(Stream zlib, Canvas canvas)
    {
        var row = new byte[1 + ((canvas.Width + 7) / 8)];
        for (var y = 0; y < canvas.Height; y++)
        {
            row.AsSpan().Clear();
            row[0] = FilterNone;
            var pixels = canvas.Row(y);
            for (var x = 0; x < pixels.Length; x++)
            {
                if (pixels[x] >= 128)
                {
                    row[1 + (x >> 3)] |= (byte)(0x80 >> (x & 7));
                }
            }

            zlib.Write(row);
        }
    }

    /// <summary>
    /// 8-bit rows, each with the filter whose output has the smallest sum of absolute values: the heuristic the
    /// PNG specification recommends (section 12.8) and libpng uses. Screens are mostly rows equal to the one
    /// above or plain paper, so "Up" is tried first and a row it turns into zeros takes it without trying the
    /// rest: that keeps an 800 x 480 frame cheap enough to write on every status change on a Pi Zero.
    /// </summary>
    private static void WriteGreyRows(Stream zlib, Canvas canvas)
    {
        var width = canvas.Width;
        var previous = new byte[width];
        var candidates = new byte[5][];
        for (var f = 0; f < candidates.Length; f++)
        {
            candidates[f] = new byte[1 + width];
            candidates[f][0] = (byte)f;
        }

        ReadOnlySpan<byte> order = [FilterUp, FilterSub, FilterNone, FilterPaeth, FilterAverage];
        for (var y = 0; y < canvas.Height; y++)
        {
            var current = canvas.Row(y);
            var best = FilterUp;
            var bestScore = long.MaxValue;
            foreach (var f in order)
            {
                var line = candidates[f].AsSpan(1);
                Filter(f, current, previous, line);
                var score = Score(line);
                if (score < bestScore)
                {
                    bestScore = score;
                    best = f;
                }

                if (score == 0)
                {
                    break;
                }
            }

            zlib.Write(candidates[best]);
            current.CopyTo(previous);
        }
    }

    /// <summary>Sum of the filtered bytes read as signed values' magnitudes.</summary>
    private static long Score(ReadOnlySpan<byte> line)
    {
        var score = 0L;
        foreach (var b in line)
        {
            score += b < 128 ? b : 256 - b;
        }

        return score;
    }

    private static void Filter(byte type, ReadOnlySpan<byte> current, ReadOnlySpan<byte> above, Span<byte> output)
    {
        switch (type)
        {
            case FilterNone:
                current.CopyTo(output);
                return;
            case FilterUp:
                for (var x = 0; x < current.Length; x++)
                {
                    output[x] = (byte)(current[x] - above[x]);
                }

                return;
            case FilterSub:
                output[0] = current[0];
                for (var x = 1; x < current.Length; x++)
                {
                    output[x] = (byte)(current[x] - current[x - 1]);
                }

                return;
            case FilterAverage:
                output[0] = (byte)(current[0] - (above[0] >> 1));
                for (var x = 1; x < current.Length; x++)
                {
                    output[x] = (byte)(current[x] - ((current[x - 1] + above[x]) >> 1));
                }

                return;
            default:
                output[0] = (byte)(current[0] - above[0]); // Paeth with a = c = 0 predicts b
                for (var x = 1; x < current.Length; x++)
                {
                    output[x] = (byte)(current[x] - Paeth(current[x - 1], above[x], above[x - 1]));
                }

                return;
        }
    }

    /// <summary>PNG specification section 9.4.</summary>
    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var pa = Math.Abs(p - a);
        var pb = Math.Abs(p - b);
        var pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static void WriteChunk(Stream output, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        output.Write(word);
        output.Write(type);
        output.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32.Compute(type, data));
        output.Write(word);
    }
}
