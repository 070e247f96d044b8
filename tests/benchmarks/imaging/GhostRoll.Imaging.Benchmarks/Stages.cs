using System.Globalization;
using GhostRoll.Imaging.Codecs;
using GhostRoll.Imaging.Interop;
using GhostRoll.Imaging.Pixels;

namespace GhostRoll.Imaging.Benchmarks;

/// <summary>Per-stage CPU cost on a set of photos (thread CPU time, so other load on the machine does not count).</summary>
internal static unsafe partial class Stages
{
    public static int Run(string[] files)
    {
        var totals = new Dictionary<string, double>();
        var warmedUp = false;
        void Add(string stage, double ms) => totals[stage] = totals.GetValueOrDefault(stage) + ms;
        foreach (var file in files.Concat(files))
        {
            if (ReferenceEquals(file, files[0]) && totals.Count > 0 && !warmedUp)
            {
                totals.Clear(); // first pass warms the JIT and the page cache
                warmedUp = true;
            }

            var bytes = File.ReadAllBytes(file);
            fixed (byte* p = bytes)
            {
                var header = JpegDecoder.ReadHeader(p, bytes.Length);
                foreach (var (label, num, denom, flags) in new[] { ("decode 3/8", 3, 8, 0), ("decode 1/2", 1, 2, 0), ("decode 1/2 fastdct", 1, 2, 2048), ("decode 3/8 fastupsample", 3, 8, 256) })
                {
                    var w = JpegDecoder.Scaled(header.Width, (num, denom));
                    var h = JpegDecoder.Scaled(header.Height, (num, denom));
                    using var img = RgbxImage.Allocate(w, h);
                    using var lease = TurboJpegPool.Decompressor();
                    var t = Cpu();
                    _ = TurboJpeg.Decompress2(lease.Handle, p, (nuint)bytes.Length, img.Pointer, w, img.Stride, h, TurboJpeg.TJPF_RGBX, flags);
                    Add(label, Cpu() - t);
                    if (label == "decode 3/8" || label == "decode 1/2")
                    {
                        t = Cpu();
                        using var share = LanczosResampler.Resize(img, 2048, (int)Math.Round(2048.0 * h / w));
                        Add("resize from " + label[7..], Cpu() - t);
                        if (label == "decode 3/8")
                        {
                            t = Cpu();
                            using var turned = LanczosResampler.Resize(img, 2048, (int)Math.Round(2048.0 * h / w), 6);
                            Add("resize from 3/8 + orient 6", Cpu() - t);
                            t = Cpu();
                            using var thumb = LanczosResampler.Resize(share, 512, 341);
                            Add("thumb resize", Cpu() - t);
                            t = Cpu();
                            using (JpegEncoder.Encode(share, 90, progressive: true))
                            {
                            }

                            Add("encode share progressive", Cpu() - t);
                            t = Cpu();
                            using (JpegEncoder.Encode(share, 90, progressive: false))
                            {
                            }

                            Add("encode share baseline", Cpu() - t);
                            foreach (var (name, samp, fl) in new[] { ("prog 444 fastdct", TurboJpeg.TJSAMP_444, TurboJpeg.TJFLAG_PROGRESSIVE | 2048), ("prog 420", TurboJpeg.TJSAMP_420, TurboJpeg.TJFLAG_PROGRESSIVE), ("prog 444", TurboJpeg.TJSAMP_444, TurboJpeg.TJFLAG_PROGRESSIVE) })
                            {
                                using var c = TurboJpegPool.Compressor();
                                byte* o = null;
                                nuint sz = 0;
                                t = Cpu();
                                _ = TurboJpeg.Compress2(c.Handle, share.Pointer, share.Width, share.Stride, share.Height, TurboJpeg.TJPF_RGBX, ref o, ref sz, samp, 90, fl);
                                Add("encode share " + name, Cpu() - t);
                                using var buf = new TurboJpegBuffer(o, sz);
                            }
                            t = Cpu();
                            using (JpegEncoder.Encode(thumb, 85, progressive: true))
                            {
                            }

                            Add("encode thumb progressive", Cpu() - t);
                            t = Cpu();
                            using (WebpEncoder.Encode(share, 90))
                            {
                            }

                            Add("webp share", Cpu() - t);
                        }
                    }
                }
            }
        }

        foreach (var (stage, ms) in totals)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{stage,-28} {ms / files.Length,8:0.0} ms/photo"));
        }

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
