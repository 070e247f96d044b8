namespace GhostRoll.Imaging.Pixels;

/// <summary>
/// Decoded pixels, 4 bytes per pixel (R, G, B, X), rows <see cref="Stride"/> bytes apart. Four bytes keep every
/// pixel one 128-bit SIMD lane group in the resampler; TurboJPEG, libheif, libwebp and lcms2 all take this layout.
/// The memory belongs to <c>owner</c> (our own mapping, or a libheif image) and is released with this object.
/// </summary>
internal sealed unsafe class RgbxImage : IDisposable
{
    public const int BytesPerPixel = 4;

    private readonly IDisposable _owner;

    public RgbxImage(IDisposable owner, byte* pointer, int width, int height, int stride)
    {
        _owner = owner;
        Pointer = pointer;
        Width = width;
        Height = height;
        Stride = stride;
    }

    public int Width { get; }

    public int Height { get; }

    public int Stride { get; }

    public byte* Pointer { get; }

    public int LongEdge => Math.Max(Width, Height);

    public static long BytesFor(long width, long height) => width * height * BytesPerPixel;

    /// <summary>New pixels, reusing a buffer kept by <paramref name="pool"/> when it has one that fits.</summary>
    public static RgbxImage Allocate(int width, int height, PixelPool? pool = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        var block = NativeBlock.Allocate(BytesFor(width, height), "decoded pixels", pool);
        return new RgbxImage(block, block.Pointer, width, height, width * BytesPerPixel);
    }

    public Span<byte> Row(int y) => new(Pointer + ((long)y * Stride), Width * BytesPerPixel);

    public void Dispose() => _owner.Dispose();
}
