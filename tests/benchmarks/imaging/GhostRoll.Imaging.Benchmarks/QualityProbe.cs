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
                foreach (var samp in new[] { TurboJpeg.TJSAMP_420, TurboJpeg.TJSAMP_444 })
                {
                    byte* outBuf = null;
                    nuint size = 0;
                    using var c = TurboJpegPool.Compressor();
                    _ = TurboJpeg.Compress2(c.Handle, share.Pointer, sw, share.Stride, sh, TurboJpeg.TJPF_RGBX, ref outBuf, ref size, samp, 90, TurboJpeg.TJFLAG_PROGRESSIVE);
                    using var buffer = new TurboJpegBuffer(outBuf, size);
                    using var decoded = JpegDecoder.Decode(outBuf, (long)size, int.MaxValue, long.MaxValue);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"scale {num}/{denom} ({w}x{h}) pixels {raw:0.00} dB; encoded {(samp == 0 ? "4:4:4" : "4:2:0")} {Psnr.Of(decoded, reference):0.00} dB, {size / 1024} kB"));
                }
            }
        }

        return 0;
    }
}
