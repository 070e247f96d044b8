using GhostRoll.Status;
using GhostRoll.Storage;
using GhostRoll.TestSupport;

namespace GhostRoll.Core.Tests.Storage;

public sealed class AtomicFileTests
{
    [Fact]
    public void A_failed_write_leaves_the_old_file_and_no_temporary()
    {
        using var temp = new TempDirectory("atomic");
        var path = temp.Combine("status.json");
        AtomicFile.WriteAllText(path, "old");

        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, s =>
        {
            s.Write("half"u8);
            throw new InvalidOperationException("writer died");
        }));

        Assert.Equal("old", File.ReadAllText(path));
        Assert.Single(Directory.EnumerateFileSystemEntries(temp.Path));
    }

    [Fact]
    public void Status_round_trips_with_the_reference_field_names()
    {
        using var temp = new TempDirectory("status");
        var path = temp.Combine("status.json");
        StatusFile.Write(path, new StatusDocument { State = StatusStates.Running, Step = StatusStep.Ingest, SessionId = "shoot-x", Counts = new StatusCounts { Discovered = 3, ProcessedTotal = 2 }, Url = "https://x" });

        var text = File.ReadAllText(path);
        foreach (var field in new[] { "\"state\"", "\"step\"", "\"message\"", "\"session_id\"", "\"volume\"", "\"counts\"", "\"discovered\"", "\"processed_total\"", "\"uploaded_done\"", "\"url\"", "\"qr_path\"", "\"hostname\"", "\"ip\"", "\"updated_unix\"", "\"battery_percentage\"", "\"battery_charging\"" })
        {
            Assert.Contains(field, text, StringComparison.Ordinal);
        }

        Assert.Equal("shoot-x", StatusFile.TryRead(path)!.SessionId);
        File.WriteAllText(path, "{ torn");
        Assert.Null(StatusFile.TryRead(path));
    }

    [Fact]
    public void Temporary_files_of_processes_that_are_gone_are_removed_and_those_of_running_ones_kept()
    {
        // What a power cut in the middle of writing status.png leaves (found by the VM power-loss trials).
        using var dir = new TempDirectory("orphans");
        using var gone = System.Diagnostics.Process.Start("/bin/true")!;
        gone.WaitForExit();
        var orphan = Path.Combine(dir.Path, Path.GetFileName(AtomicFile.TempNameFor(dir.Combine("status.png"))).Replace($".{Environment.ProcessId}.", $".{gone.Id}.", StringComparison.Ordinal));
        var running = Path.Combine(dir.Path, $".status-large.png.1.{Guid.NewGuid():N}{AtomicFile.TempSuffix}"); // pid 1 always runs
        var ours = AtomicFile.TempNameFor(dir.Combine("status.json"));
        var notOurs = dir.Combine(".notes.4.txt");
        foreach (var file in new[] { orphan, running, ours, notOurs })
        {
            File.WriteAllText(file, "x");
        }

        Assert.Equal(1, AtomicFile.RemoveOrphans(dir.Path));

        Assert.False(File.Exists(orphan));
        Assert.True(File.Exists(running));
        Assert.True(File.Exists(ours));
        Assert.True(File.Exists(notOurs));
        Assert.Equal(0, AtomicFile.RemoveOrphans(dir.Combine("missing"))); // a folder that does not exist yet is no error
    }
}
