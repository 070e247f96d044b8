using GhostRoll.Imaging.Metadata;

namespace GhostRoll.Imaging.Raw;

/// <summary>
/// Previews in TIFF-based RAW files. Walks the IFD0 chain and SubIFDs (tag 0x014A, TIFF-EP/DNG) and collects
/// every JPEG they point at: JPEGInterchangeFormat/Length (0x0201/0x0202: NEF JpgFromRaw, ARW/PEF/SRW previews,
/// CR2 thumbnails), single-strip JPEG-compressed images (Compression 6 or 7: CR2 IFD0, DNG previews) and the RW2
/// JpgFromRaw blob (0x002E). Lossless-JPEG raw data also matches and is rejected later by its frame header.
/// </summary>
internal static class TiffRaw
{
    private const ushort Compression = 0x0103;
    private const ushort StripOffsets = 0x0111;
    private const ushort StripByteCounts = 0x0117;
    private const ushort SubIfds = 0x014A;
    private const ushort JpegInterchangeFormat = 0x0201;
    private const ushort JpegInterchangeFormatLength = 0x0202;
    private const ushort Rw2JpgFromRaw = 0x002E;
    private const int MaxIfds = 64;

    public static RawInspection Inspect(in Tiff tiff)
    {
        var result = new RawInspection { Format = "TIFF-based RAW" };
        var entries = new List<TiffEntry>(64);
        ExifReader.ReadPrimary(tiff, tiff.FirstIfd, result.Exif, entries);

        var visited = new HashSet<uint>();
        var queue = new Queue<(uint Offset, int Depth)>();
        queue.Enqueue((tiff.FirstIfd, 0));
        while (queue.Count > 0 && visited.Count < MaxIfds)
        {
            var (offset, depth) = queue.Dequeue();
            if (offset == 0 || !visited.Add(offset))
            {
                continue;
            }

            var next = tiff.ReadIfd(offset, entries);
            uint? jpegOffset = null, jpegLength = null, compression = null, stripOffset = null, stripLength = null;
            foreach (var e in entries)
            {
                switch (e.Tag)
                {
                    case JpegInterchangeFormat: jpegOffset = tiff.UInt(e); break;
                    case JpegInterchangeFormatLength: jpegLength = tiff.UInt(e); break;
                    case Compression: compression = tiff.UInt(e); break;
                    case StripOffsets when e.Count == 1: stripOffset = tiff.UInt(e); break;
                    case StripByteCounts when e.Count == 1: stripLength = tiff.UInt(e); break;
                    case Rw2JpgFromRaw when e.Type == 7: result.AddPreview(e.DataOffset, e.ByteCount, tiff.Length, "RW2 JpgFromRaw"); break;
                    case SubIfds when depth < 3:
                        for (var i = 0; i < Math.Min(e.Count, 16); i++)
                        {
                            if (tiff.UInt(e, i) is { } sub)
                            {
                                queue.Enqueue((sub, depth + 1));
                            }
                        }

                        break;
                }
            }

            if (jpegOffset is { } jo && jpegLength is { } jl)
            {
                result.AddPreview(jo, jl, tiff.Length, $"IFD@{offset} JPEGInterchangeFormat");
            }

            if (compression is 6 or 7 && stripOffset is { } so && stripLength is { } sl)
            {
                result.AddPreview(so, sl, tiff.Length, $"IFD@{offset} JPEG strip");
            }

            if (depth == 0 && next != 0)
            {
                queue.Enqueue((next, 0));
            }
        }

        return result;
    }
}
