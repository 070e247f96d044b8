using System.Buffers.Binary;
using System.IO.Compression;
using GhostRoll.Screens.Drawing;
using Xunit;

namespace GhostRoll.Screens.Tests;

/// <summary>
/// Test-side PNG decoder for what goldens use: greyscale (colour type 0) at bit depth 1 or 8, non-interlaced,
/// all five filter types. Written from the PNG specification independently of the encoder; pngcheck and zbarimg
/// check the encoder's files from outside .NET.
/// </summary>
internal static class PngReader
{
    public static Canvas Read(string path) => Read(File.ReadAllBytes(path));

    public static Canvas Read(byte[] png)
    {
        var offset = 8;
        int width = 0, height = 0, depth = 0;
        using var idat = new MemoryStream();
        while (offset < png.Length)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(offset));
            var type = System.Text.Encoding.ASCII.GetString(png, offset + 4, 4);
            var data = png.AsSpan(offset + 8, length);
            switch (type)
            {
                case "IHDR":
                    width = BinaryPrimitives.ReadInt32BigEndian(data);
                    height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                    depth = data[8];
                    Assert.Equal(0, data[9]);
                    Assert.Equal(0, data[12]);
                    break;
                case "IDAT":
                    idat.Write(data);
                    break;
            }

            offset += 12 + length;
        }

        idat.Position = 0;
        using var zlib = new ZLibStream(idat, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        zlib.CopyTo(raw);
        var bytes = raw.ToArray();
        var stride = depth == 1 ? (width + 7) / 8 : width;
        var canvas = new Canvas(width, height);
        var previous = new byte[stride];
        var current = new byte[stride];
        for (var y = 0; y < height; y++)
        {
            var filter = bytes[y * (stride + 1)];
            bytes.AsSpan((y * (stride + 1)) + 1, stride).CopyTo(current);
            for (var x = 0; x < stride; x++)
            {
                int a = x > 0 ? current[x - 1] : 0, b = previous[x], c = x > 0 ? previous[x - 1] : 0;
                current[x] += filter switch
                {
                    0 => 0,
                    1 => (byte)a,
                    2 => (byte)b,
                    3 => (byte)((a + b) / 2),
                    4 => (byte)Paeth(a, b, c),
                    _ => throw new InvalidDataException($"filter {filter}"),
                };
            }

            for (var x = 0; x < width; x++)
            {
                canvas[x, y] = depth == 1 ? ((current[x >> 3] >> (7 - (x & 7))) & 1) == 1 ? Canvas.White : Canvas.Black : current[x];
            }

            (previous, current) = (current, previous);
        }

        return canvas;
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
