using System.Globalization;
using GhostRoll.Imaging.Codecs;
using GhostRoll.Imaging.Interop;
using GhostRoll.Imaging.Pixels;

namespace GhostRoll.Imaging.Benchmarks;

/// <summary>Per-stage CPU cost on a set of photos (thread CPU time, so other load on the machine does not count).</summary>
internal static unsafe partial class Stages
{
    /// <summary>The deriver's own steps on each photo (its scale, its orientation), CPU ms per step.</summary>
    public static int Run(string[] files)
    {
        var totals = new Dictionary<string, double>();
        void Add(string stage, double ms) => totals[stage] = totals.GetValueOrDefault(stage) + ms;
        for (var pass = 0; pass < 2; pass++)
        {
            totals.Clear(); // the first pass warms caches (and the JIT when not AOT)
            foreach (var file in files)
            {
                var bytes = File.ReadAllBytes(file);
                var orientation = Orient(bytes);
                fixed (byte* p = bytes)
                {
                    var t = Cpu();
                    using var decoded = JpegDecoder.Decode(p, bytes.Length, 2048, 200_000_000);
                    Add("decode", Cpu() - t);
                    var (sw, sh) = Deriving.ImageDeriver.Fit(decoded.Width, decoded.Height, 2048);
                    t = Cpu();
                    using var share = LanczosResampler.Resize(decoded, sw, sh, orientation);
                    Add("resize + orient " + (orientation is 1 or 3 ? "1/3" : "6/8"), Cpu() - t);
                    t = Cpu();
                    var (tw, th) = Deriving.ImageDeriver.Fit(share.Width, share.Height, 512);
                    using var thumb = LanczosResampler.Resize(share, tw, th);
                    Add("thumb resize", Cpu() - t);
                    if (Environment.GetEnvironmentVariable("STAGES_DETAIL") == "1")
                    {
                        t = Cpu();
                        using (LanczosResampler.Resize(share, share.Width / 2, share.Height / 2))
                        {
                        }

                        Add("detail: lanczos 2x of share", Cpu() - t);
                        t = Cpu();
                        using (LanczosResampler.Resize(decoded, decoded.Width, decoded.Height))
                        {
                        }

                        Add("detail: lanczos 1:1 of decoded", Cpu() - t);
                    }

                    t = Cpu();
                    using (JpegEncoder.Encode(share, 90))
                    {
                    }

                    Add("share encode", Cpu() - t);
                    t = Cpu();
                    using (JpegEncoder.Encode(thumb, 85))
                    {
                    }

                    Add("thumb encode", Cpu() - t);
                }
            }
        }

        var counts = files.Select(f => Orient(File.ReadAllBytes(f))).ToList();
        foreach (var (stage, ms) in totals)
        {
            var n = stage.StartsWith("resize + orient", StringComparison.Ordinal)
                ? counts.Count(o => stage.EndsWith("1/3", StringComparison.Ordinal) == o is 1 or 3)
                : files.Length;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{stage,-28} {ms / n,8:0.0} ms/photo"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"total",-28} {totals.Values.Sum() / files.Length,8:0.0} ms/photo"));
        return 0;
    }

    private static int Orient(byte[] jpeg) =>
        JpegSegments.Read(jpeg).Exif is { } e ? Metadata.ExifReader.Read(jpeg.AsSpan(e.Offset, e.Length)).Orientation ?? 1 : 1;

    /// <summary>This thread's CPU time in ms (CLOCK_THREAD_CPUTIME_ID): immune to other load on the machine.</summary>
    private static double Cpu()
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
