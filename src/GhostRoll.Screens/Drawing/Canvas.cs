namespace GhostRoll.Screens.Drawing;

/// <summary>
/// An 8-bit grey raster, one byte per pixel, row-major, 0 = black and 255 = white. Panel frames only ever hold
/// 0 and 255 (1-bit semantics), which is also the byte-per-pixel format <c>IEPaperPanel.Show</c> takes, so a
/// frame goes to the panel without conversion. Every drawing call clips to the canvas: layout code never has to.
/// </summary>
public sealed class Canvas
{
    public const byte Black = 0;
    public const byte White = 255;

    private readonly byte[] _pixels;

    public Canvas(int width, int height, byte background = White)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        Width = width;
        Height = height;
        _pixels = new byte[width * height];
        _pixels.AsSpan().Fill(background);
    }

    /// <summary>A canvas holding a copy of one-byte-per-pixel data (a frame as <c>IEPaperPanel.Show</c> receives it).</summary>
    public static Canvas FromPixels(int width, int height, ReadOnlySpan<byte> pixels)
    {
        if (pixels.Length != width * height)
        {
            throw new ArgumentException($"expected {width * height} pixels for {width}x{height}, got {pixels.Length}", nameof(pixels));
        }

        var canvas = new Canvas(width, height);
        pixels.CopyTo(canvas._pixels);
        return canvas;
    }

    public int Width { get; }

    public int Height { get; }

    public ReadOnlySpan<byte> Pixels => _pixels;

    public byte this[int x, int y]
    {
        get => _pixels[(y * Width) + x];
        set => _pixels[(y * Width) + x] = value;
    }

    public ReadOnlySpan<byte> Row(int y) => _pixels.AsSpan(y * Width, Width);

    public void Clear(byte value) => _pixels.AsSpan().Fill(value);

    public void FillRect(int x, int y, int width, int height, byte value)
    {
        if (!Clip(ref x, ref y, ref width, ref height))
        {
            return;
        }

        for (var row = y; row < y + height; row++)
        {
            _pixels.AsSpan((row * Width) + x, width).Fill(value);
        }
    }

    /// <summary>A rectangle outline drawn inside the given bounds.</summary>
    public void StrokeRect(int x, int y, int width, int height, int thickness, byte value)
    {
        FillRect(x, y, width, thickness, value);
        FillRect(x, y + height - thickness, width, thickness, value);
        FillRect(x, y, thickness, height, value);
        FillRect(x + width - thickness, y, thickness, height, value);
    }

    /// <summary>
    /// Paints <paramref name="ink"/> through a coverage mask (0 = untouched, 255 = solid ink), as text rendering
    /// produces: mono glyphs have only 0/255 and keep the canvas bilevel; anti-aliased glyphs blend.
    /// </summary>
    public void Blend(int x, int y, int maskWidth, int maskHeight, ReadOnlySpan<byte> coverage, byte ink)
    {
        for (var row = 0; row < maskHeight; row++)
        {
            var py = y + row;
            if ((uint)py >= (uint)Height)
            {
                continue;
            }

            var line = _pixels.AsSpan(py * Width, Width);
            var mask = coverage.Slice(row * maskWidth, maskWidth);
            for (var col = 0; col < maskWidth; col++)
            {
                var px = x + col;
                var a = mask[col];
                if (a == 0 || (uint)px >= (uint)Width)
                {
                    continue;
                }

                line[px] = a == 255 ? ink : (byte)(((line[px] * (255 - a)) + (ink * a) + 127) / 255);
            }
        }
    }

    /// <summary>True when every pixel is pure black or pure white (a panel frame).</summary>
    public bool IsBilevel()
    {
        foreach (var p in _pixels)
        {
            if (p is not (Black or White))
            {
                return false;
            }
        }

        return true;
    }

    public bool SamePixels(Canvas? other) =>
        other is not null && other.Width == Width && other.Height == Height && other.Pixels.SequenceEqual(_pixels);

    private bool Clip(ref int x, ref int y, ref int width, ref int height)
    {
        if (x < 0)
        {
            width += x;
            x = 0;
        }

        if (y < 0)
        {
            height += y;
            y = 0;
        }

        width = Math.Min(width, Width - x);
        height = Math.Min(height, Height - y);
        return width > 0 && height > 0;
    }
}
