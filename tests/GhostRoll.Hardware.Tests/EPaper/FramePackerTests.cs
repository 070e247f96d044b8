using GhostRoll.Hardware.EPaper;

namespace GhostRoll.Hardware.Tests.EPaper;

public sealed class FramePackerTests
{
    private static readonly PanelGeometry Epd2in13 = new(122, 250);

    [Theory]
    [InlineData(0)]
    [InlineData(90)]
    [InlineData(180)]
    [InlineData(270)]
    public void Packed_test_pattern_equals_waveshare_getbuffer_golden(int rotation)
    {
        var (w, h) = FramePacker.LogicalSize(Epd2in13, rotation);
        var frame = new byte[Epd2in13.FrameBytes];

        FramePacker.Pack(TestPattern.Render(w, h), Epd2in13, rotation, frame);

        var golden = PanelFrames.LoadGolden($"epd2in13-rotation{rotation}.pbm", Epd2in13);
        PanelFrames.AssertSameImage(golden, frame, Epd2in13, $"packer-epd2in13-rotation{rotation}");
    }

    [Fact]
    public void Landscape_is_the_default_and_swaps_the_native_axes()
    {
        Assert.Equal((250, 122), FramePacker.LogicalSize(Epd2in13, new EPaperOptions().Rotation));
        Assert.Equal((122, 250), FramePacker.LogicalSize(Epd2in13, 180));
    }

    [Fact]
    public void Any_nonzero_pixel_is_white_and_row_padding_stays_white()
    {
        var pixels = Enumerable.Range(0, 122 * 250).Select(i => (byte)(i % 7 == 0 ? 0 : 1 + (i % 254))).ToArray();
        var frame = new byte[Epd2in13.FrameBytes];

        FramePacker.Pack(pixels, Epd2in13, 0, frame);

        for (var i = 0; i < pixels.Length; i++)
        {
            var (x, y) = (i % 122, i / 122);
            var white = (frame[(y * 16) + (x / 8)] & (0x80 >> (x % 8))) != 0;
            Assert.True(white == (pixels[i] != 0), $"pixel {x},{y}");
        }

        // x = 122..127 do not exist on the glass; they must not be written as black.
        Assert.All(Enumerable.Range(0, 250), y => Assert.Equal(0x3F, frame[(y * 16) + 15] & 0x3F));
    }

    [Fact]
    public void Wrong_sizes_and_rotations_are_rejected_with_the_expected_size()
    {
        var frame = new byte[Epd2in13.FrameBytes];
        var error = Assert.Throws<ArgumentException>(() => FramePacker.Pack(new byte[100], Epd2in13, 90, frame));
        Assert.Contains("250x122", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => FramePacker.Pack(new byte[122 * 250], Epd2in13, 45, frame));
    }
}
