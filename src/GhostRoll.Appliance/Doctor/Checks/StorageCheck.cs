using GhostRoll.Configuration;
using GhostRoll.Doctor;
using GhostRoll.Storage;

namespace GhostRoll.Appliance.Doctor.Checks;

/// <summary>The folders GhostRoll writes (sessions, status.json, status.png) are writable, and the sessions disk has room.</summary>
public sealed class StorageCheck : SyncDoctorCheck
{
    /// <summary>Below this, warn: a day of RAW shooting fills it (and the issue asks for 2 GB).</summary>
    public const long LowSpaceBytes = 2L * 1024 * 1024 * 1024;

    private readonly GhostRollSettings _settings;
    private readonly Func<string, long?> _freeBytes;

    /// <param name="freeBytes">Free bytes on the file system holding a folder (tests substitute a fixed value).</param>
    public StorageCheck(GhostRollSettings settings, Func<string, long?>? freeBytes = null)
    {
        _settings = settings;
        _freeBytes = freeBytes ?? FreeSpace.Available;
    }

    public override string Name => "storage";

    protected override IReadOnlyList<DoctorResult> Run()
    {
        var results = new List<DoctorResult>();
        foreach (var (what, folder) in new[]
                 {
                     ("sessions folder", _settings.SessionsDir),
                     ("status.json folder", Path.GetDirectoryName(Path.GetFullPath(_settings.StatusPath))!),
                     ("status.png folder", Path.GetDirectoryName(Path.GetFullPath(_settings.StatusImagePath))!),
                 }.DistinctBy(f => f.Item2))
        {
            results.Add(FolderProbe.WriteProblem(folder) is { } problem
                ? DoctorResult.Fail(Name, $"{what}: {problem}", "Fix the permissions or point the setting elsewhere ('ghostroll config' shows which)")
                : DoctorResult.Ok(Name, $"{what} {folder} is writable"));
        }

        var existing = FolderProbe.NearestExisting(_settings.SessionsDir);
        if (existing is not null && _freeBytes(existing) is { } free)
        {
            var shown = Bytes.Format(free);
            if (free < _settings.MinFreeBytes)
            {
                results.Add(DoctorResult.Fail(Name, $"only {shown} free for sessions in {existing}, below MIN_FREE_MB: imports stop copying", "Free some space or move BASE_DIR"));
            }
            else if (free < LowSpaceBytes)
            {
                results.Add(DoctorResult.Warn(Name, $"{shown} free for sessions in {existing} (under 2 GB): a full card may not fit", "Free some space or move BASE_DIR"));
            }
            else
            {
                results.Add(DoctorResult.Ok(Name, $"{shown} free for sessions in {existing}"));
            }
        }

        return results;
    }
}
