using System.Device.Spi;
using GhostRoll.Hardware.EPaper;
using GhostRoll.Hardware.Interop;
using GhostRoll.Hardware.Tests.EPaper;
using GhostRoll.Hardware.Tests.Fakes;
using GhostRoll.Interop;

namespace GhostRoll.Hardware.Tests.Interop;

/// <summary>
/// The whole stack on a virtual Pi: factory, SpidevDevice over a simulated spidev, GpioChip/GpioLineRequest and the
/// libc-level structs down to a fake kernel that decodes ioctls at the header offsets, and the simulated controller
/// behind the HAT's lines.
/// </summary>
public sealed class EPaperPanelFactoryTests
{
    private static readonly EPaperOptions Options = new();

    /// <summary>For cases that must give up before any SPI is opened.</summary>
    private static readonly Func<SpiConnectionSettings, SpiDevice> NoSpi = _ => throw new InvalidOperationException("SPI opened");

    [Theory]
    [InlineData(PiLayout.Pi5)]
    [InlineData(PiLayout.Pi5OldKernel)]
    [InlineData(PiLayout.Pi4)]
    public void Auto_opens_the_V4_on_the_header_chip_and_draws_the_golden_frame(PiLayout layout)
    {
        var pi = new VirtualPi(layout);

        using (var panel = EPaperPanelFactory.Open(pi.Kernel, pi.CreateSpi, "auto", Options, pi.Clock))
        {
            Assert.NotNull(panel);
            Assert.Equal("Waveshare 2.13\" V4", panel.Model);
            panel.Show(TestPattern.Render(panel.Width, panel.Height), RefreshMode.Full);

            var geometry = EPaperModel.Waveshare213V4.Geometry;
            var glass = SimulatedSsd16xx.Crop(pi.Controller.Refreshes.Single().BlackWhiteRam, geometry.BytesPerRow, geometry.Height);
            PanelFrames.AssertSameImage(PanelFrames.LoadGolden("epd2in13-rotation90.pbm", geometry), glass, geometry, $"factory-{layout}");
            Assert.Empty(pi.Controller.Violations);

            // Lines as Waveshare's epdconfig: RST 17, D/C 25, BUSY 24 and the power switch 18 driven high; CE0 untouched.
            Assert.Equal("ghostroll-epaper", pi.Header.Lines[17].Consumer);
            Assert.Equal("ghostroll-epaper", pi.Header.Lines[25].Consumer);
            Assert.Equal(("ghostroll-epaper", false), (pi.Header.Lines[24].Consumer, pi.Header.Lines[24].IsOutput));
            Assert.True(pi.Header.Lines[18].Value);
            Assert.Equal("spi0 CS0", pi.Header.Lines[8].Consumer);
            Assert.DoesNotContain(pi.Header.Requests, r => r.Offsets.Contains(8) || r.Offsets.Contains(7));
            var spi = pi.Spidev!.Settings!;
            Assert.Equal((0, 0, SpiMode.Mode0, 8, 4_000_000), (spi.BusId, spi.ChipSelectLine, spi.Mode, spi.DataBitLength, spi.ClockFrequency));
        }

        Assert.True(pi.Spidev.Disposed);

        Assert.Equal(0, pi.Kernel.OpenFiles);
        Assert.Null(pi.Header.Lines[17].Consumer);
        Assert.True(pi.Controller.Asleep);
        Assert.Empty(pi.Kernel.OpenedWithoutCloseOnExec);
    }

    [Fact]
    public void The_2in7_frame_crosses_the_spidev_buffer_and_still_lands_intact()
    {
        var pi = new VirtualPi();
        using var panel = EPaperPanelFactory.Open(pi.Kernel, pi.CreateSpi, "waveshare-2in7-v2", Options, pi.Clock)!;

        panel.Show(TestPattern.Render(264, 176), RefreshMode.Full);

        Assert.Contains(pi.Spidev!.Messages, m => m.Length == 4096);
        Assert.All(pi.Spidev.Messages, m => Assert.InRange(m.Length, 1, 4096));
        var geometry = EPaperModel.Waveshare27V2.Geometry;
        var glass = SimulatedSsd16xx.Crop(pi.Controller.Refreshes.Single().BlackWhiteRam, geometry.BytesPerRow, geometry.Height);
        PanelFrames.AssertSameImage(PanelFrames.LoadGolden("epd2in7-rotation90.pbm", geometry), glass, geometry, "factory-2in7");
    }

    [Fact]
    public void None_and_absent_hardware_give_no_panel_on_auto()
    {
        Assert.Null(EPaperPanelFactory.Open(new VirtualPi().Kernel, NoSpi, "none", Options, null));
        Assert.Null(EPaperPanelFactory.Open(new VirtualPi(withSpi: false).Kernel, NoSpi, "auto", Options, null));

        var noChip = new FakeLinuxKernel();
        noChip.Add("/dev/spidev0.0", new PresentNode());
        Assert.Null(EPaperPanelFactory.Open(noChip, NoSpi, "auto", Options, null));

        var denied = new VirtualPi();
        denied.Header.OpenError = Libc.EACCES;
        Assert.Null(EPaperPanelFactory.Open(denied.Kernel, denied.CreateSpi, "auto", Options, null));
        Assert.Equal(0, denied.Kernel.OpenFiles);
    }

    [Fact]
    public void A_named_panel_without_spi_is_an_error_that_says_how_to_enable_it()
    {
        var pi = new VirtualPi(withSpi: false);

        var error = Assert.Throws<HardwareIOException>(() => EPaperPanelFactory.Open(pi.Kernel, pi.CreateSpi, "waveshare-2in13-v4", Options, pi.Clock));

        Assert.Contains("dtparam=spi=on", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, pi.Kernel.OpenFiles);
        Assert.All(pi.Header.Lines, l => Assert.Null(l.Consumer));
    }

    [Fact]
    public void Control_lines_held_by_another_program_fail_cleanly()
    {
        var pi = new VirtualPi();
        pi.Header.Lines[24].Consumer = "epd-demo";

        var error = Assert.Throws<HardwareIOException>(() => EPaperPanelFactory.Open(pi.Kernel, pi.CreateSpi, "auto", Options, pi.Clock));

        Assert.Equal(Libc.EBUSY, error.Errno);
        Assert.Equal(0, pi.Kernel.OpenFiles);
        Assert.Null(pi.Header.Lines[17].Consumer);
    }

    [Fact]
    public void A_power_switch_pin_owned_elsewhere_only_warns()
    {
        var pi = new VirtualPi();
        pi.Header.Lines[18].Consumer = "pwm";

        using var panel = EPaperPanelFactory.Open(pi.Kernel, pi.CreateSpi, "auto", Options, pi.Clock);

        Assert.NotNull(panel);
        Assert.Equal("pwm", pi.Header.Lines[18].Consumer);
    }

    [Fact]
    public void Unknown_values_list_the_valid_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => EPaperPanelFactory.Open(new VirtualPi().Kernel, NoSpi, "waveshare-7in5", Options, null));

        Assert.Contains("waveshare-2in13-v4", error.Message, StringComparison.Ordinal);
        Assert.Contains("auto", error.Message, StringComparison.Ordinal);
    }
}
