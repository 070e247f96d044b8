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
        var photos = new Dictionary<string, int>(); // how many photos each step ran for (turned ones differ)
        void Add(string stage, double ms)
        {
            totals[stage] = totals.GetValueOrDefault(stage) + ms;
            photos[stage] = photos.GetValueOrDefault(stage) + 1;
        }

        // The deriver reuses pixel buffers through its budget's pool; the steps here do the same.
        var pool = new PixelPool();
        for (var pass = 0; pass < 2; pass++)
        {
            totals.Clear(); // the first pass warms caches (and the JIT when not AOT)
            photos.Clear();
            foreach (var file in files)
            {
                var bytes = File.ReadAllBytes(file);
                var orientation = Psnr.OrientationOf(bytes);
                fixed (byte* p = bytes)
                {
                    var t = Cpu();
                    using var decoded = JpegDecoder.Decode(p, bytes.Length, 2048, 200_000_000, pool);
                    Add("decode", Cpu() - t);
                    var (sw, sh) = Deriving.ImageDeriver.Fit(decoded.Width, decoded.Height, 2048);
                    t = Cpu();
                    using var share = LanczosResampler.Resize(decoded, sw, sh, orientation, pool);
                    Add(Orientation.SwapsAxes(orientation) ? "resize + turn (EXIF 5-8)" : "resize (EXIF 1-4)", Cpu() - t);
                    t = Cpu();
                    var (tw, th) = Deriving.ImageDeriver.Fit(share.Width, share.Height, 512);
                    using var thumb = LanczosResampler.Resize(share, tw, th, pool: pool);
                    Add("thumb resize", Cpu() - t);

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

        foreach (var (stage, ms) in totals)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{stage,-28} {ms / photos[stage],8:0.0} ms/photo"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"total",-28} {totals.Values.Sum() / files.Length,8:0.0} ms/photo"));
        return 0;
    }

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
