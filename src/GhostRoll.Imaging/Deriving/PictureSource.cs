using GhostRoll.Imaging.Codecs;
using GhostRoll.Imaging.Color;
using GhostRoll.Imaging.Metadata;
using GhostRoll.Imaging.Pixels;
using GhostRoll.Pipeline;

namespace GhostRoll.Imaging.Deriving;

/// <summary>An opened, not yet decoded picture: what it is, how big, how to turn it, and how to decode it.</summary>
internal abstract class PictureSource : IDisposable
{
    protected PictureSource(GroupMember member, string kind)
    {
        Member = member;
        Kind = kind;
    }

    public GroupMember Member { get; }

    /// <summary>jpeg, heif, raw-preview, thm: for logs and tests.</summary>
    public string Kind { get; }

    /// <summary>Declared size of the stream as stored (before orientation).</summary>
    public abstract int Width { get; }

    public abstract int Height { get; }

    public int LongEdge => Math.Max(Width, Height);

    /// <summary>Orientation to apply to the decoded pixels (1 for HEIF: libheif already applied the container's).</summary>
    public int Orientation { get; init; } = 1;

    public ExifData Exif { get; init; } = new();

    public SourceColorSpace Color { get; init; } = SourceColorSpace.Srgb;

    /// <summary>Bytes resident while decoding for <paramref name="targetLongEdge"/>: the compressed stream and the decoder's pixels.</summary>
    public abstract (long Compressed, long Decoded) EstimateDecodeBytes(int targetLongEdge);

    /// <summary>Drops the compressed bytes once decoded (the mapping leaves RSS at once).</summary>
    public virtual void ReleaseCompressed() => Dispose();

    /// <summary>Decodes to at least <paramref name="targetLongEdge"/> on the long edge when the source is that big.</summary>
    public abstract RgbxImage Decode(int targetLongEdge, long maxPixels, PixelPool? pool);

    public abstract void Dispose();
}

/// <summary>A JPEG stream: a camera JPEG or THM file, or a preview inside a RAW (a slice of the mapped file).</summary>
internal sealed unsafe class JpegStreamSource : PictureSource
{
    private readonly NativeBlock _file;
    private readonly long _offset;
    private readonly long _length;
    private readonly bool _ownsFile;
    private readonly JpegSegments _segments;

    public JpegStreamSource(GroupMember member, string kind, NativeBlock file, long offset, long length, bool ownsFile, JpegSegments segments)
        : base(member, kind)
    {
        _file = file;
        _offset = offset;
        _length = length;
        _ownsFile = ownsFile;
        _segments = segments;
    }

    public override int Width => _segments.Width;

    public override int Height => _segments.Height;

    public override (long Compressed, long Decoded) EstimateDecodeBytes(int targetLongEdge)
    {
        var scale = JpegDecoder.ChooseScale(Width, Height, targetLongEdge);
        return (_length, JpegDecoder.EstimateDecodeBytes(Width, Height, scale, _segments.IsProgressive, _segments.Components));
    }

    public override RgbxImage Decode(int targetLongEdge, long maxPixels, PixelPool? pool) =>
        JpegDecoder.Decode(_file.Pointer + _offset, _length, targetLongEdge, maxPixels, pool);

    public override void Dispose()
    {
        if (_ownsFile)
        {
            _file.Dispose();
        }
    }
}

/// <summary>A HEIF primary image (libheif decodes at full size: HEVC has no DCT-domain scaling).</summary>
internal sealed class HeifSource : PictureSource
{
    private readonly NativeBlock _file;
    private readonly HeifDecoder _decoder;

    public HeifSource(GroupMember member, NativeBlock file, HeifDecoder decoder)
        : base(member, "heif")
    {
        _file = file;
        _decoder = decoder;
        Width = decoder.Width;
        Height = decoder.Height;
        _decodeBytes = decoder.EstimateDecodeBytes();
    }

    private readonly long _decodeBytes;

    public override int Width { get; }

    public override int Height { get; }

    public override (long Compressed, long Decoded) EstimateDecodeBytes(int targetLongEdge) => (_file.Length, _decodeBytes);

    public override RgbxImage Decode(int targetLongEdge, long maxPixels, PixelPool? pool) => _decoder.Decode(); // libheif owns its planes

    public override void Dispose()
    {
        _decoder.Dispose();
        _file.Dispose();
    }
}
