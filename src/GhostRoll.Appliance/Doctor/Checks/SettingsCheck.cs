using GhostRoll.Appliance.Setup;
using GhostRoll.Configuration;
using GhostRoll.Doctor;

namespace GhostRoll.Appliance.Doctor.Checks;

/// <summary>Which settings file is in use, whether its permissions keep credentials private, and the publishing mode.</summary>
public sealed class SettingsCheck(GhostRollSettings settings, string settingsFile) : SyncDoctorCheck
{
    public override string Name => "settings";

    protected override IReadOnlyList<DoctorResult> Run()
    {
        var mode = settings.LocalOnly
            ? "local-only (no S3_BUCKET): nothing leaves this machine"
            : $"publishing to s3://{settings.S3Bucket}/{settings.S3PrefixRoot}";
        if (!File.Exists(settingsFile))
        {
            return [DoctorResult.Ok(Name, $"no settings file at {settingsFile} (defaults and environment); {mode}. 'ghostroll setup' writes one.")];
        }

        var results = new List<DoctorResult> { DoctorResult.Ok(Name, $"{settingsFile}; {mode}") };
        var permissions = File.GetUnixFileMode(settingsFile);
        const UnixFileMode others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;
        if ((permissions & others) != 0 && SettingsFileText.HoldsSecrets(settingsFile))
        {
            results.Add(DoctorResult.Warn(Name, $"{settingsFile} holds credentials but other users can read it", $"Run: chmod 600 '{settingsFile}'"));
        }

        return results;
    }
}
