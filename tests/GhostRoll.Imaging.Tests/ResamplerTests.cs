using GhostRoll.Imaging.Codecs;
using GhostRoll.Imaging.Pixels;
using GhostRoll.TestSupport;

namespace GhostRoll.Imaging.Tests;

public sealed unsafe class ResamplerTests
{
    [Theory]
    [InlineData(2250, 1500, 2048, 1365)] // 6000x4000 decoded at 3/8, to the share size
    [InlineData(2048, 1365, 512, 341)]   // share to thumbnail
    [InlineData(777, 1201, 300, 464)]    // odd sizes, portrait
    public void Simd_lanczos_matches_a_double_precision_reference(int sw, int sh, int dw, int dh)
    {
        using var source = Photo(sw, sh);
        using var ours = LanczosResampler.Resize(source, dw, dh);
        var reference = ReferenceResize(source, dw, dh);
        double sum = 0;
        var worst = 0.0;
        for (var y = 0; y < dh; y++)
        {
            var row = ours.Row(y);
            for (var x = 0; x < dw * 4; x++)
            {
                if (x % 4 == 3)
                {
                    Assert.Equal(255, row[x]); // X stays opaque
                    continue;
                }

                var d = row[x] - reference[(y * dw * 4) + x];
                sum += d * d;
                worst = Math.Max(worst, Math.Abs(d));
            }
        }

        var psnr = 10 * Math.Log10(255.0 * 255 / (sum / (dw * dh * 3)));
        Assert.True(psnr > 50, $"PSNR {psnr:0.0} dB against the double-precision reference");
        Assert.True(worst <= 2, $"worst pixel differs by {worst}");
    }

    [Fact]
    public void Orientation_transforms_match_their_definitions()
    {
        using var source = RgbxImage.Allocate(3, 2);
        var p = (uint*)source.Pointer;
        for (uint i = 0; i < 6; i++)
        {
            p[i] = i; // a b c / d e f
        }

        // Expected pixel order of the displayed image for each EXIF orientation (CIPA DC-008 Table 7).
        var expected = new Dictionary<int, (int W, uint[] Pixels)>
        {
            [1] = (3, [0, 1, 2, 3, 4, 5]),
            [2] = (3, [2, 1, 0, 5, 4, 3]),
            [3] = (3, [5, 4, 3, 2, 1, 0]),
            [4] = (3, [3, 4, 5, 0, 1, 2]),
            [5] = (2, [0, 3, 1, 4, 2, 5]),
            [6] = (2, [3, 0, 4, 1, 5, 2]),
            [7] = (2, [5, 2, 4, 1, 3, 0]),
            [8] = (2, [2, 5, 1, 4, 0, 3]),
        };
        foreach (var (orientation, (w, pixels)) in expected)
        {
            var turned = Orientation.Apply(source, orientation);
            try
            {
                Assert.Equal(w, turned.Width);
                Assert.Equal(pixels, new ReadOnlySpan<uint>(turned.Pointer, 6).ToArray());
            }
            finally
            {
                if (!ReferenceEquals(turned, source))
                {
                    turned.Dispose();
                }
            }
        }
    }

    /// <summary>A real photo decoded at a size close to the requested one, then cut to exactly that size.</summary>
    private static RgbxImage Photo(int w, int h)
    {
        var bytes = File.ReadAllBytes(Fixtures.File("basic", "DCIM/100_PANA/Panasonic_DMC-LX3.jpg"));
        fixed (byte* p = bytes)
        {
            using var decoded = JpegDecoder.Decode(p, bytes.Length, Math.Max(w, h), 200_000_000);
            var result = RgbxImage.Allocate(w, h);
            for (var y = 0; y < h; y++)
            {
                var src = decoded.Row(y % decoded.Height);
                var dst = result.Row(y);
                for (var x = 0; x < w; x++)
                {
                    src.Slice((x % decoded.Width) * 4, 4).CopyTo(dst.Slice(x * 4, 4));
                }
            }

            return result;
        }
    }

    private static byte[] ReferenceResize(RgbxImage src, int dw, int dh)
    {
        var horizontal = new double[src.Height * dw * 4];
        for (var y = 0; y < src.Height; y++)
        {
            var row = src.Row(y);
            for (var x = 0; x < dw; x++)
            {
                foreach (var (s, w) in Weights(src.Width, dw, x))
                {
                    for (var c = 0; c < 4; c++)
                    {
                        horizontal[(((y * dw) + x) * 4) + c] += row[(s * 4) + c] * w;
                    }
                }
            }
        }

        var result = new byte[dw * dh * 4];
        for (var y = 0; y < dh; y++)
        {
            var weights = Weights(src.Height, dh, y);
            for (var x = 0; x < dw * 4; x++)
            {
                double v = 0;
                foreach (var (s, w) in weights)
                {
                    v += horizontal[(s * dw * 4) + x] * w;
                }

                result[(y * dw * 4) + x] = (byte)Math.Clamp(Math.Round(v), 0, 255);
            }
        }

        return result;
    }

    private static List<(int Source, double Weight)> Weights(int sourceSize, int targetSize, int i)
    {
        var scale = (double)sourceSize / targetSize;
        var support = 3 * scale;
        var center = (i + 0.5) * scale;
        var list = new List<(int, double)>();
        for (var s = (int)Math.Floor(center - support); s <= (int)Math.Ceiling(center + support); s++)
        {
            if (s >= 0 && s < sourceSize)
            {
                list.Add((s, LanczosResampler.Kernel((s + 0.5 - center) / scale)));
            }
        }

        var total = list.Sum(t => t.Item2);
        return [.. list.Select(t => (t.Item1, t.Item2 / total))];
    }
}
