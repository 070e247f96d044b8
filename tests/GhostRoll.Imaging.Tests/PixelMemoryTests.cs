using GhostRoll.Imaging.Deriving;
using GhostRoll.Imaging.Pixels;
using GhostRoll.TestSupport;

namespace GhostRoll.Imaging.Tests;

/// <summary>
/// Pixel buffers are recycled between photos (no page faults for the next photo's buffers), but the pool stays
/// bounded and an idle process gives the memory back. Every test owns its pool (a <see cref="PixelPool"/> or the one
/// its <see cref="MemoryBudget"/> owns): no other test, and no other budget, can change its limit or take its buffers,
/// so these run in parallel with everything else.
/// </summary>
public sealed class PixelMemoryTests
{
    private const long Size = (5L << 20) + (4096 * 3); // an odd size no other buffer in these tests has

    [Fact]
    public unsafe void The_next_photo_of_the_same_size_reuses_the_freed_buffer_and_a_much_smaller_one_does_not()
    {
        var pool = new PixelPool();
        IntPtr first;
        using (var block = NativeBlock.Allocate(Size, "test", pool))
        {
            first = (IntPtr)block.Pointer;
            block.Pointer[Size - 1] = 7;
        }

        Assert.Equal(Size, pool.PooledBytes);
        using (var small = NativeBlock.Allocate(Size / 2, "test", pool))
        {
            Assert.NotEqual(first, (IntPtr)small.Pointer); // would pin 2.5 MB of touched pages for nothing
        }

        using (var again = NativeBlock.Allocate(Size, "test", pool))
        {
            Assert.Equal(first, (IntPtr)again.Pointer);
        }

        pool.Release(TimeSpan.Zero);
        Assert.Equal(0, pool.PooledBytes);
    }

    [Fact]
    public void The_pool_never_keeps_more_than_its_bound()
    {
        var pool = new PixelPool();
        var blocks = Enumerable.Range(0, 6).Select(_ => NativeBlock.Allocate(20L << 20, "test", pool)).ToList();
        blocks.ForEach(b => b.Dispose());
        Assert.InRange(pool.PooledBytes, 20L << 20, PixelPool.MaxPooledBytes);

        // Released only once idle: a buffer returned just now stays for the next photo.
        pool.Release(TimeSpan.FromHours(1));
        Assert.NotEqual(0, pool.PooledBytes);
        pool.Release(TimeSpan.Zero);
        Assert.Equal(0, pool.PooledBytes);
    }

    [Fact]
    public async Task Kept_buffers_never_use_memory_that_a_reservation_holds()
    {
        var budget = new MemoryBudget(Size * 3);
        var pool = budget.Pixels;
        try
        {
            NativeBlock.Allocate(Size, "test", pool).Dispose();
            Assert.Equal(Size, pool.PooledBytes);

            // A photo (say a HEIF) reserving all but half a buffer: kept buffers must make room at once...
            using (await budget.ReserveAsync((Size * 3) - (Size / 2), TestContext.Current.CancellationToken))
            {
                Assert.Equal(0, pool.PooledBytes);

                // ...and buffers freed meanwhile go back to the kernel instead of into the pool.
                NativeBlock.Allocate(Size, "test", pool).Dispose();
                Assert.Equal(0, pool.PooledBytes);
            }

            NativeBlock.Allocate(Size, "test", pool).Dispose();
            Assert.Equal(Size, pool.PooledBytes);
        }
        finally
        {
            pool.Release(TimeSpan.Zero);
        }
    }

    [Fact]
    public async Task A_budget_limits_only_its_own_pool()
    {
        // The flaky failure this guards against: a tiny budget elsewhere in the process (MemoryBudgetTests use 100
        // bytes) used to set the limit of one process-wide pool, so the next photo's buffers were never kept.
        var photos = new MemoryBudget(Size * 3);
        var tiny = new MemoryBudget(100);
        using (await tiny.ReserveAsync(60, TestContext.Current.CancellationToken))
        {
            NativeBlock.Allocate(Size, "test", photos.Pixels).Dispose();
        }

        Assert.Equal(Size, photos.Pixels.PooledBytes);
        Assert.Equal(0, tiny.Pixels.PooledBytes);
        photos.Pixels.Release(TimeSpan.Zero);
    }

    [Fact]
    public async Task An_idle_process_gives_pixel_memory_back_to_the_kernel()
    {
        var pool = new PixelPool();
        NativeBlock.Allocate(Size, "test", pool).Dispose();
        Assert.Equal(Size, pool.PooledBytes);

        // The release timer fires IdleRelease after the last return. Wait for that condition, with a deadline far
        // beyond it for a loaded 2-core machine (a starved thread pool can delay the timer callback by seconds).
        await Eventually.UntilAsync(
            () => pool.PooledBytes == 0, PixelPool.IdleRelease + Eventually.Patience, every: TimeSpan.FromMilliseconds(100),
            seen: () => $"{pool.PooledBytes} bytes still pooled (release due {PixelPool.IdleRelease.TotalSeconds} s after the last return)",
            what: "the idle pool to give its memory back");
    }
}
