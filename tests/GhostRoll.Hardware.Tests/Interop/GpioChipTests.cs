using GhostRoll.Hardware.Buses;
using GhostRoll.Hardware.Interop;
using GhostRoll.Hardware.Tests.Fakes;
using GhostRoll.Interop;

namespace GhostRoll.Hardware.Tests.Interop;

public sealed class GpioChipTests
{
    [Theory]
    [InlineData(PiLayout.Pi5, "/dev/gpiochip0", "pinctrl-rp1")]
    [InlineData(PiLayout.Pi5OldKernel, "/dev/gpiochip4", "pinctrl-rp1")]
    [InlineData(PiLayout.Pi4, "/dev/gpiochip0", "pinctrl-bcm2711")]
    [InlineData(PiLayout.UnknownLabel, "/dev/gpiochip1", "pinctrl-future")]
    public void The_header_chip_is_found_by_label_or_line_name_never_by_number(PiLayout layout, string path, string label)
    {
        var pi = new VirtualPi(layout);

        using (var chip = GpioChip.FindHeaderChip(pi.Kernel))
        {
            Assert.NotNull(chip);
            Assert.Equal(path, chip.Path);
            Assert.Equal(label, chip.Label);
        }

        Assert.Equal(0, pi.Kernel.OpenFiles);
    }

    [Fact]
    public void No_header_chip_is_null_and_an_unreadable_one_is_a_permission_error()
    {
        var kernel = new FakeLinuxKernel();
        kernel.Add("/dev/gpiochip0", new FakeGpioChip("gpiochip0", "other", 8, n => $"P{n}"));
        Assert.Null(GpioChip.FindHeaderChip(kernel));

        var denied = new VirtualPi();
        denied.Header.OpenError = Libc.EACCES;
        var error = Assert.Throws<HardwareIOException>(() => GpioChip.FindHeaderChip(denied.Kernel));
        Assert.Contains("gpio", error.Message, StringComparison.Ordinal);
        Assert.Contains("group", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Line_info_reports_the_kernel_spi_driver_holding_CE0()
    {
        var pi = new VirtualPi();
        using var chip = GpioChip.Open(pi.Kernel, "/dev/gpiochip0");

        var ce0 = chip.GetLineInfo(8);

        Assert.Equal(new GpioLineInfo(8, "GPIO8", "spi0 CS0", Used: true), ce0);
        Assert.False(chip.GetLineInfo(17).Used);
    }

    [Fact]
    public void Outputs_are_claimed_at_their_initial_levels_and_set_one_line_at_a_time()
    {
        var pi = new VirtualPi();
        using var chip = GpioChip.Open(pi.Kernel, "/dev/gpiochip0");
        using var request = chip.RequestOutputs("test", [17, 25], [true, false]);

        Assert.Equal(("test", true, true), (pi.Header.Lines[17].Consumer, pi.Header.Lines[17].IsOutput, pi.Header.Lines[17].Value));
        Assert.False(pi.Header.Lines[25].Value);

        request.Output(25).Write(true);
        request.Output(17).Write(false);

        Assert.True(pi.Header.Lines[25].Value);
        Assert.False(pi.Header.Lines[17].Value);
        Assert.Throws<ArgumentException>(() => request.Output(24));
    }

    [Fact]
    public void Inputs_read_the_level_the_outside_world_drives()
    {
        var pi = new VirtualPi();
        var level = false;
        pi.Header.Lines[24].Input = () => level;
        using var chip = GpioChip.Open(pi.Kernel, "/dev/gpiochip0");
        using var request = chip.RequestInputs("test", [24]);
        var busy = request.Input(24);

        Assert.False(busy.Read());
        level = true;
        Assert.True(busy.Read());
    }

    [Fact]
    public void A_line_someone_else_holds_is_EBUSY_with_advice_and_leaks_nothing()
    {
        var pi = new VirtualPi();
        pi.Header.Lines[17].Consumer = "epd-demo";
        using (var chip = GpioChip.Open(pi.Kernel, "/dev/gpiochip0"))
        {
            var error = Assert.Throws<HardwareIOException>(() => chip.RequestOutputs("test", [17, 25], [true, false]));

            Assert.Equal(Libc.EBUSY, error.Errno);
            Assert.Contains("already claimed", error.Message, StringComparison.Ordinal);
            Assert.Null(pi.Header.Lines[25].Consumer);
        }

        Assert.Equal(0, pi.Kernel.OpenFiles);
    }

    [Fact]
    public void Disposing_a_request_releases_its_lines()
    {
        var pi = new VirtualPi();
        using var chip = GpioChip.Open(pi.Kernel, "/dev/gpiochip0");
        chip.RequestInputs("test", [24]).Dispose();

        Assert.Null(pi.Header.Lines[24].Consumer);
        Assert.Equal(1, pi.Kernel.OpenFiles);
    }
}
