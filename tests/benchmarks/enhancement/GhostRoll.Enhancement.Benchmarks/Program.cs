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
//   load on the machine): the median of 7 runs per picture after a warm-up run, and the enhancer's steps (decode,
//   measure + choose, tone curve, apply, encode). Prints a Markdown table for docs/enhancement.md.
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: ghostroll-enhance-bench WORK_DIR PHOTO...");
    return 2;
}

const int Runs = 7;
var work = Directory.CreateDirectory(args[0]).FullName;
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
    inputs.Add((Path.GetFileName(photo), share));
    inputs.Add((Path.GetFileName(photo) + " (2 EV dark)", Darker(share)));
}

Console.WriteLine("| picture | size | recipe | enhance ms (CPU) | decode | measure | curve | apply | encode |");
Console.WriteLine("|---|---|---|---:|---:|---:|---:|---:|---:|");
var totals = new List<double>();
foreach (var (name, jpeg) in inputs)
{
    var result = PhotoEnhancer.Enhance(jpeg); // warm-up
    var whole = Median(Enumerable.Range(0, Runs).Select(_ => Cpu.Time(() => PhotoEnhancer.Enhance(jpeg))));
    totals.Add(whole);
    var steps = Steps.Measure(jpeg, result.Recipe);
    var (w, h) = Size(jpeg);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {w}x{h} | {(result.Changed ? "adjusted" : "neutral (copied)")} | {whole:0.0} | {steps.Decode:0.0} | {steps.Measure:0.0} | {steps.Curve:0.00} | {steps.Apply:0.0} | {steps.Encode:0.0} |"));
}

Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{inputs.Count} pictures: median {Median(totals):0.0} ms, mean {totals.Average():0.0} ms, max {totals.Max():0.0} ms CPU per picture"));
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
                encode.Add(Cpu.Time(() => JpegEncoder.Encode(decoded, PhotoEnhancer.Quality).Dispose()));
            }
        }

        static double M(List<double> v) => v.Order().ElementAt(v.Count / 2);
        return (M(decode), M(measure), M(curve), M(apply), M(encode));
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
