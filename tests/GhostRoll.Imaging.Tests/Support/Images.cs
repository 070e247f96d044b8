using GhostRoll.Imaging.Codecs;
using GhostRoll.Imaging.Interop;

namespace GhostRoll.Imaging.Tests.Support;

/// <summary>A decoded picture for comparisons: RGB bytes, packed.</summary>
internal sealed record Picture(int Width, int Height, byte[] Rgb)
{
    public static Picture Load(string path) => Decode(File.ReadAllBytes(path));

    /// <summary>Decodes JPEG (libjpeg-turbo, full size), WebP (libwebp) or PNG/other (through ImageMagick's PPM output).</summary>
    public static unsafe Picture Decode(byte[] data)
    {
        if (data is [0xFF, 0xD8, ..])
        {
            using var lease = TurboJpegPool.Decompressor();
            fixed (byte* p = data)
            {
                var rc = TurboJpeg.DecompressHeader3(lease.Handle, p, (nuint)data.Length, out var w, out var h, out _, out _);
                Assert.Equal(0, rc);
                var rgb = new byte[w * h * 3];
                fixed (byte* d = rgb)
                {
                    rc = TurboJpeg.Decompress2(lease.Handle, p, (nuint)data.Length, d, w, w * 3, h, TurboJpeg.TJPF_RGB, 0);
                }

                Assert.Equal(0, rc);
                return new Picture(w, h, rgb);
            }
        }

        if (data.Length > 12 && data.AsSpan(8, 4).SequenceEqual("WEBP"u8))
        {
            fixed (byte* p = data)
            {
                var pixels = Webp.DecodeRgba(p, (nuint)data.Length, out var w, out var h);
                Assert.True(pixels != null, "libwebp could not decode the file");
                try
                {
                    var rgb = new byte[w * h * 3];
                    for (var i = 0; i < w * h; i++)
                    {
                        rgb[i * 3] = pixels[i * 4];
                        rgb[(i * 3) + 1] = pixels[(i * 4) + 1];
                        rgb[(i * 3) + 2] = pixels[(i * 4) + 2];
                    }

                    return new Picture(w, h, rgb);
                }
                finally
                {
                    Webp.Free(pixels);
                }
            }
        }

        // PNG goldens: ImageMagick (the real one in /usr/bin) writes binary PPM.
        var ppm = Tools.RunBytes("/usr/bin/convert", data, "-", "-depth", "8", "ppm:-");
        return ParsePpm(ppm);
    }

    private static Picture ParsePpm(byte[] ppm)
    {
        var fields = new List<string>();
        var pos = 0;
        while (fields.Count < 4)
        {
            while (char.IsWhiteSpace((char)ppm[pos]))
            {
                pos++;
            }

            var start = pos;
            while (!char.IsWhiteSpace((char)ppm[pos]))
            {
                pos++;
            }

            fields.Add(System.Text.Encoding.ASCII.GetString(ppm, start, pos - start));
        }

        Assert.Equal("P6", fields[0]);
        int w = int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture), h = int.Parse(fields[2], System.Globalization.CultureInfo.InvariantCulture);
        return new Picture(w, h, ppm.AsSpan(pos + 1, w * h * 3).ToArray());
    }

    /// <summary>PSNR in dB over RGB (identical pictures give +infinity).</summary>
    public double Psnr(Picture other)
    {
        Assert.Equal((Width, Height), (other.Width, other.Height));
        double sum = 0;
        for (var i = 0; i < Rgb.Length; i++)
        {
            var d = Rgb[i] - other.Rgb[i];
            sum += d * d;
        }

        var mse = sum / Rgb.Length;
        return mse == 0 ? double.PositiveInfinity : 10 * Math.Log10(255.0 * 255.0 / mse);
    }

    /// <summary>Mean saturation proxy: average of max(R,G,B) - min(R,G,B).</summary>
    public double MeanChroma()
    {
        double sum = 0;
        for (var i = 0; i < Rgb.Length; i += 3)
        {
            sum += Math.Max(Rgb[i], Math.Max(Rgb[i + 1], Rgb[i + 2])) - Math.Min(Rgb[i], Math.Min(Rgb[i + 1], Rgb[i + 2]));
        }

        return sum / (Rgb.Length / 3);
    }

    public void SaveAsPpm(string path)
    {
        using var f = File.Create(path);
        f.Write(System.Text.Encoding.ASCII.GetBytes($"P6\n{Width} {Height}\n255\n"));
        f.Write(Rgb);
    }
}

/// <summary>External reference tools the tests compare against (exiftool, ImageMagick, vips).</summary>
internal static class Tools
{
    public static string Run(string tool, params string[] args)
    {
        var (code, stdout, stderr) = RunRaw(tool, null, args);
        Assert.True(code == 0, $"{tool} {string.Join(' ', args)} failed ({code}): {System.Text.Encoding.UTF8.GetString(stderr)}");
        return System.Text.Encoding.UTF8.GetString(stdout);
    }

    public static byte[] RunBytes(string tool, byte[] stdin, params string[] args)
    {
        var (code, stdout, stderr) = RunRaw(tool, stdin, args);
        Assert.True(code == 0, $"{tool} failed ({code}): {System.Text.Encoding.UTF8.GetString(stderr)}");
        return stdout;
    }

    private static (int Code, byte[] Stdout, byte[] Stderr) RunRaw(string tool, byte[]? stdin, string[] args)
    {
        var info = new System.Diagnostics.ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
        };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var process = System.Diagnostics.Process.Start(info)!;
        var stdoutTask = Task.Run(() => { using var ms = new MemoryStream(); process.StandardOutput.BaseStream.CopyTo(ms); return ms.ToArray(); });
        var stderrTask = Task.Run(() => { using var ms = new MemoryStream(); process.StandardError.BaseStream.CopyTo(ms); return ms.ToArray(); });
        if (stdin is not null)
        {
            process.StandardInput.BaseStream.Write(stdin);
            process.StandardInput.Close();
        }

        process.WaitForExit();
        return (process.ExitCode, stdoutTask.Result, stderrTask.Result);
    }
}
