using GhostRoll.Imaging.Codecs;
using GhostRoll.Imaging.Metadata;

namespace GhostRoll.Cli.Demo;

/// <summary>
/// Writes a small but realistic camera card without network or fixtures, for the README demo and the AOT gate:
/// DCF folders, 6 MP JPEGs with EXIF (make, model, capture time with offset, orientation 1/3/6/8, GPS on two of
/// them, so the gallery shows them upright and the derivatives drop the location), a byte-identical duplicate in a
/// second folder, an XMP sidecar, and the clutter cards carry (AppleDouble files, .Trashes, a catalogue file) that
/// GhostRoll must leave alone. Output is deterministic.
/// </summary>
internal static class SampleCard
{
    private const int Width = 3000;
    private const int Height = 2000;
    private static readonly int[] Orientations = [1, 1, 6, 1, 8, 1, 3, 1, 1, 6, 1, 1];

    public static IReadOnlyList<string> Write(string root, int photos = 12)
    {
        var dcim = Path.Combine(root, "DCIM");
        var folder = Directory.CreateDirectory(Path.Combine(dcim, "100GHOST")).FullName;
        var written = new List<string>();
        var start = new DateTime(2026, 6, 21, 10, 0, 0);
        var pixels = new byte[Width * Height * 3];
        for (var i = 1; i <= photos; i++)
        {
            Paint(pixels, i);
            var jpeg = JpegEncoder.Encode(pixels, Width, Height, JpegPixelFormat.Rgb, quality: 92, progressive: false);
            var tags = new ExifTags
            {
                Make = "GhostRoll",
                Model = "Sample Card",
                DateTimeOriginal = start.AddSeconds(37 * (i - 1)),
                OffsetTimeOriginal = TimeSpan.FromHours(2),
                Orientation = Orientations[(i - 1) % Orientations.Length],
                Latitude = i is 4 or 9 ? 52.3731 : null, // two photos carry GPS: derivatives and the gallery must not
                Longitude = i is 4 or 9 ? 4.8922 : null,
            };
            var path = Path.Combine(folder, $"GR_{i:0000}.JPG");
            File.WriteAllBytes(path, ExifWriter.InsertInto(jpeg, tags));
            written.Add(path);
        }

        // The same photo again in a second DCF folder (cameras do this after a folder rollover): stored once.
        var second = Directory.CreateDirectory(Path.Combine(dcim, "101GHOST")).FullName;
        File.Copy(written[4], Path.Combine(second, "GR_0105.JPG"), overwrite: true);
        // A sidecar that belongs to GR_0002.JPG, and the clutter a card picks up on computers and in cameras.
        File.WriteAllText(Path.Combine(folder, "GR_0002.XMP"), "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmp:Rating=\"4\"/></rdf:RDF></x:xmpmeta>\n");
        File.WriteAllBytes(Path.Combine(folder, "._GR_0001.JPG"), new byte[4096]);
        Directory.CreateDirectory(Path.Combine(root, ".Trashes"));
        File.WriteAllBytes(Path.Combine(dcim, "CANONMSC.CTG"), new byte[512]);
        return written;
    }

    /// <summary>A landscape: sky, sun, two mountain ridges and the frame number in big digits (top left, so orientation shows).</summary>
    private static void Paint(byte[] rgb, int index)
    {
        var hue = (index * 47) % 360;
        var (skyR, skyG, skyB) = Hsv(hue, 0.45, 0.95);
        var (ridgeR, ridgeG, ridgeB) = Hsv((hue + 150) % 360, 0.55, 0.55);
        var (nearR, nearG, nearB) = Hsv((hue + 180) % 360, 0.6, 0.32);
        var sunX = 600 + (index * 173 % 1800);
        var sunY = 420 + (index * 59 % 300);
        // Ridge heights depend on x only: compute them once per photo, not once per pixel.
        var farRidge = new int[Width];
        var nearRidge = new int[Width];
        for (var x = 0; x < Width; x++)
        {
            farRidge[x] = 1100 + (int)((160 * Math.Sin((x * 0.0021) + index)) + (90 * Math.Sin(x * 0.0057)));
            nearRidge[x] = 1450 + (int)((120 * Math.Sin((x * 0.0013) + (index * 2))) + (60 * Math.Cos(x * 0.009)));
        }

        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                var far = farRidge[x];
                var near = nearRidge[x];
                double r, g, b;
                if (y > near)
                {
                    (r, g, b) = (nearR, nearG, nearB);
                }
                else if (y > far)
                {
                    (r, g, b) = (ridgeR, ridgeG, ridgeB);
                }
                else
                {
                    var t = y / (double)far;
                    (r, g, b) = (skyR * (0.6 + (0.4 * t)), skyG * (0.6 + (0.4 * t)), skyB);
                    var dx = x - sunX;
                    var dy = y - sunY;
                    var d2 = (dx * dx) + (dy * dy);
                    if (d2 < 150 * 150)
                    {
                        (r, g, b) = (1.0, 0.93, 0.6);
                    }
                }

                var o = ((y * Width) + x) * 3;
                rgb[o] = (byte)Math.Clamp(r * 255, 0, 255);
                rgb[o + 1] = (byte)Math.Clamp(g * 255, 0, 255);
                rgb[o + 2] = (byte)Math.Clamp(b * 255, 0, 255);
            }
        }

        DrawNumber(rgb, index, 120, 120, 40);
    }

    // Seven-segment digits: a, b, c, d, e, f, g.
    private static readonly int[] Segments = [0b1111110, 0b0110000, 0b1101101, 0b1111001, 0b0110011, 0b1011011, 0b1011111, 0b1110000, 0b1111111, 0b1111011];

    private static void DrawNumber(byte[] rgb, int number, int left, int top, int unit)
    {
        var text = number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        for (var c = 0; c < text.Length; c++)
        {
            var s = Segments[text[c] - '0'];
            var x0 = left + (c * unit * 7);
            void Bar(int bit, int x, int y, int w, int h)
            {
                if ((s & (1 << bit)) != 0)
                {
                    Fill(rgb, x0 + (x * unit), top + (y * unit), w * unit, h * unit);
                }
            }

            Bar(6, 1, 0, 4, 1); // a
            Bar(5, 5, 1, 1, 4); // b
            Bar(4, 5, 6, 1, 4); // c
            Bar(3, 1, 10, 4, 1); // d
            Bar(2, 0, 6, 1, 4); // e
            Bar(1, 0, 1, 1, 4); // f
            Bar(0, 1, 5, 4, 1); // g
        }
    }

    private static void Fill(byte[] rgb, int x, int y, int w, int h)
    {
        for (var yy = y; yy < y + h; yy++)
        {
            for (var xx = x; xx < x + w; xx++)
            {
                var o = ((yy * Width) + xx) * 3;
                rgb[o] = rgb[o + 1] = rgb[o + 2] = 250;
            }
        }
    }

    private static (double R, double G, double B) Hsv(double h, double s, double v)
    {
        var c = v * s;
        var x = c * (1 - Math.Abs((h / 60 % 2) - 1));
        var m = v - c;
        var (r, g, b) = h switch
        {
            < 60 => (c, x, 0.0),
            < 120 => (x, c, 0.0),
            < 180 => (0.0, c, x),
            < 240 => (0.0, x, c),
            < 300 => (x, 0.0, c),
            _ => (c, 0.0, x),
        };
        return (r + m, g + m, b + m);
    }
}
