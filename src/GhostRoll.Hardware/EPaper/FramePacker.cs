namespace GhostRoll.Hardware.EPaper;

/// <summary>
/// Turns a logical frame (one byte per pixel, 0 = black, anything else = white) into the controller's native
/// 1-bit RAM image: bit 1 = white, 0 = black, MSB = leftmost, rows padded with white.
/// </summary>
/// <remarks>
/// Rotation is how far the logical image is turned counter-clockwise onto the native portrait RAM, the same as
/// PIL's <c>Image.rotate(deg, expand=True)</c> that Waveshare's <c>getbuffer</c> applies to a landscape image: 90
/// (the default) reproduces Waveshare's orientation. For native (x, y) the source pixel is
/// 0: (x, y); 90: (W - 1 - y, x); 180: (w - 1 - x, h - 1 - y); 270: (y, H - 1 - x), with w x h the native size
/// and W x H the logical size.
/// </remarks>
public static class FramePacker
{
    public static bool IsValidRotation(int degrees) => degrees is 0 or 90 or 180 or 270;

    /// <summary>The logical (caller-facing) size for a rotation: 90 and 270 swap the native axes.</summary>
    public static (int Width, int Height) LogicalSize(PanelGeometry native, int rotation)
    {
        ThrowIfInvalid(rotation);
        return rotation is 90 or 270 ? (native.Height, native.Width) : (native.Width, native.Height);
    }

    public static void Pack(ReadOnlySpan<byte> pixels, PanelGeometry native, int rotation, Span<byte> frame)
    {
        var (logicalWidth, logicalHeight) = LogicalSize(native, rotation);
        if (pixels.Length != logicalWidth * logicalHeight)
        {
            throw new ArgumentException(
                $"a {logicalWidth}x{logicalHeight} frame needs {logicalWidth * logicalHeight} pixels, got {pixels.Length}", nameof(pixels));
        }

        if (frame.Length != native.FrameBytes)
        {
            throw new ArgumentException($"the native frame is {native.FrameBytes} bytes, got {frame.Length}", nameof(frame));
        }

        // Along a native row the source pixel moves by a fixed stride, so each row is a strided gather:
        // source(x, y) = rowStart(y) + x * stride.
        var (w, h) = (native.Width, native.Height);
        var stride = rotation switch
        {
            0 => 1,
            90 => logicalWidth,
            180 => -1,
            _ => -logicalWidth,
        };
        var bytesPerRow = native.BytesPerRow;
        for (var y = 0; y < h; y++)
        {
            var source = rotation switch
            {
                0 => y * w,
                90 => logicalWidth - 1 - y,
                180 => ((h - 1 - y) * w) + w - 1,
                _ => ((logicalHeight - 1) * logicalWidth) + y,
            };
            var row = frame.Slice(y * bytesPerRow, bytesPerRow);
            for (var column = 0; column < bytesPerRow; column++)
            {
                byte packed = 0xFF;
                var bits = Math.Min(8, w - (column * 8));
                for (var bit = 0; bit < bits; bit++, source += stride)
                {
                    if (pixels[source] == 0)
                    {
                        packed &= (byte)~(0x80 >> bit);
                    }
                }

                row[column] = packed;
            }
        }
    }

    private static void ThrowIfInvalid(int rotation)
    {
        if (!IsValidRotation(rotation))
        {
            throw new ArgumentOutOfRangeException(nameof(rotation), rotation, "rotation must be 0, 90, 180 or 270 degrees");
        }
    }
}
