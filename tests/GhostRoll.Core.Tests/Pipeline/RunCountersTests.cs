using GhostRoll.Pipeline;

namespace GhostRoll.Core.Tests.Pipeline;

/// <summary>The figures a session run reports (status counts, its result and summary) while many workers count at once.</summary>
public sealed class RunCountersTests
{
    [Fact]
    public async Task Counts_from_many_workers_at_once_add_up_exactly()
    {
        var counters = new RunCounters();
        var workers = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                counters.FileCopied(3);
                counters.DuplicateFound();
                counters.CopyFailed();
                counters.GroupDerived(failed: i % 10 == 0);
                counters.EntryPublished();
                counters.PublishFailed();
            }
        }, TestContext.Current.CancellationToken)).ToArray();
        await Task.WhenAll(workers);

        Assert.Equal(new RunCounts(40_000, 120_000, 40_000, 40_000, 40_000, 4_000, 40_000, 40_000), counters.Snapshot());
    }

    [Fact]
    public void Each_count_returns_the_running_total_the_status_shows()
    {
        var counters = new RunCounters();

        Assert.Equal(1, counters.FileCopied(100));
        Assert.Equal(2, counters.FileCopied(50));
        Assert.Equal(1, counters.GroupDerived(failed: true));
        Assert.Equal(2, counters.GroupDerived(failed: false));
        Assert.Equal(1, counters.EntryPublished());

        Assert.Equal(new RunCounts(2, 150, 0, 0, 2, 1, 1, 0), counters.Snapshot());
    }

    [Fact]
    public async Task A_snapshot_never_shows_a_copy_without_its_bytes_or_a_derive_error_without_its_derive()
    {
        var counters = new RunCounters();
        var writers = Enumerable.Range(0, 3).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 20_000; i++)
            {
                counters.FileCopied(7);
                counters.GroupDerived(failed: true);
            }
        }, TestContext.Current.CancellationToken)).ToArray();

        // Read while the writers run, however the machine schedules them, until they are done.
        int snapshots = 0, torn = 0;
        var all = Task.WhenAll(writers);
        while (!all.IsCompleted)
        {
            var s = counters.Snapshot();
            snapshots++;
            if (s.CopiedBytes != s.Copied * 7L || s.DeriveErrors != s.Derived)
            {
                torn++;
            }
        }

        await all;
        Assert.Equal(0, torn);
        Assert.True(snapshots > 0);
        Assert.Equal(new RunCounts(60_000, 420_000, 0, 0, 60_000, 60_000, 0, 0), counters.Snapshot());
    }
}
