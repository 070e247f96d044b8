using System.CommandLine;
using System.Globalization;
using GhostRoll.Appliance.Cards;
using GhostRoll.Appliance.Doctor;
using GhostRoll.Appliance.Doctor.Checks;
using GhostRoll.Appliance.Setup;
using GhostRoll.Cli.Hosting;
using GhostRoll.Configuration;
using GhostRoll.Doctor;
using GhostRoll.Hardware.Power;
using GhostRoll.Publishing.Doctor;

namespace GhostRoll.Cli.Commands;

/// <summary>
/// <c>ghostroll doctor</c>: an OK/WARN/FAIL list of everything an import depends on; exits 1 when anything FAILs.
/// Other components' checks plug in through <see cref="PublishingChecks"/> (S3Doctor) and <see cref="HardwareChecks"/>.
/// </summary>
internal static class DoctorCommand
{
    public static Command Create()
    {
        var command = new Command("doctor", "Check the setup (settings, storage, database, libraries, card support, display, battery, S3): OK/WARN/FAIL, exit 1 on FAIL.");
        command.SetAction(async (parse, cancel) =>
        {
            var settingsFile = SettingsFileText.Location(parse.GetValue(GlobalOptions.Config));
            CliHost host;
            try
            {
                host = CliHost.Create(parse);
            }
            catch (SettingsException e)
            {
                // Doctor's job is to explain bad settings, not to refuse to start over them.
                var failed = await DoctorReport.RunAsync([new FailedSettings(settingsFile, e.Problems)], cancel).ConfigureAwait(false);
                Console.Write(failed.Render());
                return failed.ExitCode;
            }

            using (host)
            {
                var report = await DoctorReport.RunAsync(Checks(host.Settings, settingsFile), cancel).ConfigureAwait(false);
                Console.Write(report.Render());
                return report.ExitCode;
            }
        });
        return command;
    }

    private static IEnumerable<IDoctorCheck> Checks(GhostRollSettings settings, string settingsFile) =>
    [
        new SettingsCheck(settings, settingsFile),
        new StorageCheck(settings),
        new DatabaseCheck(settings),
        new NativeLibrariesCheck(NativeLibrariesCheck.For(settings)),
        new CardSupportCheck(settings, SystemPaths.Default),
        new ClipToolsCheck(),
        .. HardwareChecks(settings),
        .. PublishingChecks(settings),
    ];

    /// <summary>
    /// Display and battery: whether SPI/GPIO/I2C are enabled for what DISPLAY and BATTERY select, and a real battery
    /// reading. The panel itself is not opened: the display daemon holds its GPIO lines ('ghostroll hardware' probes it).
    /// </summary>
    private static IEnumerable<IDoctorCheck> HardwareChecks(GhostRollSettings settings) => [new HardwareBusCheck(settings), new BatteryReadingCheck(settings)];

    /// <summary>The publishing component's S3 checks (credentials, bucket probe, privacy, clock, link length) when a bucket is set.</summary>
    private static IEnumerable<IDoctorCheck> PublishingChecks(GhostRollSettings settings) =>
        settings.LocalOnly ? [] : [new S3Doctor(settings)];

    /// <summary>Reads the battery board BATTERY selects (I2C only; harmless next to the display daemon's own readings).</summary>
    private sealed class BatteryReadingCheck(GhostRollSettings settings) : SyncDoctorCheck
    {
        public override string Name => "battery";

        protected override IReadOnlyList<DoctorResult> Run()
        {
            if (settings.Battery == "none")
            {
                return [];
            }

            try
            {
                if (BatteryGaugeFactory.Open(settings.Battery) is not { } gauge)
                {
                    return settings.Battery == "auto" ? [] : [DoctorResult.Warn(Name, $"BATTERY={settings.Battery} but no such board answers on I2C", "Check its seating, or set BATTERY=auto")];
                }

                using var monitor = new BatteryMonitor(gauge, settings.LowBatteryPercent);
                var report = monitor.Sample() ?? throw new IOException($"{gauge.Board} stopped answering after it was found");
                var status = report.Status;
                var message = string.Create(CultureInfo.InvariantCulture, $"{status.Board}: {status.Percentage:0} %, {(status.Charging ? "charging" : status.PowerPlugged ? "plugged in" : "on battery")}");
                return [report.Low ? DoctorResult.Warn(Name, message + $": low (under LOW_BATTERY_PERCENT={settings.LowBatteryPercent}); uploads wait for power", "Plug in the charger") : DoctorResult.Ok(Name, message)];
            }
            catch (IOException e)
            {
                return [DoctorResult.Fail(Name, $"the battery board does not answer: {e.Message}", "Check its seating and that I2C is enabled (dtparam=i2c_arm=on)")];
            }
        }
    }

    private sealed class FailedSettings(string settingsFile, IReadOnlyList<string> problems) : SyncDoctorCheck
    {
        public override string Name => "settings";

        protected override IReadOnlyList<DoctorResult> Run() =>
            [.. problems.Select(p => DoctorResult.Fail(Name, p, $"Fix {settingsFile}, the environment or --set; 'ghostroll setup' rewrites the file"))];
    }
}
