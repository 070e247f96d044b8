using System.Diagnostics;
using System.Globalization;
using GhostRoll.Imaging.Codecs;
using GhostRoll.Imaging.Deriving;
using GhostRoll.Imaging.Pixels;
using GhostRoll.Media;
using GhostRoll.Pipeline;

// ghostroll-imaging-bench derive OUT_DIR [--workers N] [--webp] [--budget-mb M] FILE...
//   Derives share + thumbnail for every FILE with N concurrent workers (default 1) through the real ImageDeriver,
//   then prints one line: images, seconds, peak RSS (VmHWM), budget peak. Used for throughput and peak-RSS runs.
// ghostroll-imaging-bench psnr ORIGINAL CANDIDATE...
//   Decodes ORIGINAL at full size (accurate IDCT), applies its EXIF orientation, downsizes it with a
//   double-precision Lanczos-3 to each CANDIDATE's size and prints PSNR (dB) of each candidate against it.
// ghostroll-imaging-bench floor FILE...
//   The floor: one DCT-scaled decode per photo plus two encodes with the same settings as the deriver (a share-size
//   crop of the decoded pixels, a thumbnail-size crop), no resampling, no orientation. Prints images and seconds.
// ghostroll-imaging-bench stages FILE...
//   The deriver's steps on each photo (its DCT scale, its orientation), thread CPU ms per step: decode, resize with
//   orientation, thumbnail resize, share encode, thumbnail encode.
// ghostroll-imaging-bench webp-match FILE...
//   For each photo: our share and thumbnail pixels; JPEG at 90/85; the lowest WebP quality whose SSIM (luma, 8x8
//   windows, stride 4) against the same pixels is at least the JPEG's; prints both sizes.
return args.Length == 0 ? 2 : args[0] switch
{
    "psnr" => Psnr.Run(args[1..]),
    "floor" => Floor.Run(args[1..]),
    "webp-match" => WebpMatch.Run(args[1..]),
    "stages" => GhostRoll.Imaging.Benchmarks.Stages.Run(args[1..]),
    "quality-probe" => GhostRoll.Imaging.Benchmarks.QualityProbe.Run(args[1]),
    _ => await Derive.Run(args[1..]),
};

internal static class Derive
{
    public static async Task<int> Run(string[] args)
    {
        var output = args[0];
        var workers = 1;
        var webp = false;
        long budget = ImageDeriver.DefaultMemoryBudgetBytes;
        var files = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--workers": workers = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--webp": webp = true; break;
                case "--budget-mb": budget = long.Parse(args[++i], CultureInfo.InvariantCulture) * 1024 * 1024; break;
                default: files.Add(Path.GetFullPath(args[i])); break;
            }
        }

        var deriver = new ImageDeriver(budget: new MemoryBudget(budget));
        var options = new DeriveOptions(2048, 90, 512, 85, 200_000_000, webp);
        var queue = new Queue<(string File, int Index)>(files.Select((f, i) => (f, i)));
        var failures = 0;
        var started = Stopwatch.GetTimestamp();
        var tasks = Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                (string File, int Index) job;
                lock (queue)
                {
                    if (!queue.TryDequeue(out job))
                    {
                        return;
                    }
                }

                var name = Path.GetFileName(job.File);
                var member = new GroupMember($"DCIM/BENCH/{name}", job.File, MediaClassifier.Classify(name), "-", new FileInfo(job.File).Length);
                var group = new MediaGroup($"BENCH/{job.Index:D4}_{Path.GetFileNameWithoutExtension(name)}", [member]);
                var outcome = await deriver.DeriveAsync(new DeriveRequest(group, output, options), CancellationToken.None);
                if (outcome.Error is not null)
                {
                    Interlocked.Increment(ref failures);
                    Console.Error.WriteLine(outcome.Error);
                }
            }
        })).ToArray();
        await Task.WhenAll(tasks);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"images={files.Count} failures={failures} workers={workers} seconds={seconds:0.000} peak_rss_mb={PeakRssMb():0.0} budget_peak_mb={deriver.Budget.PeakInUse / 1048576.0:0.0} budget_mb={budget / 1048576}"));
        return failures == 0 ? 0 : 1;
    }

    private static double PeakRssMb()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
            }
        }

        return 0;
    }
}

internal static unsafe class Psnr
{
    public static int Run(string[] args)
    {
        var original = File.ReadAllBytes(args[0]);
        using var full = DecodeUpright(original);
        var references = new Dictionary<(int, int), byte[]>(); // every tool's share has the same size: compute once
        foreach (var candidatePath in args[1..])
        {
            using var candidate = DecodeFull(File.ReadAllBytes(candidatePath));
            if (!references.TryGetValue((candidate.Width, candidate.Height), out var reference))
            {
                reference = references[(candidate.Width, candidate.Height)] = Reference(full, candidate.Width, candidate.Height);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{candidatePath} {candidate.Width}x{candidate.Height} psnr_db={Of(candidate, reference):0.00}"));
        }

        return 0;
    }

    private static RgbxImage DecodeFull(byte[] jpeg)
    {
        fixed (byte* p = jpeg)
        {
            return JpegDecoder.Decode(p, jpeg.Length, int.MaxValue, long.MaxValue);
        }
    }

    /// <summary>The photo's EXIF orientation, normalised (0 or garbage is 1).</summary>
    public static int OrientationOf(byte[] jpeg)
    {
        var segments = JpegSegments.Read(jpeg);
        var exif = segments.Exif is { } e ? GhostRoll.Imaging.Metadata.ExifReader.Read(jpeg.AsSpan(e.Offset, e.Length)) : new();
        return Orientation.Normalize(exif.Orientation);
    }

    private static RgbxImage DecodeUpright(byte[] jpeg)
    {
        var decoded = DecodeFull(jpeg);
        var upright = Orientation.Apply(decoded, OrientationOf(jpeg));
        if (!ReferenceEquals(upright, decoded))
        {
            decoded.Dispose();
        }

        return upright;
    }

    /// <summary>Separable Lanczos-3 in double precision, row-parallel (the reference every tool is measured against).</summary>
    public static byte[] ReferenceOf(RgbxImage src, int dw, int dh) => Reference(src, dw, dh);

    public static double Of(RgbxImage candidate, byte[] reference)
    {
        double sum = 0;
        for (var y = 0; y < candidate.Height; y++)
        {
            var row = candidate.Row(y);
            for (var x = 0; x < candidate.Width * 4; x++)
            {
                if (x % 4 != 3)
                {
                    var d = row[x] - reference[(y * candidate.Width * 4) + x];
                    sum += d * d;
                }
            }
        }

        return 10 * Math.Log10(255.0 * 255 / (sum / (candidate.Width * candidate.Height * 3.0)));
    }

    private static byte[] Reference(RgbxImage src, int dw, int dh)
    {
        var xw = Enumerable.Range(0, dw).Select(i => Weights(src.Width, dw, i)).ToArray();
        var yw = Enumerable.Range(0, dh).Select(i => Weights(src.Height, dh, i)).ToArray();
        var horizontal = new double[(long)src.Height * dw * 3];
        Parallel.For(0, src.Height, y =>
        {
            var row = src.Row(y);
            for (var x = 0; x < dw; x++)
            {
                double r = 0, g = 0, b = 0;
                foreach (var (s, w) in xw[x])
                {
                    r += row[s * 4] * w;
                    g += row[(s * 4) + 1] * w;
                    b += row[(s * 4) + 2] * w;
                }

                var at = (((long)y * dw) + x) * 3;
                horizontal[at] = r;
                horizontal[at + 1] = g;
                horizontal[at + 2] = b;
            }
        });
        var result = new byte[dw * dh * 4];
        Parallel.For(0, dh, y =>
        {
            for (var x = 0; x < dw * 3; x++)
            {
                double v = 0;
                foreach (var (s, w) in yw[y])
                {
                    v += horizontal[((long)s * dw * 3) + x] * w;
                }

                result[(y * dw * 4) + ((x / 3) * 4) + (x % 3)] = (byte)Math.Clamp(Math.Round(v), 0, 255);
            }
        });
        return result;
    }

    private static (int, double)[] Weights(int sourceSize, int targetSize, int i)
    {
        var scale = (double)sourceSize / targetSize;
        var support = 3 * Math.Max(scale, 1);
        var center = (i + 0.5) * scale;
        var list = new List<(int, double)>();
        for (var s = (int)Math.Floor(center - support); s <= (int)Math.Ceiling(center + support); s++)
        {
            if (s >= 0 && s < sourceSize)
            {
                list.Add((s, LanczosResampler.Kernel((s + 0.5 - center) / Math.Max(scale, 1))));
            }
        }

        var total = list.Sum(t => t.Item2);
        return [.. list.Select(t => (t.Item1, t.Item2 / total))];
    }
}

internal static unsafe class Floor
{
    /// <summary>A view of the top-left corner (same rows, shorter width): no copy.</summary>
    private static RgbxImage Crop(RgbxImage image, int width, int height) => new(NoOwner.Instance, image.Pointer, width, height, image.Stride);

    private sealed class NoOwner : IDisposable
    {
        public static readonly NoOwner Instance = new();

        public void Dispose()
        {
        }
    }

    public static int Run(string[] files)
    {
        var started = Stopwatch.GetTimestamp();
        foreach (var file in files)
        {
            var bytes = File.ReadAllBytes(file);
            fixed (byte* p = bytes)
            {
                using var decoded = JpegDecoder.Decode(p, bytes.Length, 2048, 200_000_000);
                var (sw, sh) = ImageDeriver.Fit(decoded.Width, decoded.Height, 2048);
                using var share = JpegEncoder.Encode(Crop(decoded, sw, sh), 90);
                var (tw, th) = ImageDeriver.Fit(sw, sh, 512);
                using var thumb = JpegEncoder.Encode(Crop(decoded, tw, th), 85);
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"images={files.Length} seconds={Stopwatch.GetElapsedTime(started).TotalSeconds:0.000}"));
        return 0;
    }
}

internal static unsafe class WebpMatch
{
    public static int Run(string[] files)
    {
        var options = new DeriveOptions(2048, 90, 512, 85, 200_000_000, Webp: true);
        long jpegShare = 0, webpShare = 0, jpegThumb = 0, webpThumb = 0;
        var qualities = new List<(int Share, int Thumb)>();
        foreach (var file in files)
        {
            var name = Path.GetFileName(file);
            var member = new GroupMember($"DCIM/X/{name}", file, MediaClassifier.Classify(name), "-", new FileInfo(file).Length);
            using var source = SourceOpener.OpenJpegFile(member, "jpeg", options.MaxImagePixels);
            using var rendered = ImageDeriver.RenderPixels(source, options);
            var (js, ws, qs) = Match(rendered.Share, options.ShareQuality);
            var (jt, wt, qt) = Match(rendered.Thumb, options.ThumbQuality);
            jpegShare += js; webpShare += ws; jpegThumb += jt; webpThumb += wt;
            qualities.Add((qs, qt));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name} share jpeg={js} webp={ws} (q{qs}) thumb jpeg={jt} webp={wt} (q{qt})"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"total share jpeg={jpegShare} webp={webpShare} ratio={(double)webpShare / jpegShare:0.000} thumb jpeg={jpegThumb} webp={webpThumb} ratio={(double)webpThumb / jpegThumb:0.000} median_q share={Median(qualities.Select(q => q.Share))} thumb={Median(qualities.Select(q => q.Thumb))}"));
        return 0;
    }

    private static int Median(IEnumerable<int> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    private static (long Jpeg, long Webp, int WebpQuality) Match(RgbxImage pixels, int jpegQuality)
    {
        using var jpeg = JpegEncoder.Encode(pixels, jpegQuality);
        var target = Ssim(pixels, DecodeJpeg(jpeg.Span));
        int lo = 30, hi = 100, best = 100;
        long bestBytes = 0;
        while (lo <= hi)
        {
            var q = (lo + hi) / 2;
            using var webp = WebpEncoder.Encode(pixels, q);
            if (Ssim(pixels, DecodeWebp(webp.Span)) >= target)
            {
                best = q;
                bestBytes = webp.Length;
                hi = q - 1;
            }
            else
            {
                lo = q + 1;
            }
        }

        if (bestBytes == 0)
        {
            using var webp = WebpEncoder.Encode(pixels, 100);
            bestBytes = webp.Length;
        }

        return (jpeg.Length, bestBytes, best);
    }

    private static byte[] DecodeJpeg(ReadOnlySpan<byte> data)
    {
        fixed (byte* p = data)
        {
            using var image = JpegDecoder.Decode(p, data.Length, int.MaxValue, long.MaxValue);
            return new ReadOnlySpan<byte>(image.Pointer, image.Stride * image.Height).ToArray();
        }
    }

    private static byte[] DecodeWebp(ReadOnlySpan<byte> data)
    {
        fixed (byte* p = data)
        {
            var pixels = GhostRoll.Imaging.Interop.Webp.DecodeRgba(p, (nuint)data.Length, out var w, out var h);
            try
            {
                return new ReadOnlySpan<byte>(pixels, w * h * 4).ToArray();
            }
            finally
            {
                GhostRoll.Imaging.Interop.Webp.Free(pixels);
            }
        }
    }

    /// <summary>Mean SSIM on BT.601 luma over 8x8 windows at stride 4 (Wang et al. 2004 constants, L = 255).</summary>
    private static double Ssim(RgbxImage reference, byte[] candidate)
    {
        int w = reference.Width, h = reference.Height;
        var a = new double[w * h];
        var b = new double[w * h];
        for (var y = 0; y < h; y++)
        {
            var row = reference.Row(y);
            for (var x = 0; x < w; x++)
            {
                var i = x * 4;
                var j = ((y * w) + x) * 4;
                a[(y * w) + x] = (0.299 * row[i]) + (0.587 * row[i + 1]) + (0.114 * row[i + 2]);
                b[(y * w) + x] = (0.299 * candidate[j]) + (0.587 * candidate[j + 1]) + (0.114 * candidate[j + 2]);
            }
        }

        const double c1 = 6.5025, c2 = 58.5225; // (0.01*255)^2, (0.03*255)^2
        double total = 0;
        var count = 0;
        for (var y = 0; y + 8 <= h; y += 4)
        {
            for (var x = 0; x + 8 <= w; x += 4)
            {
                double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
                for (var dy = 0; dy < 8; dy++)
                {
                    for (var dx = 0; dx < 8; dx++)
                    {
                        var va = a[((y + dy) * w) + x + dx];
                        var vb = b[((y + dy) * w) + x + dx];
                        sa += va; sb += vb; saa += va * va; sbb += vb * vb; sab += va * vb;
                    }
                }

                const double n = 64;
                double ma = sa / n, mb = sb / n;
                double va2 = (saa / n) - (ma * ma), vb2 = (sbb / n) - (mb * mb), cov = (sab / n) - (ma * mb);
                total += ((2 * ma * mb) + c1) * ((2 * cov) + c2) / (((ma * ma) + (mb * mb) + c1) * (va2 + vb2 + c2));
                count++;
            }
        }

        return total / count;
    }
}
