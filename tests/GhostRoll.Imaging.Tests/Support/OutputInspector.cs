using System.Buffers.Binary;
using System.Text.Json;

namespace GhostRoll.Imaging.Tests.Support;

/// <summary>What a derivative file carries besides pixels.</summary>
internal static class OutputInspector
{
    /// <summary>Marker bytes of every APPn (0xE0-0xEF) and COM (0xFE) segment before the first scan.</summary>
    public static List<byte> JpegMetadataMarkers(byte[] jpeg)
    {
        var markers = new List<byte>();
        var pos = 2;
        while (pos + 4 <= jpeg.Length && jpeg[pos] == 0xFF)
        {
            var marker = jpeg[pos + 1];
            if (marker is 0xDA or 0xD9)
            {
                break;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(pos + 2));
            if (marker is (>= 0xE0 and <= 0xEF) or 0xFE)
            {
                markers.Add(marker);
            }

            pos += 2 + length;
        }

        return markers;
    }

    /// <summary>True when the JPEG has a progressive (SOF2) frame.</summary>
    public static bool IsProgressive(byte[] jpeg)
    {
        for (var i = 2; i + 1 < jpeg.Length; i++)
        {
            if (jpeg[i] == 0xFF && jpeg[i + 1] == 0xC2)
            {
                return true;
            }

            if (jpeg[i] == 0xFF && jpeg[i + 1] == 0xC0)
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>RIFF chunk ids of a WebP file (VP8, VP8L, VP8X, ALPH, EXIF, XMP , ICCP ...).</summary>
    public static List<string> WebpChunks(byte[] webp)
    {
        var chunks = new List<string>();
        var pos = 12;
        while (pos + 8 <= webp.Length)
        {
            chunks.Add(System.Text.Encoding.ASCII.GetString(webp, pos, 4));
            var size = BinaryPrimitives.ReadUInt32LittleEndian(webp.AsSpan(pos + 4));
            pos += 8 + (int)size + (int)(size & 1);
        }

        return chunks;
    }

    /// <summary>exiftool's numeric view of a file (-n): width, height, orientation, and whether any GPS tag exists.</summary>
    public static (int Width, int Height, int? Orientation, int? Rotation, bool HasGps, bool HasExif) Exiftool(string path)
    {
        var json = Tools.Run("/usr/bin/exiftool", "-j", "-n", "-ImageWidth", "-ImageHeight", "-Orientation", "-Rotation", "-GPS:all", "-EXIF:all", path);
        using var doc = JsonDocument.Parse(json);
        var o = doc.RootElement[0];
        int? Int(string name) => o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : null;
        var hasGps = o.EnumerateObject().Any(p => p.Name.StartsWith("GPS", StringComparison.Ordinal));
        var hasExif = o.EnumerateObject().Any(p => p.Name is not ("SourceFile" or "ImageWidth" or "ImageHeight"));
        return (Int("ImageWidth") ?? 0, Int("ImageHeight") ?? 0, Int("Orientation"), Int("Rotation"), hasGps, hasExif);
    }

    /// <summary>
    /// Every metadata tag exiftool finds in a file's EXIF, XMP, IPTC, maker notes and GPS groups, as "Group:Tag" →
    /// value (-G1: IFD0, ExifIFD, GPS, ...), plus the capture time and camera exiftool reads for the file overall.
    /// </summary>
    public static (Dictionary<string, string> Tags, string? DateTimeOriginal, string? Make, string? Model) ExiftoolMetadata(string path)
    {
        var json = Tools.Run("/usr/bin/exiftool", "-j", "-G1", "-EXIF:all", "-XMP:all", "-IPTC:all", "-MakerNotes:all", "-GPS:all", path);
        using var doc = JsonDocument.Parse(json);
        var tags = doc.RootElement[0].EnumerateObject().Where(p => p.Name != "SourceFile")
            .ToDictionary(p => p.Name, p => p.Value.ToString(), StringComparer.Ordinal);
        var overall = Tools.Run("/usr/bin/exiftool", "-j", "-DateTimeOriginal", "-Make", "-Model", path);
        using var main = JsonDocument.Parse(overall);
        var o = main.RootElement[0];
        string? Text(string name) => o.TryGetProperty(name, out var v) ? v.ToString().Trim() : null;
        return (tags, Text("DateTimeOriginal"), Text("Make"), Text("Model"));
    }
}
