using GhostRoll.Screens.Drawing;
using GhostRoll.Screens.Png;
using GhostRoll.TestSupport;
using GhostRoll.TestSupport.Screens;
using Xunit;

namespace GhostRoll.Screens.Tests;

public sealed class PngEncoderTests : IDisposable
{
    private readonly TempDirectory _temp = new("png");

    [Theory]
    [InlineData(PngPixelFormat.OneBit, 250, 122)]
    [InlineData(PngPixelFormat.OneBit, 13, 7)]
    [InlineData(PngPixelFormat.Grey8, 800, 480)]
    [InlineData(PngPixelFormat.Grey8, 1, 1)]
    public void Pngcheck_accepts_the_file_with_the_right_header(PngPixelFormat format, int width, int height)
    {
        var path = _temp.Combine("check.png");
        File.WriteAllBytes(path, PngEncoder.Encode(Noise(width, height, format), format));

        var result = ExternalTool.Run("pngcheck", "-v", path);

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        var kind = format == PngPixelFormat.OneBit ? "1-bit grayscale" : "8-bit grayscale";
        Assert.Contains($"{width} x {height} image, {kind}", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PngPixelFormat.OneBit)]
    [InlineData(PngPixelFormat.Grey8)]
    public void Pixels_survive_a_round_trip(PngPixelFormat format)
    {
        var canvas = Noise(97, 31, format);

        var decoded = PngReader.Read(PngEncoder.Encode(canvas, format));

        Assert.Equal(canvas.Pixels.ToArray(), decoded.Pixels.ToArray());
    }

    [Fact]
    public void One_bit_encoding_thresholds_grey_at_half()
    {
        var canvas = new Canvas(4, 1);
        canvas[0, 0] = 0;
        canvas[1, 0] = 127;
        canvas[2, 0] = 128;
        canvas[3, 0] = 255;

        var decoded = PngReader.Read(PngEncoder.Encode(canvas, PngPixelFormat.OneBit));

        Assert.Equal(new byte[] { 0, 0, 255, 255 }, decoded.Pixels.ToArray());
    }

    [Fact]
    public void The_file_carries_no_metadata_chunks_and_is_deterministic()
    {
        var canvas = Noise(64, 64, PngPixelFormat.Grey8);

        var first = PngEncoder.Encode(canvas, PngPixelFormat.Grey8);
        var second = PngEncoder.Encode(canvas, PngPixelFormat.Grey8);

        Assert.Equal(first, second);
        var path = _temp.Combine("chunks.png");
        File.WriteAllBytes(path, first);
        var chunks = ExternalTool.Run("pngcheck", "-v", path).Stdout;
        Assert.DoesNotContain("tEXt", chunks, StringComparison.Ordinal);
        Assert.DoesNotContain("tIME", chunks, StringComparison.Ordinal);
        Assert.DoesNotContain("eXIf", chunks, StringComparison.Ordinal);
    }

    private static Canvas Noise(int width, int height, PngPixelFormat format)
    {
        // Gradients plus a fixed pseudo-random field, so every filter type gets chosen somewhere.
        var random = new Random(1234);
        var canvas = new Canvas(width, height);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var value = (x * 3) + (y * 5) + (x % 11 == 0 ? random.Next(256) : 0);
                canvas[x, y] = format == PngPixelFormat.OneBit ? (random.Next(3) == 0 ? Canvas.Black : Canvas.White) : (byte)value;
            }
        }

        return canvas;
    }

    public void Dispose() => _temp.Dispose();
}
