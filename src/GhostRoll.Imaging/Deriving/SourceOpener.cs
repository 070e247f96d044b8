using GhostRoll.Imaging.Codecs;
using GhostRoll.Imaging.Color;
using GhostRoll.Imaging.Interop;
using GhostRoll.Imaging.Metadata;
using GhostRoll.Imaging.Pixels;
using GhostRoll.Imaging.Raw;
using GhostRoll.Pipeline;

namespace GhostRoll.Imaging.Deriving;

/// <summary>Opens group members as <see cref="PictureSource"/>s: maps the file, reads headers and metadata, decodes nothing.</summary>
internal static class SourceOpener
{
    /// <summary>Spans index with int: a picture file above 2 GB is not a photo GhostRoll can render.</summary>
    private const long MaxFileBytes = int.MaxValue;

    public static JpegStreamSource OpenJpegFile(GroupMember member, string kind, long maxPixels)
    {
        var file = NativeBlock.MapFile(member.LocalPath, MaxFileBytes);
        try
        {
            var segments = ReadJpegHeader(file.Span, maxPixels, "the file is not a JPEG");
            var exif = segments.Exif is { } e ? ExifReader.Read(file.Slice(e.Offset, e.Length)) : new ExifData();
            return new JpegStreamSource(member, kind, file, 0, file.Length, ownsFile: true, segments)
            {
                Orientation = Orientation.Normalize(exif.Orientation),
                Exif = exif,
                Color = ColorOf(segments.IccProfile, exif),
            };
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    public static unsafe HeifSource OpenHeif(GroupMember member, long maxPixels)
    {
        var file = NativeBlock.MapFile(member.LocalPath, MaxFileBytes);
        HeifDecoder? decoder = null;
        try
        {
            decoder = HeifDecoder.Open(file.Pointer, file.Length, maxPixels);
            var exifBytes = decoder.ReadExif();
            var exif = exifBytes is null ? new ExifData() : ExifReader.Read(exifBytes);
            return new HeifSource(member, file, decoder)
            {
                Orientation = 1, // libheif applied irot/imir; EXIF orientation is informational in HEIF
                Exif = exif,
                Color = decoder.ReadColorSpace(),
            };
        }
        catch
        {
            decoder?.Dispose();
            file.Dispose();
            throw;
        }
    }

    /// <summary>Maps a RAW and lists its valid JPEG previews, largest first.</summary>
    public static RawFile OpenRaw(GroupMember member)
    {
        var file = NativeBlock.MapFile(member.LocalPath, MaxFileBytes);
        try
        {
            var inspection = RawPreviewFinder.Inspect(file.Span);
            var previews = new List<(EmbeddedJpeg Jpeg, JpegSegments Segments)>();
            foreach (var candidate in inspection?.Previews ?? [])
            {
                var segments = JpegSegments.Read(file.Slice(candidate.Offset, candidate.Length));

                // Huffman-coded baseline, extended or progressive only: CR2/DNG lossless raw data (SOF3) is not a preview.
                if (segments.FrameMarker is 0xC0 or 0xC1 or 0xC2 && segments.Width > 0 && segments.Height > 0 && segments.Components is 1 or 3)
                {
                    previews.Add((candidate, segments));
                }
            }

            previews.Sort((a, b) => Math.Max(b.Segments.Width, b.Segments.Height).CompareTo(Math.Max(a.Segments.Width, a.Segments.Height)));
            return new RawFile(member, file, inspection, previews);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    public static JpegSegments ReadJpegHeader(ReadOnlySpan<byte> data, long maxPixels, string notJpeg)
    {
        if (!JpegSegments.LooksLikeJpeg(data))
        {
            ImagingErrors.ThrowCorrupt($"{notJpeg} (no JPEG start-of-image marker)");
        }

        var segments = JpegSegments.Read(data);
        if (segments.FrameMarker == 0 || segments.Width <= 0 || segments.Height <= 0)
        {
            ImagingErrors.ThrowCorrupt("the JPEG has no readable frame header (corrupt or truncated)");
        }

        if ((long)segments.Width * segments.Height > maxPixels)
        {
            ImagingErrors.ThrowTooLarge("the JPEG", segments.Width, segments.Height, maxPixels);
        }

        return segments;
    }

    /// <summary>Embedded ICC profile first; else a DCF Adobe RGB marker; else sRGB (EXIF's default).</summary>
    public static SourceColorSpace ColorOf(byte[]? icc, ExifData exif) =>
        icc is { Length: > 128 } ? new SourceColorSpace(icc, KnownRgbSpace.Srgb)
        : exif.IsAdobeRgb ? new SourceColorSpace(null, KnownRgbSpace.AdobeRgb)
        : SourceColorSpace.Srgb;

    /// <summary>An opened RAW: its mapping, what its container says, and its previews (largest first).</summary>
    internal sealed class RawFile(GroupMember member, NativeBlock file, RawInspection? inspection, List<(EmbeddedJpeg Jpeg, JpegSegments Segments)> previews) : IDisposable
    {
        public GroupMember Member { get; } = member;

        public RawInspection? Inspection { get; } = inspection;

        public IReadOnlyList<(EmbeddedJpeg Jpeg, JpegSegments Segments)> Previews { get; } = previews;

        public ExifData Exif => Inspection?.Exif ?? new ExifData();

        public int BestLongEdge => Previews.Count == 0 ? 0 : Math.Max(Previews[0].Segments.Width, Previews[0].Segments.Height);

        /// <summary>The largest preview as a source; the RAW's own orientation and metadata apply (RAF: the preview's).</summary>
        public JpegStreamSource PreviewSource()
        {
            var (jpeg, segments) = Previews[0];
            var exif = Exif;
            if (Inspection?.MetadataInPreview == true && segments.Exif is { } e)
            {
                exif = ExifReader.Read(file.Slice(jpeg.Offset + e.Offset, e.Length));
            }

            return new JpegStreamSource(Member, "raw-preview", file, jpeg.Offset, jpeg.Length, ownsFile: false, segments)
            {
                Orientation = Orientation.Normalize(exif.Orientation),
                Exif = exif,
                Color = ColorOf(segments.IccProfile, exif),
            };
        }

        public void Dispose() => file.Dispose();
    }
}
