using GhostRoll.Configuration;
using GhostRoll.Doctor;
using GhostRoll.Sessions;
using GhostRoll.Storage;

namespace GhostRoll.Appliance.Doctor.Checks;

/// <summary>The database opens and passes <c>PRAGMA quick_check</c>; a missing one only needs a writable folder.</summary>
public sealed class DatabaseCheck(GhostRollSettings settings) : SyncDoctorCheck
{
    public override string Name => "database";

    protected override IReadOnlyList<DoctorResult> Run()
    {
        var path = Path.GetFullPath(settings.DbPath);
        if (!File.Exists(path))
        {
            var folder = Path.GetDirectoryName(path)!;
            return FolderProbe.WriteProblem(folder) is { } problem
                ? [DoctorResult.Fail(Name, $"{path} does not exist and {problem}", "Set GHOSTROLL_DB_PATH to a writable place")]
                : [DoctorResult.Ok(Name, $"{path} does not exist yet; the first import creates it")];
        }

        try
        {
            using var database = GhostRollDatabase.Open(path);
            var check = database.Check();
            if (check != "ok")
            {
                return [DoctorResult.Fail(Name, $"{path} failed PRAGMA quick_check: {check}; your photos are safe", $"Move the file aside (mv '{path}' '{path}.damaged'); the next import starts a new one")];
            }

            var sessions = database.Sessions();
            var unfinished = sessions.Count(s => s.State != SessionState.Done);
            return [DoctorResult.Ok(Name, $"{path}: quick_check ok, schema {database.SchemaVersion}, {sessions.Count} sessions ({unfinished} unfinished)")];
        }
        catch (DatabaseException e)
        {
            return [DoctorResult.Fail(Name, e.Problem, e.Advice ?? $"Check the disk (dmesg) and the file; moving it aside (mv '{path}' '{path}.damaged') lets the next import start a new one")];
        }
    }
}
