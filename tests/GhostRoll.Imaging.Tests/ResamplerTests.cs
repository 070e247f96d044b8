using GhostRoll.Imaging.Codecs;
using GhostRoll.Imaging.Pixels;
using GhostRoll.TestSupport;

namespace GhostRoll.Imaging.Tests;

public sealed unsafe class ResamplerTests
{
    /// <summary>
    /// Pure Lanczos-3 steps (&lt; 4x) stay within rounding of the double-precision reference (&gt; 50 dB, no pixel
    /// off by more than 2). A 4x step (share to thumbnail) first averages 2x2 boxes, as Pillow's reducing_gap and
    /// libvips's shrink do: that differs from pure Lanczos-3 by ~42 dB, invisible at 512 px.
    /// </summary>
    [Theory]
    [InlineData(2250, 1500, 2048, 1365, 50, 2)] // 6000x4000 decoded at 3/8, to the share size
    [InlineData(777, 1201, 300, 464, 50, 2)]    // odd sizes, portrait
    [InlineData(2048, 1365, 512, 341, 40, 48)]  // share to thumbnail: box pre-shrink changes ringing at the hardest edges (worst ~36)
    public void Simd_lanczos_matches_a_double_precision_reference(int sw, int sh, int dw, int dh, double minPsnr, int maxError)
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
        Assert.True(psnr > minPsnr, $"PSNR {psnr:0.0} dB against the double-precision reference");
        Assert.True(worst <= maxError, $"worst pixel differs by {worst}");
    }

    [Theory]
    [InlineData(2), InlineData(3), InlineData(4), InlineData(5), InlineData(6), InlineData(7), InlineData(8)]
    public void Resizing_with_orientation_equals_resizing_then_turning(int orientation)
    {
        using var source = Photo(900, 600);
        using var plain = LanczosResampler.Resize(source, 450, 300);
        var turned = Orientation.Apply(plain, orientation);
        using var fused = LanczosResampler.Resize(source, 450, 300, orientation);
        try
        {
            Assert.Equal((turned.Width, turned.Height), (fused.Width, fused.Height));
            for (var y = 0; y < fused.Height; y++)
            {
                Assert.True(turned.Row(y).SequenceEqual(fused.Row(y)), $"row {y} differs");
            }
        }
        finally
        {
            turned.Dispose();
        }
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

    /// <summary>A real photo (3776x2520) decoded at full size and cropped to the requested size: no synthetic seams.</summary>
    private static RgbxImage Photo(int w, int h)
    {
        var bytes = File.ReadAllBytes(Fixtures.File("basic", "DCIM/100_PANA/Panasonic_DMC-LX3.jpg"));
        fixed (byte* p = bytes)
        {
            using var decoded = JpegDecoder.Decode(p, bytes.Length, int.MaxValue, 200_000_000);
            Assert.True(decoded.Width >= w && decoded.Height >= h);
            var result = RgbxImage.Allocate(w, h);
            for (var y = 0; y < h; y++)
            {
                decoded.Row(y)[..(w * 4)].CopyTo(result.Row(y));
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
