using System.Device.Spi;

namespace GhostRoll.Hardware.Tests.Fakes;

/// <summary>Which board's GPIO chip layout to model (raspberrypi/linux#6144, WiringPi#280).</summary>
public enum PiLayout
{
    /// <summary>Pi 5 on a kernel >= ~6.6.45: RP1's header chip is gpiochip0, SoC chips are gpiochip10..13.</summary>
    Pi5,

    /// <summary>Pi 5 on an older kernel: SoC chips first, RP1's header chip is gpiochip4.</summary>
    Pi5OldKernel,

    /// <summary>Pi 4: pinctrl-bcm2711 (58 lines) and the firmware expander raspberrypi-exp-gpio.</summary>
    Pi4,

    /// <summary>A kernel whose pinctrl label we do not know; only line names identify the header.</summary>
    UnknownLabel,
}

/// <summary>
/// A Raspberry Pi as the drivers see it: the GPIO chips of a given layout through <see cref="FakeLinuxKernel"/>,
/// spidev0.0/0.1 (CE0 = GPIO8 and CE1 = GPIO7 held by the kernel's SPI driver) and /dev/i2c-1 as the nodes exist
/// there and as System.Device.Gpio's SpiDevice/I2cDevice reach them (<see cref="CreateSpi"/>, <see cref="I2c"/>), and a Waveshare HAT
/// whose simulated controller listens to SPI with D/C = GPIO25, resets on GPIO17 and drives BUSY on GPIO24.
/// </summary>
internal sealed class VirtualPi
{
    public VirtualPi(PiLayout layout = PiLayout.Pi5, bool withSpi = true, bool withI2c = true)
    {
        Controller = new SimulatedSsd16xx(Clock);
        Kernel.Attributes["/sys/module/spidev/parameters/bufsiz"] = "4096\n";
        switch (layout)
        {
            case PiLayout.Pi5:
                Header = Kernel.Add("/dev/gpiochip0", new FakeGpioChip("gpiochip0", "pinctrl-rp1", 54));
                for (var i = 10; i <= 13; i++)
                {
                    Kernel.Add($"/dev/gpiochip{i}", new FakeGpioChip($"gpiochip{i}", "gpio-brcmstb@107d508500", 32, n => $"-{n}"));
                }

                break;
            case PiLayout.Pi5OldKernel:
                for (var i = 0; i <= 3; i++)
                {
                    Kernel.Add($"/dev/gpiochip{i}", new FakeGpioChip($"gpiochip{i}", "gpio-brcmstb@107d508500", 32, n => $"-{n}"));
                }

                Header = Kernel.Add("/dev/gpiochip4", new FakeGpioChip("gpiochip4", "pinctrl-rp1", 54));
                break;
            case PiLayout.Pi4:
                Header = Kernel.Add("/dev/gpiochip0", new FakeGpioChip("gpiochip0", "pinctrl-bcm2711", 58));
                Kernel.Add("/dev/gpiochip1", new FakeGpioChip("gpiochip1", "raspberrypi-exp-gpio", 8, n => $"EXP{n}"));
                break;
            default:
                Kernel.Add("/dev/gpiochip0", new FakeGpioChip("gpiochip0", "some-other-gpio", 32, n => $"X{n}"));
                Header = Kernel.Add("/dev/gpiochip1", new FakeGpioChip("gpiochip1", "pinctrl-future", 54));
                break;
        }

        if (withSpi)
        {
            Spidev = new SimulatedSpidev();
            Kernel.Add("/dev/spidev0.0", new PresentNode());
            Kernel.Add("/dev/spidev0.1", new PresentNode());
            Header.Lines[8].Consumer = "spi0 CS0";
            Header.Lines[7].Consumer = "spi0 CS1";
        }

        if (withI2c)
        {
            Kernel.Add("/dev/i2c-1", new PresentNode());
        }
        else
        {
            I2c.OpenError = 2;
        }

        // The HAT: D/C qualifies SPI bytes, RST resets the controller, BUSY comes from it.
        if (Spidev is not null)
        {
            Spidev.Transferred = bytes => Controller.OnSpi(Header.Lines[25].Value, bytes);
        }

        Header.Lines[17].Changed = Controller.OnReset;
        Header.Lines[24].Input = () => Controller.Busy;
    }

    public VirtualClock Clock { get; } = new();

    public FakeLinuxKernel Kernel { get; } = new();

    public FakeGpioChip Header { get; }

    public SimulatedSpidev? Spidev { get; }

    /// <summary>I2C1; without I2C its node is missing and opening a device fails with ENOENT.</summary>
    public SimulatedI2cBus I2c { get; } = new();

    public SimulatedSsd16xx Controller { get; }

    /// <summary>System.Device.Gpio's SpiDevice.Create on this Pi: spidev0.0, or ENOENT on first use without SPI.</summary>
    public SpiDevice CreateSpi(SpiConnectionSettings settings) =>
        Spidev?.Connect(settings) ?? new SimulatedSpidev { OpenError = 2 }.Connect(settings);
}
