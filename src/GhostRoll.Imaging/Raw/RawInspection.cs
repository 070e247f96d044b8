using GhostRoll.Imaging.Metadata;

namespace GhostRoll.Imaging.Raw;

/// <summary>A JPEG stream embedded in a RAW file: where it is and which structure pointed at it.</summary>
internal readonly record struct EmbeddedJpeg(long Offset, long Length, string Origin);

/// <summary>What a RAW container holds: candidate previews (unvalidated) and the RAW's own metadata.</summary>
internal sealed class RawInspection
{
    public required string Format { get; init; }

    public List<EmbeddedJpeg> Previews { get; } = [];

    public ExifData Exif { get; } = new();

    /// <summary>
    /// True when the preview JPEG's own EXIF is the file's metadata (Fujifilm RAF embeds a complete camera JPEG);
    /// false when orientation and metadata come from the RAW structure itself.
    /// </summary>
    public bool MetadataInPreview { get; init; }

    public void AddPreview(long offset, long length, long fileLength, string origin)
    {
        if (offset > 0 && length > 4 && offset + length <= fileLength && !Previews.Any(p => p.Offset == offset))
        {
            Previews.Add(new EmbeddedJpeg(offset, length, origin));
        }
    }
}

/// <summary>
/// Finds embedded JPEG previews in RAW files by their container: TIFF-based (CR2, NEF, ARW, DNG, PEF, SRW, ORF,
/// RW2, GPR ...), Canon CIFF (CRW), ISO-BMFF (Canon CR3) and Fujifilm RAF. Never throws on malformed input.
/// </summary>
internal static class RawPreviewFinder
{
    public static RawInspection? Inspect(ReadOnlySpan<byte> file)
    {
        if (Ciff.IsCiff(file))
        {
            return Ciff.Inspect(file);
        }

        if (Raf.IsRaf(file))
        {
            return Raf.Inspect(file);
        }

        if (IsoBmff.IsCanonCr3(file))
        {
            return IsoBmff.InspectCr3(file);
        }

        if (Tiff.TryOpen(file, out var tiff))
        {
            return TiffRaw.Inspect(tiff);
        }

        return null;
    }
}
