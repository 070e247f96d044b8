using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;

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

    /// <summary>Where the taps' window ends, in lobes: the kernel is below 0.0012 beyond (see <see cref="Taps.Compute"/>).</summary>
    private const double WindowLobes = 2.9;

    /// <summary>Rows turned together for EXIF 5-8: 16 RGBX pixels are one 64-byte cache line of the destination.</summary>
    private const int TurnBlock = 16;

    /// <summary>
    /// Resizes to <paramref name="width"/> x <paramref name="height"/> (stored orientation) and writes the result
    /// already turned by EXIF <paramref name="orientation"/>, so turning costs no extra pass and no extra buffer.
    /// </summary>
    public static RgbxImage Resize(RgbxImage source, int width, int height, int orientation = 1, PixelPool? pool = null)
    {
        orientation = Orientation.Normalize(orientation);
        var swap = Orientation.SwapsAxes(orientation);
        var result = RgbxImage.Allocate(swap ? height : width, swap ? width : height, pool);
        try
        {
            Resize(source.Pointer, source.Width, source.Height, source.Stride, result.Pointer, width, height, orientation, pool);
            return result;
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }

    public static void Resize(byte* src, int srcWidth, int srcHeight, int srcStride, byte* dst, int dstWidth, int dstHeight, int orientation, PixelPool? pool = null)
    {
        // Pre-shrink by exact 2x2 box averages while the factor stays >= 2 afterwards (the "reducing gap" of
        // Pillow/libvips): a 4x thumbnail step then needs 12 Lanczos taps per axis instead of 24, and a box
        // average before a >= 2x Lanczos step is invisible at thumbnail size.
        if (srcWidth >= dstWidth * 4 && srcHeight >= dstHeight * 4)
        {
            int halfW = srcWidth / 2, halfH = srcHeight / 2;
            using var half = NativeBlock.Allocate(RgbxImage.BytesFor(halfW, halfH), "resampling", pool);
            BoxHalve(src, srcStride, half.Pointer, halfW, halfH);
            Resize(half.Pointer, halfW, halfH, halfW * 4, dst, dstWidth, dstHeight, orientation, pool);
            return;
        }

        var xTaps = Taps.Compute(srcWidth, dstWidth);
        var yTaps = Taps.Compute(srcHeight, dstHeight);
        var rowFloats = dstWidth * 4;
        // Source rows are filtered in pairs (the pair shares every weight load), so the ring holds one row ahead.
        var ringRows = yTaps.Count + 1;
        var ring = new float[ringRows * rowFloats];
        var sourceRows = new float[srcWidth * 4 * 2];
        var nextRow = 0;

        // Horizontal weights pre-broadcast to all four lanes: one load per tap instead of load + shuffle.
        var broadcast = new Vector128<float>[xTaps.Weights.Length];
        for (var i = 0; i < broadcast.Length; i++)
        {
            broadcast[i] = Vector128.Create(xTaps.Weights[i]);
        }

        // Upright output rows go straight to the destination. Mirrored ones (2-4) go through one scratch row. Rows
        // that become columns (5-8) are collected in a block of TurnBlock rows first: written one pixel per
        // destination row at a time, every store would touch a new cache line; a block fills TurnBlock neighbouring
        // pixels (one 64-byte line) of each destination row at once (measured: the 45 MP turn went from +14 ms to
        // +2 ms per photo).
        var turns = Orientation.SwapsAxes(orientation);
        var scratch = orientation == 1 ? null : new byte[dstWidth * 4 * (turns ? TurnBlock : 1)];
        fixed (float* ringBase = ring)
        fixed (float* srcRowF = sourceRows)
        fixed (Vector128<float>* xWeights = broadcast)
        fixed (float* yWeights = yTaps.Weights)
        fixed (byte* scratchRow = scratch)
        {
            var rowOut = orientation == 1 ? dst : scratchRow;
            for (var y = 0; y < dstHeight; y++)
            {
                var first = yTaps.Starts[y];
                var last = first + yTaps.Count;
                while (nextRow < last)
                {
                    var outA = ringBase + ((nextRow % ringRows) * rowFloats);
                    ExpandRow(src + ((long)nextRow * srcStride), srcRowF, srcWidth);
                    if (nextRow + 1 < srcHeight)
                    {
                        var srcRowF2 = srcRowF + (srcWidth * 4);
                        ExpandRow(src + ((long)(nextRow + 1) * srcStride), srcRowF2, srcWidth);
                        HorizontalPass(srcRowF, srcRowF2, outA, ringBase + (((nextRow + 1) % ringRows) * rowFloats), xTaps, xWeights, dstWidth);
                        nextRow += 2;
                    }
                    else
                    {
                        HorizontalPass(srcRowF, srcRowF, outA, outA, xTaps, xWeights, dstWidth);
                        nextRow++;
                    }
                }

                if (turns)
                {
                    var inBlock = y % TurnBlock;
                    VerticalPass(ringBase, ringRows, rowFloats, first, yWeights + ((long)y * yTaps.Count), yTaps.Count, scratchRow + (inBlock * rowFloats));
                    if (inBlock == TurnBlock - 1 || y == dstHeight - 1)
                    {
                        TurnBlockOut((uint*)scratchRow, (uint*)dst, dstWidth, dstHeight, y - inBlock, inBlock + 1, orientation);
                    }

                    continue;
                }

                VerticalPass(ringBase, ringRows, rowFloats, first, yWeights + ((long)y * yTaps.Count), yTaps.Count, rowOut);
                if (orientation != 1)
                {
                    Mirror((uint*)rowOut, (uint*)dst, dstWidth, dstHeight, y, orientation);
                }
                else
                {
                    rowOut += dstWidth * 4;
                }
            }
        }
    }

    /// <summary>
    /// Places one resampled row (stored orientation) of a mirrored picture (EXIF 2, 3, 4: rows stay rows). For
    /// stored pixel (x, y) of a w x h image the displayed index is base(y) + x * step (CIPA DC-008 Table 7).
    /// </summary>
    private static void Mirror(uint* row, uint* dst, int w, int h, int y, int orientation)
    {
        var (start, step) = orientation switch
        {
            2 => (((long)y * w) + w - 1, -1L),
            3 => (((long)(h - 1 - y) * w) + w - 1, -1L),
            _ => ((long)(h - 1 - y) * w, 1L), // 4
        };
        var d = dst + start;
        for (var x = 0; x < w; x++)
        {
            *d = row[x];
            d += step;
        }
    }

    /// <summary>
    /// Places <paramref name="rows"/> resampled rows starting at stored row <paramref name="y0"/> of a turned picture
    /// (EXIF 5-8: stored rows become displayed columns; displayed width is h). Stored pixel (x, y) lands at
    /// base + x * step + (y - y0) * direction, so each x writes <paramref name="rows"/> adjacent pixels.
    /// </summary>
    private static void TurnBlockOut(uint* block, uint* dst, int w, int h, int y0, int rows, int orientation)
    {
        var (start, step, direction) = orientation switch
        {
            5 => ((long)y0, (long)h, 1),
            6 => ((long)(h - 1 - y0), (long)h, -1),
            7 => (((long)(w - 1) * h) + h - 1 - y0, -(long)h, -1),
            _ => (((long)(w - 1) * h) + y0, -(long)h, 1), // 8
        };
        for (var x = 0; x < w; x++)
        {
            var d = dst + start + (x * step);
            var s = block + x;
            for (var j = 0; j < rows; j++, d += direction, s += w)
            {
                *d = *s;
            }
        }
    }

    /// <summary>Exact 2x2 box average (rounded) of RGBX pixels into a half-size buffer.</summary>
    private static void BoxHalve(byte* src, int srcStride, byte* dst, int halfW, int halfH)
    {
        var two = Vector128.Create((ushort)2);
        for (var y = 0; y < halfH; y++)
        {
            var a = src + ((long)(2 * y) * srcStride);
            var b = a + srcStride;
            var o = dst + ((long)y * halfW * 4);
            var x = 0;

            // 4 output pixels from 2 x 8 source pixels (2 x 32 bytes) per step.
            for (; x + 4 <= halfW; x += 4)
            {
                var (a0, a1) = Simd.WidenToUInt16(Vector128.Load(a + (x * 8)));
                var (a2, a3) = Simd.WidenToUInt16(Vector128.Load(a + (x * 8) + 16));
                var (b0, b1) = Simd.WidenToUInt16(Vector128.Load(b + (x * 8)));
                var (b2, b3) = Simd.WidenToUInt16(Vector128.Load(b + (x * 8) + 16));
                // Column sums of the two rows, then each pixel pair's sum: lanes 0-3 + lanes 4-7 of every vector.
                var lo = Simd.AddHalves(a0 + b0, a1 + b1); // output pixels 0, 1
                var hi = Simd.AddHalves(a2 + b2, a3 + b3); // output pixels 2, 3
                lo = Vector128.ShiftRightLogical(lo + two, 2);
                hi = Vector128.ShiftRightLogical(hi + two, 2);
                Simd.NarrowToBytes(lo, hi).Store(o + (x * 4));
            }

            for (; x < halfW; x++)
            {
                for (var c = 0; c < 4; c++)
                {
                    o[(x * 4) + c] = (byte)((a[(x * 8) + c] + a[(x * 8) + 4 + c] + b[(x * 8) + c] + b[(x * 8) + 4 + c] + 2) >> 2);
                }
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
            var (a, b, c, d) = Simd.WidenToInt32(Vector128.Load(row + i));
            Vector128.ConvertToSingle(a).Store(output + i);
            Vector128.ConvertToSingle(b).Store(output + i + 4);
            Vector128.ConvertToSingle(c).Store(output + i + 8);
            Vector128.ConvertToSingle(d).Store(output + i + 12);
        }

        for (; i < count; i++)
        {
            output[i] = row[i];
        }
    }

    /// <summary>
    /// Two source rows to dstWidth output pixels each (the same row twice at the bottom edge): every weight is
    /// loaded once for both rows, and the four accumulators keep the multiply-add units busy. Pointers walk forward
    /// (the weights of pixel x + 1 follow those of x), so the inner loop is loads and multiply-adds only: indexed
    /// addressing cost ~14 integer instructions per two taps in the AOT code.
    /// </summary>
    private static void HorizontalPass(float* rowA, float* rowB, float* outA, float* outB, Taps taps, Vector128<float>* weights, int dstWidth)
    {
        var count = taps.Count;
        var w = weights;
        fixed (int* starts = taps.Starts)
        {
            for (var x = 0; x < dstWidth; x++)
            {
                var offset = (long)starts[x] * 4;
                var a = rowA + offset;
                var b = rowB + offset;
                var end = w + count;
                Vector128<float> a0 = default, a1 = default, b0 = default, b1 = default;
                for (; w + 2 <= end; w += 2, a += 8, b += 8)
                {
                    var w0 = w[0];
                    var w1 = w[1];
                    a0 = MultiplyAdd(Vector128.Load(a), w0, a0);
                    b0 = MultiplyAdd(Vector128.Load(b), w0, b0);
                    a1 = MultiplyAdd(Vector128.Load(a + 4), w1, a1);
                    b1 = MultiplyAdd(Vector128.Load(b + 4), w1, b1);
                }

                if (w < end)
                {
                    a0 = MultiplyAdd(Vector128.Load(a), w[0], a0);
                    b0 = MultiplyAdd(Vector128.Load(b), w[0], b0);
                    w++;
                }

                (a0 + a1).Store(outA + (x * 4));
                (b0 + b1).Store(outB + (x * 4));
            }
        }
    }

    private static void VerticalPass(float* ring, int ringRows, int rowFloats, int firstRow, float* weights, int count, byte* output)
    {
        // The taps' ring rows, resolved once per output row (no modulo in the inner loop).
        var rows = stackalloc float*[count];
        for (var k = 0; k < count; k++)
        {
            rows[k] = ring + (((firstRow + k) % ringRows) * rowFloats);
        }

        // The *Native forms map to one instruction each (cvttps2dq, minps/maxps; NEON fcvtzs, fmin/fmax). The
        // IEEE/saturating portable forms need SSE4.1 and are emulated on the x86-64 AOT baseline. Values here are
        // finite and clamped first, so both give the same result.
        var min = Vector128<float>.Zero;
        var max = Vector128.Create(255f);
        var half = Vector128.Create(0.5f);
        var broadcast = stackalloc Vector128<float>[count];
        for (var k = 0; k < count; k++)
        {
            broadcast[k] = Vector128.Create(weights[k]);
        }

        var j = 0;
        for (; j + 16 <= rowFloats; j += 16)
        {
            Vector128<float> a = default, b = default, c = default, d = default;
            for (var k = 0; k < count; k++)
            {
                var r = rows[k] + j;
                var wk = broadcast[k];
                a = MultiplyAdd(Vector128.Load(r), wk, a);
                b = MultiplyAdd(Vector128.Load(r + 4), wk, b);
                c = MultiplyAdd(Vector128.Load(r + 8), wk, c);
                d = MultiplyAdd(Vector128.Load(r + 12), wk, d);
            }

            var ia = Vector128.ConvertToInt32Native(Vector128.MinNative(Vector128.MaxNative(a, min), max) + half);
            var ib = Vector128.ConvertToInt32Native(Vector128.MinNative(Vector128.MaxNative(b, min), max) + half);
            var ic = Vector128.ConvertToInt32Native(Vector128.MinNative(Vector128.MaxNative(c, min), max) + half);
            var id = Vector128.ConvertToInt32Native(Vector128.MinNative(Vector128.MaxNative(d, min), max) + half);
            Simd.NarrowToBytes(ia, ib, ic, id).Store(output + j);
        }

        for (; j < rowFloats; j++)
        {
            var sum = 0f;
            for (var k = 0; k < count; k++)
            {
                sum += rows[k][j] * weights[k];
            }

            output[j] = (byte)(Math.Clamp(sum, 0f, 255f) + 0.5f);
        }
    }

    /// <summary>
    /// value * weight + accumulator. On ARMv8 (the Pi) NEON's FMLA is part of the baseline, so AOT code uses it
    /// directly. On x86-64 a plain multiply and add: the Native AOT baseline has no FMA3, and the cross-platform
    /// FusedMultiplyAdd then takes a scalar software path (measured 3x slower for the whole resize).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> MultiplyAdd(Vector128<float> value, Vector128<float> weight, Vector128<float> accumulator) =>
        AdvSimd.IsSupported ? AdvSimd.FusedMultiplyAdd(accumulator, value, weight) : (value * weight) + accumulator;

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
            // The window stops where the kernel is below 0.0012 (|x| > 2.9 of its 3 lobes): those taps move an 8-bit
            // result by less than a third of a level, and dropping them saves one tap of seven at the 45 MP step
            // (2064 -> 2048 px). Every extra tap is a multiply-add per pixel.
            var support = WindowLobes * filterScale;
            var count = 1;
            for (var i = 0; i < targetSize; i++)
            {
                var c = (i + 0.5) * scale;
                var f = Math.Max(0, (int)Math.Floor(c - support + 0.5));
                var e = Math.Min(sourceSize, (int)Math.Floor(c + support + 0.5));
                count = Math.Max(count, e - f);
            }

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
