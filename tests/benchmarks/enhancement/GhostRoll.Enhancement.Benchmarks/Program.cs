using System.Globalization;
using GhostRoll.Imaging.Codecs;
using GhostRoll.Imaging.Deriving;
using GhostRoll.Imaging.Enhancing;
using GhostRoll.Imaging.Pixels;
using GhostRoll.Media;
using GhostRoll.Pipeline;

// ghostroll-enhance-bench WORK_DIR PHOTO...
//   Makes each PHOTO's share image (2048 px, q90, through the real ImageDeriver; not timed) and a copy of it about
//   2 EV darker (codes halved, q92), then times PhotoEnhancer.Enhance on both in thread CPU time (immune to other
//   load on the machine): the median of 7 runs per picture after a warm-up run, both as local mode calls it (on the
//   pixels in memory) and from the JPEG (Lambda, ghostroll enhance), and the enhancer's steps (decode,
//   measure + choose, tone curve, apply, encode). Then the codec choices behind the enhancer's design on the same
//   pixels: each encoder layout (time, size, PSNR against the pixels it was given) and the fast inverse DCT. Prints
//   Markdown for docs/enhancement.md and leaves the share images in WORK_DIR/shares for run.sh's reference tools.
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: ghostroll-enhance-bench WORK_DIR PHOTO...");
    return 2;
}

const int Runs = 7;
var work = Directory.CreateDirectory(args[0]).FullName;
var shares = Directory.CreateDirectory(Path.Combine(work, "shares")).FullName;
var deriver = new ImageDeriver();
var options = new DeriveOptions(2048, 90, 512, 85, 200_000_000, Webp: false);
var inputs = new List<(string Name, byte[] Jpeg)>();
foreach (var photo in args[1..])
{
    var group = new MediaGroup("bench/" + Path.GetFileNameWithoutExtension(photo), [new GroupMember("DCIM/" + Path.GetFileName(photo), Path.GetFullPath(photo), MediaKind.Jpeg, "bench", new FileInfo(photo).Length)]);
    var outcome = await deriver.DeriveAsync(new DeriveRequest(group, work, options), CancellationToken.None);
    if (outcome.Error is not null)
    {
        Console.Error.WriteLine(outcome.Error);
        return 1;
    }

    var share = File.ReadAllBytes(Path.Combine(work, outcome.Variants.Single(v => v.Variant == VariantNames.Share).Path));
    var dark = Darker(share);
    inputs.Add((Path.GetFileName(photo), share));
    inputs.Add((Path.GetFileName(photo) + " (2 EV dark)", dark));
    File.WriteAllBytes(Path.Combine(shares, Path.GetFileNameWithoutExtension(photo) + ".jpg"), share);
    File.WriteAllBytes(Path.Combine(shares, Path.GetFileNameWithoutExtension(photo) + "-dark.jpg"), dark);
}

Console.WriteLine("| picture | size | recipe | local mode: from the pixels, ms (CPU) | from the JPEG (Lambda, CLI), ms (CPU) | decode | measure | curve | apply | encode |");
Console.WriteLine("|---|---|---|---:|---:|---:|---:|---:|---:|---:|");
List<double> totals = [], locals = [];
foreach (var (name, jpeg) in inputs)
{
    var result = PhotoEnhancer.Enhance(jpeg); // warm-up
    var whole = Median(Enumerable.Range(0, Runs).Select(_ => Cpu.Time(() => PhotoEnhancer.Enhance(jpeg))));
    totals.Add(whole);
    var local = Pixels.TimeLocal(jpeg, Runs);
    locals.Add(local);
    var steps = Steps.Measure(jpeg, result.Recipe);
    var (w, h) = Size(jpeg);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {w}x{h} | {(result.Changed ? "adjusted" : "neutral (copied)")} | {local:0.0} | {whole:0.0} | {steps.Decode:0.0} | {steps.Measure:0.0} | {steps.Curve:0.00} | {steps.Apply:0.0} | {steps.Encode:0.0} |"));
}

Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{inputs.Count} pictures, local mode (from the share pixels): median {Median(locals):0.0} ms, mean {locals.Average():0.0} ms, max {locals.Max():0.0} ms CPU per picture"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{inputs.Count} pictures, from the share JPEG (Lambda, ghostroll enhance): median {Median(totals):0.0} ms, mean {totals.Average():0.0} ms, max {totals.Max():0.0} ms CPU per picture"));
Console.WriteLine();
Choices.Report(inputs.Where(i => i.Name.EndsWith("(2 EV dark)", StringComparison.Ordinal)).Select(i => i.Jpeg).ToList());
return 0;

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
}

static unsafe (int Width, int Height) Size(byte[] jpeg)
{
    fixed (byte* p = jpeg)
    {
        var header = JpegDecoder.ReadHeader(p, jpeg.Length);
        return (header.Width, header.Height);
    }
}

static unsafe byte[] Darker(byte[] jpeg)
{
    fixed (byte* p = jpeg)
    {
        using var image = JpegDecoder.Decode(p, jpeg.Length, int.MaxValue, 200_000_000);
        for (var y = 0; y < image.Height; y++)
        {
            var row = image.Row(y);
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = (byte)(row[i] / 2);
            }
        }

        using var encoded = JpegEncoder.Encode(image, 92);
        return encoded.Span.ToArray();
    }
}

/// <summary>
/// Local mode's call: <see cref="PhotoEnhancer"/> on pixels already in memory, as the deriver holds the share
/// pixels it has just encoded. The pixels are the picture's, decoded beforehand and copied before each run (the
/// enhancer works in place); neither is timed. Median CPU ms of <paramref name="runs"/> runs.
/// </summary>
internal static unsafe class Pixels
{
    public static double TimeLocal(byte[] jpeg, int runs)
    {
        fixed (byte* p = jpeg)
        {
            using var decoded = JpegDecoder.Decode(p, jpeg.Length, int.MaxValue, PhotoEnhancer.MaxPixels);
            var times = new List<double>(runs);
            for (var run = 0; run <= runs; run++)
            {
                using var copy = RgbxImage.Allocate(decoded.Width, decoded.Height);
                for (var y = 0; y < decoded.Height; y++)
                {
                    decoded.Row(y).CopyTo(copy.Row(y));
                }

                var time = Cpu.Time(() => PhotoEnhancer.Enhance(copy, () => jpeg));
                if (run > 0)
                {
                    times.Add(time); // run 0 is the warm-up
                }
            }

            return times.Order().ElementAt(times.Count / 2);
        }
    }
}

/// <summary>The enhancer's steps one by one (the same calls <see cref="PhotoEnhancer.Enhance"/> makes), median CPU ms of 7 runs.</summary>
internal static unsafe class Steps
{
    public static (double Decode, double Measure, double Curve, double Apply, double Encode) Measure(byte[] jpeg, EnhanceRecipe recipe)
    {
        List<double> decode = [], measure = [], curve = [], apply = [], encode = [];
        for (var run = 0; run < 7; run++)
        {
            fixed (byte* p = jpeg)
            {
                RgbxImage? image = null;
                var data = (nint)p; // a fixed local cannot be used inside a lambda
                decode.Add(Cpu.Time(() => image = JpegDecoder.Decode((byte*)data, jpeg.Length, int.MaxValue, PhotoEnhancer.MaxPixels)));
                using var decoded = image!;
                measure.Add(Cpu.Time(() => AutoRecipe.Choose(ToneStatistics.Measure(decoded))));
                byte[] lut = [];
                curve.Add(Cpu.Time(() => lut = ToneCurve.Build(recipe)));
                apply.Add(Cpu.Time(() => ToneMapper.Apply(decoded, lut, recipe.Vibrance)));
                encode.Add(Cpu.Time(() => JpegEncoder.Encode(decoded, PhotoEnhancer.Quality, PhotoEnhancer.Layout).Dispose()));
            }
        }

        static double M(List<double> v) => v.Order().ElementAt(v.Count / 2);
        return (M(decode), M(measure), M(curve), M(apply), M(encode));
    }
}

/// <summary>
/// The codec choices behind the enhancer, on the dark copies (every one is re-encoded): every encoder layout at
/// quality 92 on the decoded pixels (median CPU ms of 5 runs, summed size, PSNR of the decoded result against the pixels given), and
/// libjpeg-turbo's fast inverse DCT against the accurate one on the decode.
/// </summary>
internal static unsafe class Choices
{
    private static readonly (string Name, JpegLayout Layout)[] Layouts =
    [
        ("progressive 4:4:4 (before)", new JpegLayout(Progressive: true, FullChroma: true)),
        ("baseline 4:4:4, standard Huffman", new JpegLayout(Progressive: false, FullChroma: true)),
        ("baseline 4:4:4, optimised Huffman", new JpegLayout(Progressive: false, FullChroma: true, OptimizeHuffman: true)),
        ("baseline 4:4:4, standard Huffman, fast DCT", new JpegLayout(Progressive: false, FullChroma: true, FastDct: true)),
        ("baseline 4:2:0, standard Huffman", new JpegLayout(Progressive: false, FullChroma: false)),
        ("baseline 4:2:0, optimised Huffman", new JpegLayout(Progressive: false, FullChroma: false, OptimizeHuffman: true)),
    ];

    public static void Report(List<byte[]> jpegs)
    {
        var times = Layouts.Select(_ => new List<double>()).ToArray();
        var sizes = new long[Layouts.Length];
        var psnr = Layouts.Select(_ => new List<double>()).ToArray();
        var decodes = Layouts.Select(_ => new List<double>()).ToArray();
        List<double> accurate = [], fast = [], fastPsnr = [];
        foreach (var jpeg in jpegs)
        {
            fixed (byte* p = jpeg)
            {
                var data = (nint)p;
                using var pixels = JpegDecoder.Decode(p, jpeg.Length, int.MaxValue, PhotoEnhancer.MaxPixels);
                accurate.Add(Median(5, () => JpegDecoder.Decode((byte*)data, jpeg.Length, int.MaxValue, PhotoEnhancer.MaxPixels).Dispose()));
                fast.Add(Median(5, () => JpegDecoder.Decode((byte*)data, jpeg.Length, int.MaxValue, PhotoEnhancer.MaxPixels, fastDct: true).Dispose()));
                using (var quick = JpegDecoder.Decode(p, jpeg.Length, int.MaxValue, PhotoEnhancer.MaxPixels, fastDct: true))
                {
                    fastPsnr.Add(Psnr(pixels, quick));
                }

                for (var i = 0; i < Layouts.Length; i++)
                {
                    var layout = Layouts[i].Layout;
                    times[i].Add(Median(5, () => JpegEncoder.Encode(pixels, PhotoEnhancer.Quality, layout).Dispose()));
                    using var encoded = JpegEncoder.Encode(pixels, PhotoEnhancer.Quality, layout);
                    sizes[i] += (long)encoded.Span.Length;
                    fixed (byte* e = encoded.Span)
                    {
                        using var back = JpegDecoder.Decode(e, encoded.Span.Length, int.MaxValue, PhotoEnhancer.MaxPixels);
                        psnr[i].Add(Psnr(pixels, back));
                        var file = (nint)e;
                        var length = encoded.Span.Length;
                        decodes[i].Add(Median(3, () => JpegDecoder.Decode((byte*)file, length, int.MaxValue, PhotoEnhancer.MaxPixels).Dispose()));
                    }
                }
            }
        }

        Console.WriteLine($"Encoder layouts at quality {PhotoEnhancer.Quality} on the {jpegs.Count} decoded dark copies (median of per-picture medians of 5 runs; PSNR of the decoded file against the pixels encoded, mean over pictures; enhancer: {PhotoEnhancer.Layout}):");
        Console.WriteLine();
        Console.WriteLine("| layout | encode ms (CPU) | total size | PSNR dB | decoding it again, ms (CPU) |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        for (var i = 0; i < Layouts.Length; i++)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {Layouts[i].Name} | {Middle(times[i]):0.0} | {sizes[i] / 1024.0 / 1024.0:0.00} MB | {psnr[i].Average():0.00} | {Middle(decodes[i]):0.0} |"));
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Decode, accurate inverse DCT: median {Middle(accurate):0.0} ms; fast inverse DCT: {Middle(fast):0.0} ms, PSNR of the fast decode against the accurate one {fastPsnr.Average():0.00} dB (min {fastPsnr.Min():0.00})."));
    }

    private static double Median(int runs, Action action) => Middle(Enumerable.Range(0, runs).Select(_ => Cpu.Time(action)).ToList());

    private static double Middle(List<double> values) => values.Order().ElementAt(values.Count / 2);

    /// <summary>PSNR over the R, G and B codes of two pictures of the same size.</summary>
    private static double Psnr(RgbxImage a, RgbxImage b)
    {
        double sum = 0;
        for (var y = 0; y < a.Height; y++)
        {
            var ra = a.Row(y);
            var rb = b.Row(y);
            for (var x = 0; x < a.Width * RgbxImage.BytesPerPixel; x++)
            {
                if (x % RgbxImage.BytesPerPixel != 3)
                {
                    var d = ra[x] - rb[x];
                    sum += d * d;
                }
            }
        }

        var mse = sum / ((double)a.Width * a.Height * 3);
        return mse == 0 ? 99 : 10 * Math.Log10(255.0 * 255.0 / mse);
    }
}

/// <summary>This thread's CPU time (CLOCK_THREAD_CPUTIME_ID), so other load on a shared machine does not count.</summary>
internal static unsafe partial class Cpu
{
    public static double Time(Action action)
    {
        var start = Now();
        action();
        return Now() - start;
    }

    private static double Now()
    {
        Timespec t;
        _ = ClockGetTime(3, &t);
        return (t.Seconds * 1000.0) + (t.Nanoseconds / 1e6);
    }

    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [System.Runtime.InteropServices.LibraryImport("libc.so.6", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, Timespec* time);
}
