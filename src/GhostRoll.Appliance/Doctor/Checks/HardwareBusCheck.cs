using GhostRoll.Configuration;
using GhostRoll.Doctor;

namespace GhostRoll.Appliance.Doctor.Checks;

/// <summary>
/// Whether the buses the e-ink panel (SPI + GPIO) and battery board (I2C) hang off are enabled. This only looks
/// for the device nodes; the hardware component's own probe (which talks to the chips) can be added next to it.
/// </summary>
public sealed class HardwareBusCheck(GhostRollSettings settings, string devRoot = "/dev") : SyncDoctorCheck
{
    public override string Name => "hardware";

    protected override IReadOnlyList<DoctorResult> Run()
    {
        var results = new List<DoctorResult>();
        if (settings.Display == "none")
        {
            results.Add(DoctorResult.Ok(Name, "display: off (DISPLAY=none)"));
        }
        else
        {
            var spi = Exists("spidev0.0");
            var gpio = Exists("gpiochip0");
            results.Add((spi, gpio, settings.Display) switch
            {
                (true, true, _) => DoctorResult.Ok(Name, $"display ({settings.Display}): SPI and GPIO present"),
                (_, _, "auto") => DoctorResult.Ok(Name, "display: none found (no /dev/spidev0.0 or /dev/gpiochip0); status goes to status.json only"),
                _ => DoctorResult.Warn(Name, $"display {settings.Display} configured but {(spi ? "" : "/dev/spidev0.0 ")}{(gpio ? "" : "/dev/gpiochip0 ")}missing", "Enable SPI (dtparam=spi=on in /boot/firmware/config.txt) and reboot"),
            });
        }

        if (settings.Battery == "none")
        {
            results.Add(DoctorResult.Ok(Name, "battery: off (BATTERY=none)"));
        }
        else
        {
            var i2c = Exists("i2c-1");
            results.Add((i2c, settings.Battery) switch
            {
                (true, _) => DoctorResult.Ok(Name, $"battery ({settings.Battery}): I2C bus present"),
                (false, "auto") => DoctorResult.Ok(Name, "battery: none found (no /dev/i2c-1)"),
                _ => DoctorResult.Warn(Name, $"battery {settings.Battery} configured but /dev/i2c-1 is missing", "Enable I2C (dtparam=i2c_arm=on in /boot/firmware/config.txt) and reboot"),
            });
        }

        return results;
    }

    private bool Exists(string node) => File.Exists(Path.Combine(devRoot, node));
}
