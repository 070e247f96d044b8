using GhostRoll.Core.Tests.Support;
using GhostRoll.Pipeline;
using GhostRoll.TestSupport;

namespace GhostRoll.Core.Tests.Pipeline;

/// <summary>A real ENOSPC: the sessions folder on a small tmpfs, grown afterwards with a remount (tmpfs keeps its data).</summary>
public sealed class DiskFullTests
{
    [Fact]
    public async Task A_full_destination_stops_with_a_clear_error_and_the_next_run_completes()
    {
        using var temp = new TempDirectory("enospc");
        var mountPoint = Directory.CreateDirectory(temp.Combine("small")).FullName;
        if (!Mounts.TryMountTmpfs(mountPoint, "3m"))
        {
            Assert.Skip("needs root to mount a tmpfs (CI runs as root)");
        }

        try
        {
            await using var h = new PipelineHarness(s =>
            {
                s.BaseDir = mountPoint;
                s.MinFreeBytes = long.MinValue / 4; // disable the reserve check: we want the kernel's ENOSPC itself
            });
            var card = Fixtures.Card("orientation"); // 5.4 MB of photos > 3 MB tmpfs

            var error = await Record.ExceptionAsync(() => h.RunAsync(card)) as ImportException;
            Assert.True(error is not null, h.LogText.ToString());

            Assert.Contains("is full", error!.Message, StringComparison.Ordinal);
            Assert.Contains("re-insert the card", error.Message, StringComparison.Ordinal);
            Assert.Equal("ok", h.Database.Check(full: true));
            var session = Assert.Single(h.Database.Sessions());
            var ingested = h.Database.IngestedCount();
            Assert.Equal(ingested, h.Originals(session.SessionDir).Count); // recorded == really on disk
            Assert.Empty(Directory.EnumerateFiles(mountPoint, "*" + GhostRoll.Storage.AtomicFile.TempSuffix, SearchOption.AllDirectories));

            Assert.True(Mounts.Resize(mountPoint, "64m"));
            var next = await h.RunAsync(card);

            Assert.Equal(ImportOutcome.Completed, next.Outcome);
            Assert.Equal(session.SessionId, next.SessionId);
            Assert.Equal(18, h.Originals(session.SessionDir).Count);
        }
        finally
        {
            Mounts.Unmount(mountPoint);
        }
    }
}
