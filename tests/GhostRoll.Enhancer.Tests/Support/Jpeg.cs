using System.Diagnostics;
using GhostRoll.Imaging.Deriving;
using GhostRoll.Media;
using GhostRoll.Pipeline;
using GhostRoll.Sessions;
using GhostRoll.TestSupport;

namespace GhostRoll.Enhancer.Tests.Support;

/// <summary>
/// Real JPEGs for the tests: share images made from real camera files by the appliance's own deriver, measured with
/// an independent decoder (libjpeg-turbo's djpeg), so "it decodes" is not the enhancer vouching for itself.
/// </summary>
public static class Jpeg
{
    /// <summary>What a decoded JPEG looks like: its size and mean luma (djpeg's grayscale conversion, 0-255).</summary>
    public readonly record struct Stats(int Width, int Height, double MeanLuma);

    private static readonly Dictionary<string, byte[]> Made = [];

    /// <summary>The share image (2048 px long edge, quality 90) the appliance makes of a fixture card file.</summary>
    public static async Task<byte[]> ShareImageAsync(string card, string cardPath)
    {
        lock (Made)
        {
            if (Made.TryGetValue($"{card}/{cardPath}", out var cached))
            {
                return cached;
            }
        }

        using var dir = new TempDirectory();
        var local = Fixtures.File(card, cardPath);
        var member = new GroupMember(cardPath, local, MediaClassifier.Classify(cardPath), $"sha-of-{cardPath}", new FileInfo(local).Length);
        var options = new DeriveOptions(ShareMaxLongEdge: 2048, ShareQuality: 90, ThumbMaxLongEdge: 512, ThumbQuality: 85, MaxImagePixels: 200_000_000, Webp: false);
        var outcome = await new ImageDeriver().DeriveAsync(
            new DeriveRequest(new MediaGroup(SessionLayout.GroupKeyOf(cardPath), [member]), dir.Path, options), CancellationToken.None);
        Assert.Null(outcome.Error);
        var share = outcome.Variants.Single(v => v.Path.StartsWith("derived/share/", StringComparison.Ordinal) && v.Path.EndsWith(".jpg", StringComparison.Ordinal));
        var bytes = await File.ReadAllBytesAsync(Path.Combine(dir.Path, share.Path));
        lock (Made)
        {
            Made[$"{card}/{cardPath}"] = bytes;
        }

        return bytes;
    }

    /// <summary>Decodes with djpeg (fails the test for anything that is not a whole, valid JPEG) and measures it.</summary>
    public static async Task<Stats> MeasureAsync(byte[] jpeg)
    {
        var info = new ProcessStartInfo("djpeg")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-grayscale");
        info.ArgumentList.Add("-pnm");
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start djpeg (libjpeg-turbo-progs)");
        var output = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(output);
        var errors = process.StandardError.ReadToEndAsync();
        await process.StandardInput.BaseStream.WriteAsync(jpeg);
        process.StandardInput.Close();
        await copy;
        await process.WaitForExitAsync();
        var stderr = await errors;
        Assert.True(process.ExitCode == 0 && stderr.Length == 0, $"djpeg could not decode it cleanly (exit {process.ExitCode}): {stderr}");
        return ParsePgm(output.ToArray());
    }

    /// <summary>Binary PGM (P5, maxval 255): "P5 W H 255" then one byte per pixel.</summary>
    private static Stats ParsePgm(byte[] pgm)
    {
        var fields = new List<string>();
        var i = 0;
        while (fields.Count < 4)
        {
            while (char.IsWhiteSpace((char)pgm[i]))
            {
                i++;
            }

            var start = i;
            while (!char.IsWhiteSpace((char)pgm[i]))
            {
                i++;
            }

            fields.Add(System.Text.Encoding.ASCII.GetString(pgm, start, i - start));
        }

        i++; // the single whitespace after maxval
        Assert.Equal(["P5", "255"], [fields[0], fields[3]]);
        var width = int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
        var height = int.Parse(fields[2], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal((long)width * height, pgm.Length - i);
        long sum = 0;
        for (var p = i; p < pgm.Length; p++)
        {
            sum += pgm[p];
        }

        return new Stats(width, height, (double)sum / ((long)width * height));
    }
}
