using System.Globalization;
using GhostRoll.Imaging.Codecs;
using GhostRoll.Imaging.Interop;
using GhostRoll.Imaging.Pixels;

namespace GhostRoll.Imaging.Benchmarks;

/// <summary>Design probe: PSNR of share images made with different DCT scales / chroma subsampling (no orientation).</summary>
internal static unsafe class QualityProbe
{
    public static int Run(string file)
    {
        var bytes = File.ReadAllBytes(file);
        fixed (byte* p = bytes)
        {
            var header = JpegDecoder.ReadHeader(p, bytes.Length);
            var (sw, sh) = GhostRoll.Imaging.Deriving.ImageDeriver.Fit(header.Width, header.Height, 2048);
            using var full = JpegDecoder.Decode(p, bytes.Length, int.MaxValue, long.MaxValue);
            var reference = Psnr.ReferenceOf(full, sw, sh);
            foreach (var (num, denom) in new[] { (1, 4), (3, 8), (1, 2), (5, 8), (3, 4), (1, 1) })
            {
                var w = JpegDecoder.Scaled(header.Width, (num, denom));
                var h = JpegDecoder.Scaled(header.Height, (num, denom));
                if (Math.Max(w, h) < 2048)
                {
                    continue;
                }

                using var img = RgbxImage.Allocate(w, h);
                using var lease = TurboJpegPool.Decompressor();
                _ = TurboJpeg.Decompress2(lease.Handle, p, (nuint)bytes.Length, img.Pointer, w, img.Stride, h, TurboJpeg.TJPF_RGBX, 0);
                using var share = LanczosResampler.Resize(img, sw, sh);
                var raw = Psnr.Of(share, reference);
                foreach (var fullChroma in new[] { false, true })
                {
                    using var jpeg = JpegEncoder.Encode(share, 90, progressive: true, fullChroma);
                    fixed (byte* j = jpeg.Span)
                    {
                        using var decoded = JpegDecoder.Decode(j, jpeg.Length, int.MaxValue, long.MaxValue);
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"scale {num}/{denom} ({w}x{h}) pixels {raw:0.00} dB; encoded {(fullChroma ? "4:4:4" : "4:2:0")} {Psnr.Of(decoded, reference):0.00} dB, {jpeg.Length / 1024} kB"));
                    }
                }
            }
        }

        return 0;
    }
}
