using GhostRoll.Imaging.Codecs;
using GhostRoll.Imaging.Deriving;
using GhostRoll.Imaging.Metadata;
using GhostRoll.Imaging.Tests.Support;
using GhostRoll.Media;
using GhostRoll.Pipeline;
using GhostRoll.TestSupport;

namespace GhostRoll.Imaging.Tests;

/// <summary>JpegEncoder and ExifWriter: the API the sample-card generator uses, checked with exiftool.</summary>
public sealed class PublicApiTests
{
    [Fact]
    public void Encoder_writes_a_decodable_jpeg_of_the_given_pixels()
    {
        var rgb = Gradient(96, 64);
        var jpeg = JpegEncoder.Encode(rgb, 96, 64, JpegPixelFormat.Rgb, quality: 95);
        var decoded = Picture.Decode(jpeg);
        Assert.Equal((96, 64), (decoded.Width, decoded.Height));
        Assert.True(decoded.Psnr(new Picture(96, 64, rgb)) > 35);
        Assert.True(OutputInspector.IsProgressive(jpeg));

        var gray = JpegEncoder.Encode(new byte[32 * 16], 32, 16, JpegPixelFormat.Gray, progressive: false);
        Assert.False(OutputInspector.IsProgressive(gray));
        Assert.Throws<ArgumentException>(() => JpegEncoder.Encode(new byte[10], 32, 16, JpegPixelFormat.Rgb));
    }

    [Fact]
    public void Exif_writer_output_reads_back_in_exiftool_and_in_our_reader()
    {
        using var dir = new TempDirectory("imaging-exif");
        var tags = new ExifTags
        {
            Make = "Canon",
            Model = "Canon EOS R6",
            DateTimeOriginal = new DateTime(2024, 7, 14, 18, 30, 5),
            OffsetTimeOriginal = TimeSpan.FromHours(-4),
            Orientation = 6,
            Latitude = -33.8568,
            Longitude = 151.2153,
            AltitudeMeters = 12.5,
        };
        var jpeg = ExifWriter.InsertInto(JpegEncoder.Encode(Gradient(64, 48), 64, 48, JpegPixelFormat.Rgb), tags);
        var path = dir.Combine("IMG_0001.JPG");
        File.WriteAllBytes(path, jpeg);

        var text = Tools.Run("/usr/bin/exiftool", "-s", "-n", "-Make", "-Model", "-DateTimeOriginal", "-OffsetTimeOriginal", "-Orientation", "-GPSLatitude", "-GPSLongitude", "-GPSAltitude", path);
        Assert.Contains("Make                            : Canon", text, StringComparison.Ordinal);
        Assert.Contains("DateTimeOriginal                : 2024:07:14 18:30:05", text, StringComparison.Ordinal);
        Assert.Contains("OffsetTimeOriginal              : -04:00", text, StringComparison.Ordinal);
        Assert.Contains("Orientation                     : 6", text, StringComparison.Ordinal);
        Assert.Contains("GPSLatitude                     : -33.8568", text, StringComparison.Ordinal);
        Assert.Contains("GPSLongitude                    : 151.2153", text, StringComparison.Ordinal);
        Assert.Contains("GPSAltitude                     : 12.5", text, StringComparison.Ordinal);

        var segments = JpegSegments.Read(jpeg);
        var read = ExifReader.Read(jpeg.AsSpan(segments.Exif!.Value.Offset, segments.Exif.Value.Length));
        Assert.Equal(tags.DateTimeOriginal, read.CapturedLocal);
        Assert.Equal(tags.OffsetTimeOriginal, read.CapturedOffset);
        Assert.Equal("Canon EOS R6", read.ToPhotoMetadata(64, 48).Camera);
        Assert.Equal(-33.8568, read.Latitude!.Value, 4);
        Assert.Equal(151.2153, read.Longitude!.Value, 4);
    }

    [Fact]
    public async Task Written_orientation_and_gps_are_applied_and_stripped_by_the_deriver()
    {
        using var dir = new TempDirectory("imaging-exif-derive");
        var tags = new ExifTags { Make = "GhostRoll", Model = "Sample", Orientation = 8, Latitude = 48.8584, Longitude = 2.2945, DateTimeOriginal = new DateTime(2025, 1, 2, 3, 4, 5) };
        var path = dir.Combine("DSC_0001.JPG");
        File.WriteAllBytes(path, ExifWriter.InsertInto(JpegEncoder.Encode(Gradient(300, 200), 300, 200, JpegPixelFormat.Rgb), tags));
        var group = new MediaGroup("100TEST/DSC_0001", [FixtureGroups.MemberAt("DCIM/100TEST/DSC_0001.JPG", path)]);
        var outcome = await new ImageDeriver().DeriveAsync(new DeriveRequest(group, dir.Combine("s"), FixtureGroups.DefaultOptions()), TestContext.Current.CancellationToken);

        Assert.Equal((200, 300), (outcome.Metadata!.Width, outcome.Metadata.Height));
        Assert.Equal(48.8584, outcome.Metadata.Latitude!.Value, 4);
        var share = outcome.Variants.Single(v => v.Variant == VariantNames.Share);
        Assert.Equal((200, 300), (share.Width, share.Height));
        Assert.False(OutputInspector.Exiftool(dir.Combine("s", share.Path)).HasGps);
    }

    [Fact]
    public void Exif_reader_survives_orientation_zero_and_garbage_dates()
    {
        var tiff = ExifWriter.BuildTiff(new ExifTags { Orientation = 0, Make = "X" });
        var data = ExifReader.Read(tiff);
        Assert.Equal(0, data.Orientation);
        Assert.Equal(1, Pixels.Orientation.Normalize(data.Orientation));
        data.DateTimeOriginal = "0000:00:00 00:00:00";
        Assert.Null(data.CapturedLocal);
        data.OffsetTimeOriginal = "+99:00";
        Assert.Null(data.CapturedOffset);
    }

    internal static byte[] Gradient(int w, int h)
    {
        var rgb = new byte[w * h * 3];
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                var i = ((y * w) + x) * 3;
                rgb[i] = (byte)(x * 255 / w);
                rgb[i + 1] = (byte)(y * 255 / h);
                rgb[i + 2] = (byte)((x + y) * 255 / (w + h));
            }
        }

        return rgb;
    }
}
