using System.CommandLine;
using GhostRoll.Appliance.Cards;
using GhostRoll.Appliance.Doctor;
using GhostRoll.Appliance.Doctor.Checks;
using GhostRoll.Appliance.Setup;
using GhostRoll.Cli.Hosting;
using GhostRoll.Configuration;

namespace GhostRoll.Cli.Commands;

/// <summary>
/// <c>ghostroll doctor</c>: an OK/WARN/FAIL list of everything an import depends on; exits 1 when anything FAILs.
/// Checks from other components plug in through <see cref="PublishingChecks"/> and <see cref="HardwareChecks"/>.
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
        .. HardwareChecks(settings),
        .. PublishingChecks(settings),
    ];

    /// <summary>
    /// Display and battery. The device-node check says whether SPI/GPIO/I2C are enabled; the hardware component's
    /// probe (it talks to the panel and the battery board) belongs here too once it exists.
    /// </summary>
    private static IEnumerable<IDoctorCheck> HardwareChecks(GhostRollSettings settings) => [new HardwareBusCheck(settings)];

    /// <summary>S3 checks (bucket reachable and private, credentials, presigning): the publishing component's S3Doctor goes here.</summary>
    private static IEnumerable<IDoctorCheck> PublishingChecks(GhostRollSettings settings) =>
        settings.LocalOnly ? [] : [new PendingPublishingCheck(settings)];

    /// <summary>Placeholder until the publishing component's S3 checks are plugged in: says so instead of staying silent.</summary>
    private sealed class PendingPublishingCheck(GhostRollSettings settings) : SyncDoctorCheck
    {
        public override string Name => "s3";

        protected override IReadOnlyList<DoctorResult> Run() =>
            [DoctorResult.Warn(Name, $"bucket {settings.S3Bucket} is configured but this build has no S3 checks yet; a test import will show whether publishing works")];
    }

    private sealed class FailedSettings(string settingsFile, IReadOnlyList<string> problems) : SyncDoctorCheck
    {
        public override string Name => "settings";

        protected override IReadOnlyList<DoctorResult> Run() =>
            [.. problems.Select(p => DoctorResult.Fail(Name, $"{p} (fix {settingsFile}, the environment or --set; 'ghostroll setup' rewrites the file)"))];
    }
}
