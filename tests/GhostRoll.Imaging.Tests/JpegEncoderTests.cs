using System.Buffers.Binary;
using GhostRoll.Imaging.Codecs;
using GhostRoll.Imaging.Pixels;
using GhostRoll.Imaging.Tests.Support;

namespace GhostRoll.Imaging.Tests;

/// <summary>
/// The encoder drives libjpeg's own API (a custom progressive script), so its scan script and its output are checked
/// here: against the JPEG rules for a progressive file and against a baseline encode of the same pixels. Its struct
/// mirrors and constants are checked against jpeglib.h of both architectures by LinuxAbiTests.
/// </summary>
public sealed class JpegEncoderTests
{
    [Theory]
    [InlineData(90, 1)] // share images: 4:4:4
    [InlineData(85, 2)] // thumbnails: 4:2:0
    public void Colour_output_is_progressive_dc_first_and_every_coefficient_is_sent_exactly_once(int quality, int lumaSampling)
    {
        using var image = Noise(257, 131);
        using var jpeg = JpegEncoder.Encode(image, quality);
        var (frame, components, scans) = Structure(jpeg.Span.ToArray());

        Assert.Equal(0xC2, frame); // SOF2: progressive, Huffman
        Assert.Equal([(lumaSampling, lumaSampling), (1, 1), (1, 1)], components);
        Assert.Equal(new Scan([0, 1, 2], 0, 0, 0, 0), scans[0]); // DC of every component first: the blurred preview
        AssertEveryCoefficientOnce(scans, 3);
        Assert.All(scans, s => Assert.Equal((0, 0), (s.Ah, s.Al))); // no refinement scans (they cost a pass each)
    }

    [Fact]
    public void Gray_output_is_progressive_with_full_coverage()
    {
        var gray = JpegEncoder.Encode(Enumerable.Range(0, 40 * 24).Select(i => (byte)(i * 7)).ToArray(), 40, 24, JpegPixelFormat.Gray, 90);
        var (frame, components, scans) = Structure(gray);
        Assert.Equal(0xC2, frame);
        Assert.Single(components);
        AssertEveryCoefficientOnce(scans, 1);
    }

    [Fact]
    public void Progressive_and_baseline_encodes_decode_to_identical_pixels()
    {
        // Spectral selection only re-orders the same quantised coefficients; any difference would be a lost scan.
        using var image = Noise(640, 427);
        using var progressive = JpegEncoder.Encode(image, 90, progressive: true);
        using var baseline = JpegEncoder.Encode(image, 90, progressive: false);
        Assert.Equal(0xC0, Structure(baseline.Span.ToArray()).Frame);
        var a = Picture.Decode(progressive.Span.ToArray());
        var b = Picture.Decode(baseline.Span.ToArray());
        Assert.Equal(b.Rgb, a.Rgb);
        var psnr = a.Psnr(ToPicture(image));
        Assert.True(psnr > 28, $"the encode lost more than q90 should: {psnr:0.00} dB"); // ±20 noise at q90: ~30 dB
    }

    [Fact]
    public void A_picture_too_wide_for_jpeg_is_an_error_not_a_crash()
    {
        // libjpeg's own check would end the process through its fatal-error hook; ours throws first.
        var error = Assert.Throws<ImagingException>(() => JpegEncoder.Encode(new byte[70_000], 70_000, 1, JpegPixelFormat.Gray));
        Assert.Equal(ImagingFailure.TooLarge, error.Failure);
    }

    private static void AssertEveryCoefficientOnce(List<Scan> scans, int componentCount)
    {
        var sent = new int[componentCount, 64];
        foreach (var scan in scans)
        {
            foreach (var c in scan.Components)
            {
                for (var k = scan.Ss; k <= scan.Se; k++)
                {
                    sent[c, k]++;
                }
            }
        }

        for (var c = 0; c < componentCount; c++)
        {
            for (var k = 0; k < 64; k++)
            {
                Assert.True(sent[c, k] == 1, $"component {c} coefficient {k} sent {sent[c, k]} times");
            }
        }
    }

    private sealed record Scan(int[] Components, int Ss, int Se, int Ah, int Al)
    {
        public bool Equals(Scan? other) => other is not null && Components.SequenceEqual(other.Components) && (Ss, Se, Ah, Al) == (other.Ss, other.Se, other.Ah, other.Al);

        public override int GetHashCode() => HashCode.Combine(Components.Length, Ss, Se, Ah, Al);
    }

    /// <summary>The frame marker, each component's sampling factors, and every scan header (ITU T.81 B.2).</summary>
    private static (int Frame, List<(int H, int V)> Components, List<Scan> Scans) Structure(byte[] jpeg)
    {
        int frame = 0;
        var components = new List<(int, int)>();
        var ids = new List<int>();
        var scans = new List<Scan>();
        var pos = 2;
        while (pos + 4 <= jpeg.Length)
        {
            Assert.Equal(0xFF, jpeg[pos]);
            var marker = jpeg[pos + 1];
            if (marker == 0xD9)
            {
                break;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(pos + 2));
            var body = jpeg.AsSpan(pos + 4, length - 2);
            if (marker is 0xC0 or 0xC1 or 0xC2)
            {
                frame = marker;
                for (var i = 0; i < body[5]; i++)
                {
                    ids.Add(body[6 + (i * 3)]);
                    components.Add((body[7 + (i * 3)] >> 4, body[7 + (i * 3)] & 15));
                }
            }

            pos += 2 + length;
            if (marker == 0xDA)
            {
                var n = body[0];
                var members = new int[n];
                for (var i = 0; i < n; i++)
                {
                    members[i] = ids.IndexOf(body[1 + (i * 2)]);
                }

                scans.Add(new Scan(members, body[1 + (n * 2)], body[2 + (n * 2)], body[3 + (n * 2)] >> 4, body[3 + (n * 2)] & 15));

                // Entropy-coded data runs to the next marker that is neither a stuffed 0xFF00 nor a restart marker.
                while (!(jpeg[pos] == 0xFF && jpeg[pos + 1] != 0 && jpeg[pos + 1] is < 0xD0 or > 0xD7))
                {
                    pos++;
                }
            }
        }

        return (frame, components, scans);
    }

    /// <summary>Smooth gradients plus deterministic noise: real high-frequency content in every component.</summary>
    private static unsafe RgbxImage Noise(int width, int height)
    {
        var image = RgbxImage.Allocate(width, height);
        var random = new Random(42);
        for (var y = 0; y < height; y++)
        {
            var row = image.Row(y);
            for (var x = 0; x < width; x++)
            {
                row[(x * 4) + 0] = (byte)Math.Clamp((x * 255 / width) + random.Next(-20, 21), 0, 255);
                row[(x * 4) + 1] = (byte)Math.Clamp((y * 255 / height) + random.Next(-20, 21), 0, 255);
                row[(x * 4) + 2] = (byte)Math.Clamp(((x + y) * 127 / (width + height)) + 64 + random.Next(-20, 21), 0, 255);
                row[(x * 4) + 3] = 0;
            }
        }

        return image;
    }

    private static Picture ToPicture(RgbxImage image)
    {
        var rgb = new byte[image.Width * image.Height * 3];
        for (var y = 0; y < image.Height; y++)
        {
            var row = image.Row(y);
            for (var x = 0; x < image.Width; x++)
            {
                rgb[((y * image.Width) + x) * 3] = row[x * 4];
                rgb[(((y * image.Width) + x) * 3) + 1] = row[(x * 4) + 1];
                rgb[(((y * image.Width) + x) * 3) + 2] = row[(x * 4) + 2];
            }
        }

        return new Picture(image.Width, image.Height, rgb);
    }
}
