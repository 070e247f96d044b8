using GhostRoll.Status;
using GhostRoll.Storage;
using GhostRoll.TestSupport;

namespace GhostRoll.Core.Tests.Status;

/// <summary>The dashboard shows the free space of the disk that holds the sessions: the status carries it.</summary>
public sealed class StatusReporterFreeSpaceTests
{
    [Fact]
    public async Task Status_carries_the_free_space_of_the_sessions_disk_only_when_asked()
    {
        using var temp = new TempDirectory("status-free");
        var sessions = Directory.CreateDirectory(temp.Combine("sessions")).FullName;

        await using (var reporter = new StatusReporter([]) { FreeSpacePath = sessions })
        {
            reporter.Flush();
            var free = reporter.Current.FreeBytes;
            var actual = FreeSpace.Available(sessions);
            Assert.NotNull(free);
            Assert.NotNull(actual);
            // The same disk, read moments apart: within 64 MB of each other (other processes write meanwhile).
            Assert.InRange(free.Value, actual.Value - (64L << 20), actual.Value + (64L << 20));
        }

        await using (var reporter = new StatusReporter([]))
        {
            reporter.Flush();
            Assert.Null(reporter.Current.FreeBytes);
        }
    }
}
