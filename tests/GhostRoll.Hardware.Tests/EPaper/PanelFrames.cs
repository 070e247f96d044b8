using System.Text;
using GhostRoll.Hardware.EPaper;
using GhostRoll.TestSupport;

namespace GhostRoll.Hardware.Tests.EPaper;

/// <summary>Golden PBM frames and comparison of native 1-bit frames (RAM bit 1 = white; PBM bit 1 = black).</summary>
internal static class PanelFrames
{
    private static readonly string GoldenDirectory = Path.Combine(AppContext.BaseDirectory, "Golden");

    /// <summary>Reads a committed golden (binary PBM, P4) as a native RAM frame: 1 = white, padding bits white.</summary>
    public static byte[] LoadGolden(string name, PanelGeometry geometry)
    {
        var bytes = File.ReadAllBytes(Path.Combine(GoldenDirectory, name));
        var (width, height, body) = ParsePbm(bytes);
        Assert.Equal((geometry.Width, geometry.Height), (width, height));
        var frame = new byte[geometry.FrameBytes];
        for (var i = 0; i < frame.Length; i++)
        {
            frame[i] = (byte)~body[i];
        }

        WhitenPadding(frame, geometry);
        return frame;
    }

    /// <summary>
    /// Asserts two native frames show the same pixels, and that the padding bits of <paramref name="actual"/> are
    /// white. On failure writes the actual frame beside the golden in the test artifacts folder.
    /// </summary>
    public static void AssertSameImage(byte[] expected, byte[] actual, PanelGeometry geometry, string artifactName)
    {
        Assert.Equal(geometry.FrameBytes, actual.Length);
        var differences = new List<string>();
        for (var y = 0; y < geometry.Height; y++)
        {
            for (var x = 0; x < geometry.BytesPerRow * 8; x++)
            {
                var index = (y * geometry.BytesPerRow) + (x / 8);
                var mask = 0x80 >> (x % 8);
                var actualWhite = (actual[index] & mask) != 0;
                if (x >= geometry.Width)
                {
                    if (!actualWhite)
                    {
                        differences.Add($"padding bit at x={x}, y={y} is black");
                    }

                    continue;
                }

                if (actualWhite != ((expected[index] & mask) != 0))
                {
                    differences.Add($"pixel x={x}, y={y}: expected {((expected[index] & mask) != 0 ? "white" : "black")}");
                }
            }
        }

        if (differences.Count > 0)
        {
            var path = Path.Combine(Artifacts.Dir("hardware"), artifactName + ".actual.pbm");
            File.WriteAllBytes(path, ToPbm(actual, geometry));
            Assert.Fail($"{differences.Count} pixels differ (first: {differences[0]}); actual frame written to {path}");
        }
    }

    public static byte[] ToPbm(byte[] frame, PanelGeometry geometry)
    {
        var header = Encoding.ASCII.GetBytes($"P4\n{geometry.Width} {geometry.Height}\n");
        return [.. header, .. frame.Select(b => (byte)~b)];
    }

    private static void WhitenPadding(byte[] frame, PanelGeometry geometry)
    {
        var spare = (geometry.BytesPerRow * 8) - geometry.Width;
        if (spare == 0)
        {
            return;
        }

        var mask = (byte)((1 << spare) - 1);
        for (var y = 0; y < geometry.Height; y++)
        {
            frame[(y * geometry.BytesPerRow) + geometry.BytesPerRow - 1] |= mask;
        }
    }

    private static (int Width, int Height, byte[] Body) ParsePbm(byte[] bytes)
    {
        var position = 0;
        string NextToken()
        {
            while (true)
            {
                while (char.IsWhiteSpace((char)bytes[position]))
                {
                    position++;
                }

                if (bytes[position] != '#')
                {
                    break;
                }

                while (bytes[position] != '\n')
                {
                    position++;
                }
            }

            var start = position;
            while (!char.IsWhiteSpace((char)bytes[position]))
            {
                position++;
            }

            return Encoding.ASCII.GetString(bytes, start, position - start);
        }

        Assert.Equal("P4", NextToken());
        var width = int.Parse(NextToken(), System.Globalization.CultureInfo.InvariantCulture);
        var height = int.Parse(NextToken(), System.Globalization.CultureInfo.InvariantCulture);
        position++; // the single whitespace byte before the raster
        return (width, height, bytes[position..]);
    }
}
