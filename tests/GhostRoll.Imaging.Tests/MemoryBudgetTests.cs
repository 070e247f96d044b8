using GhostRoll.Imaging.Deriving;
using GhostRoll.Imaging.Tests.Support;
using GhostRoll.Pipeline;
using GhostRoll.TestSupport;

namespace GhostRoll.Imaging.Tests;

public sealed class MemoryBudgetTests
{
    [Fact]
    public async Task Reservations_never_exceed_the_capacity_under_concurrency()
    {
        var budget = new MemoryBudget(100);
        var inUseMax = 0L;
        var tasks = Enumerable.Range(0, 40).Select(async i =>
        {
            using var r = await budget.ReserveAsync(10 + (i % 5 * 15), CancellationToken.None);
            var now = budget.InUse;
            InterlockedMax(ref inUseMax, now);
            await Task.Yield();
            Thread.SpinWait(2000);
        });
        await Task.WhenAll(tasks);
        Assert.InRange(inUseMax, 1, 100);
        Assert.Equal(0, budget.InUse);
        Assert.InRange(budget.PeakInUse, 1, 100);
    }

    [Fact]
    public async Task Request_larger_than_the_budget_runs_alone_instead_of_deadlocking()
    {
        var budget = new MemoryBudget(100);
        var small = await budget.ReserveAsync(30, CancellationToken.None);
        var big = budget.ReserveAsync(500, CancellationToken.None);
        Assert.False(big.IsCompleted);
        small.Dispose();
        var granted = await big;
        Assert.Equal(100, granted.Bytes);
        var tiny = budget.ReserveAsync(1, CancellationToken.None);
        Assert.False(tiny.IsCompleted); // the oversized photo runs alone
        granted.Dispose();
        (await tiny).Dispose();
        Assert.Equal(0, budget.InUse);
    }

    [Fact]
    public async Task Waiting_reservation_can_be_cancelled_and_frees_nothing_it_did_not_get()
    {
        var budget = new MemoryBudget(100);
        var holder = await budget.ReserveAsync(90, CancellationToken.None);
        using var cts = new CancellationTokenSource();
        var waiting = budget.ReserveAsync(50, cts.Token);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await waiting);
        holder.Dispose();
        Assert.Equal(0, budget.InUse);
        using var next = await budget.ReserveAsync(100, CancellationToken.None);
        Assert.Equal(100, budget.InUse);
    }

    [Fact]
    public async Task Many_workers_deriving_large_photos_stay_inside_a_small_budget()
    {
        using var dir = new TempDirectory("imaging-budget");
        var budget = new MemoryBudget(48L * 1024 * 1024);
        var deriver = new ImageDeriver(budget: budget);
        var photos = new[] { "DCIM/100CANON/_MG_0633.JPG", "DCIM/100CANON/_K6A7943.JPG", "DCIM/Camera/aarhus.jpg", "DCIM/100_PANA/Panasonic_DMC-LX3.jpg" };
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            var group = FixtureGroups.Single("basic", photos[i % photos.Length]) with { Key = $"W{i}/photo" };
            return await deriver.DeriveAsync(new DeriveRequest(group, dir.Path, FixtureGroups.DefaultOptions(webp: false)), TestContext.Current.CancellationToken);
        })));
        Assert.All(outcomes, o => Assert.Null(o.Error));
        Assert.InRange(budget.PeakInUse, 1, budget.Capacity);
        Assert.Equal(0, budget.InUse);
    }

    private static void InterlockedMax(ref long target, long value)
    {
        long current;
        while (value > (current = Interlocked.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
