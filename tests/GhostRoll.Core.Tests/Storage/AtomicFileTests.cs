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
        StatusFile.Write(path, new StatusDocument { State = StatusStates.Running, Step = "ingest", SessionId = "shoot-x", Counts = new StatusCounts { Discovered = 3, ProcessedTotal = 2 }, Url = "https://x" });

        var text = File.ReadAllText(path);
        foreach (var field in new[] { "\"state\"", "\"step\"", "\"message\"", "\"session_id\"", "\"volume\"", "\"counts\"", "\"discovered\"", "\"processed_total\"", "\"uploaded_done\"", "\"url\"", "\"qr_path\"", "\"hostname\"", "\"ip\"", "\"updated_unix\"", "\"battery_percentage\"", "\"battery_charging\"" })
        {
            Assert.Contains(field, text, StringComparison.Ordinal);
        }

        Assert.Equal("shoot-x", StatusFile.TryRead(path)!.SessionId);
        File.WriteAllText(path, "{ torn");
        Assert.Null(StatusFile.TryRead(path));
    }
}
