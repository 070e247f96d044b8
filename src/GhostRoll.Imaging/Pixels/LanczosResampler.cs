using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace GhostRoll.Imaging.Pixels;

/// <summary>
/// Separable Lanczos-3 downscaler for RGBX pixels, SIMD through <see cref="Vector128"/> (SSE on x86-64, NEON on
/// the Pi's Cortex-A53). Horizontal pass per source row into a small ring of float rows, vertical pass per output
/// row: memory is a few hundred kB beyond the output, whatever the input size. Arithmetic is float (no 8-bit
/// intermediate), so the result is within rounding of a double-precision reference.
/// </summary>
internal static unsafe class LanczosResampler
{
    /// <summary>Lanczos lobes: a = 3 (support ±3 output pixels).</summary>
    public const int Lobes = 3;

    public static RgbxImage Resize(RgbxImage source, int width, int height)
    {
        var result = RgbxImage.Allocate(width, height);
        try
        {
            Resize(source.Pointer, source.Width, source.Height, source.Stride, result.Pointer, width, height);
            return result;
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }

    public static void Resize(byte* src, int srcWidth, int srcHeight, int srcStride, byte* dst, int dstWidth, int dstHeight)
    {
        var xTaps = Taps.Compute(srcWidth, dstWidth);
        var yTaps = Taps.Compute(srcHeight, dstHeight);
        var rowFloats = dstWidth * 4;
        var ringRows = yTaps.Count;
        var ring = new float[ringRows * rowFloats];
        var sourceRow = new float[srcWidth * 4];
        var nextRow = 0;

        fixed (float* ringBase = ring)
        fixed (float* srcRowF = sourceRow)
        fixed (float* xWeights = xTaps.Weights)
        fixed (float* yWeights = yTaps.Weights)
        {
            for (var y = 0; y < dstHeight; y++)
            {
                var first = yTaps.Starts[y];
                var last = first + yTaps.Count;
                for (; nextRow < last; nextRow++)
                {
                    ExpandRow(src + ((long)nextRow * srcStride), srcRowF, srcWidth);
                    HorizontalPass(srcRowF, ringBase + ((nextRow % ringRows) * rowFloats), xTaps, xWeights, dstWidth);
                }

                VerticalPass(ringBase, ringRows, rowFloats, first, yWeights + ((long)y * yTaps.Count), yTaps.Count, dst + ((long)y * dstWidth * 4));
            }
        }
    }

    /// <summary>Bytes to floats for one row, 4 pixels (16 bytes) at a time.</summary>
    private static void ExpandRow(byte* row, float* output, int width)
    {
        var count = width * 4;
        var i = 0;
        for (; i + 16 <= count; i += 16)
        {
            var bytes = Vector128.Load(row + i);
            var (lo, hi) = Vector128.Widen(bytes);
            var (a, b) = Vector128.Widen(lo);
            var (c, d) = Vector128.Widen(hi);
            Vector128.ConvertToSingle(a.AsInt32()).Store(output + i);
            Vector128.ConvertToSingle(b.AsInt32()).Store(output + i + 4);
            Vector128.ConvertToSingle(c.AsInt32()).Store(output + i + 8);
            Vector128.ConvertToSingle(d.AsInt32()).Store(output + i + 12);
        }

        for (; i < count; i++)
        {
            output[i] = row[i];
        }
    }

    private static void HorizontalPass(float* row, float* output, Taps taps, float* weights, int dstWidth)
    {
        var count = taps.Count;
        var starts = taps.Starts;
        for (var x = 0; x < dstWidth; x++)
        {
            var pixel = row + (starts[x] * 4);
            var w = weights + ((long)x * count);
            var acc0 = Vector128<float>.Zero;
            var acc1 = Vector128<float>.Zero;
            var k = 0;
            for (; k + 2 <= count; k += 2)
            {
                acc0 = MultiplyAdd(Vector128.Load(pixel + (k * 4)), Vector128.Create(w[k]), acc0);
                acc1 = MultiplyAdd(Vector128.Load(pixel + (k * 4) + 4), Vector128.Create(w[k + 1]), acc1);
            }

            if (k < count)
            {
                acc0 = MultiplyAdd(Vector128.Load(pixel + (k * 4)), Vector128.Create(w[k]), acc0);
            }

            (acc0 + acc1).Store(output + (x * 4));
        }
    }

    private static void VerticalPass(float* ring, int ringRows, int rowFloats, int firstRow, float* weights, int count, byte* output)
    {
        var min = Vector128<float>.Zero;
        var max = Vector128.Create(255f);
        var half = Vector128.Create(0.5f);
        var j = 0;
        for (; j + 16 <= rowFloats; j += 16)
        {
            Vector128<float> a = default, b = default, c = default, d = default;
            for (var k = 0; k < count; k++)
            {
                var r = ring + (((firstRow + k) % ringRows) * rowFloats) + j;
                var wk = Vector128.Create(weights[k]);
                a = MultiplyAdd(Vector128.Load(r), wk, a);
                b = MultiplyAdd(Vector128.Load(r + 4), wk, b);
                c = MultiplyAdd(Vector128.Load(r + 8), wk, c);
                d = MultiplyAdd(Vector128.Load(r + 12), wk, d);
            }

            var ia = Vector128.ConvertToInt32(Vector128.Min(Vector128.Max(a, min), max) + half);
            var ib = Vector128.ConvertToInt32(Vector128.Min(Vector128.Max(b, min), max) + half);
            var ic = Vector128.ConvertToInt32(Vector128.Min(Vector128.Max(c, min), max) + half);
            var id = Vector128.ConvertToInt32(Vector128.Min(Vector128.Max(d, min), max) + half);
            var lo = Vector128.Narrow(ia, ib);
            var hi = Vector128.Narrow(ic, id);
            Vector128.Narrow(lo.AsUInt16(), hi.AsUInt16()).Store(output + j);
        }

        for (; j < rowFloats; j++)
        {
            var sum = 0f;
            for (var k = 0; k < count; k++)
            {
                sum += ring[(((firstRow + k) % ringRows) * rowFloats) + j] * weights[k];
            }

            output[j] = (byte)(Math.Clamp(sum, 0f, 255f) + 0.5f);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> MultiplyAdd(Vector128<float> value, Vector128<float> weight, Vector128<float> accumulator) =>
        (value * weight) + accumulator;

    /// <summary>Lanczos-3 kernel: sinc(x) * sinc(x / 3) for |x| &lt; 3.</summary>
    public static double Kernel(double x)
    {
        x = Math.Abs(x);
        if (x < 1e-9)
        {
            return 1;
        }

        if (x >= Lobes)
        {
            return 0;
        }

        var px = Math.PI * x;
        return Lobes * Math.Sin(px) * Math.Sin(px / Lobes) / (px * px);
    }

    /// <summary>
    /// Per output pixel: the first source pixel and <see cref="Count"/> normalised weights (zero-padded, so every
    /// pixel has the same tap count and the inner loops have no edge cases).
    /// </summary>
    internal sealed class Taps
    {
        private Taps(int[] starts, float[] weights, int count)
        {
            Starts = starts;
            Weights = weights;
            Count = count;
        }

        public int[] Starts { get; }

        public float[] Weights { get; }

        public int Count { get; }

        public static Taps Compute(int sourceSize, int targetSize)
        {
            var scale = (double)sourceSize / targetSize;
            var filterScale = Math.Max(scale, 1.0);
            var support = Lobes * filterScale;
            var count = Math.Min(sourceSize, (int)Math.Ceiling(support) * 2 + 1);
            var starts = new int[targetSize];
            var weights = new float[targetSize * count];
            var scratch = new double[count];
            for (var i = 0; i < targetSize; i++)
            {
                // Pixel centres line up: source coordinate of output centre i + 0.5.
                var center = (i + 0.5) * scale;
                var first = Math.Max(0, (int)Math.Floor(center - support + 0.5));
                var end = Math.Min(sourceSize, (int)Math.Floor(center + support + 0.5));
                var start = Math.Min(first, sourceSize - count);
                Array.Clear(scratch);
                var total = 0.0;
                for (var s = first; s < end && s - start < count; s++)
                {
                    var w = Kernel((s + 0.5 - center) / filterScale);
                    scratch[s - start] = w;
                    total += w;
                }

                starts[i] = start;
                for (var k = 0; k < count; k++)
                {
                    weights[(i * count) + k] = (float)(total == 0 ? 0 : scratch[k] / total);
                }
            }

            return new Taps(starts, weights, count);
        }
    }
}
