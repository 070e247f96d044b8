using System.Buffers.Binary;

namespace GhostRoll.Imaging.Raw;

/// <summary>
/// Fujifilm RAF: a 16-byte magic "FUJIFILMCCD-RAW ", then at offset 84 the big-endian offset and at 88 the length
/// of a complete camera JPEG (with its own EXIF), the preview GhostRoll renders.
/// </summary>
internal static class Raf
{
    private static ReadOnlySpan<byte> Magic => "FUJIFILMCCD-RAW "u8;

    public static bool IsRaf(ReadOnlySpan<byte> file) => file.StartsWith(Magic);

    public static RawInspection Inspect(ReadOnlySpan<byte> file)
    {
        var result = new RawInspection { Format = "Fujifilm RAF", MetadataInPreview = true };
        if (file.Length >= 92)
        {
            var offset = BinaryPrimitives.ReadUInt32BigEndian(file[84..]);
            var length = BinaryPrimitives.ReadUInt32BigEndian(file[88..]);
            result.AddPreview(offset, length, file.Length, "RAF JPEG");
        }

        return result;
    }
}
