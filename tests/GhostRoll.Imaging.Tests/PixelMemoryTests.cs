using GhostRoll.Imaging.Deriving;
using GhostRoll.Imaging.Pixels;

namespace GhostRoll.Imaging.Tests;

/// <summary>
/// Pixel buffers are recycled between photos (no page faults for the next photo's buffers), but the pool stays
/// bounded and an idle process gives the memory back. Runs alone: the pool is process-wide.
/// </summary>
[Collection(nameof(NativeResourceCollection))]
public sealed class PixelMemoryTests
{
    private const long Size = (5L << 20) + (4096 * 3); // an odd size no other buffer in these tests has

    [Fact]
    public unsafe void The_next_photo_of_the_same_size_reuses_the_freed_buffer_and_a_much_smaller_one_does_not()
    {
        PixelMemory.Release(TimeSpan.Zero);
        IntPtr first;
        using (var block = NativeBlock.Allocate(Size, "test"))
        {
            first = (IntPtr)block.Pointer;
            block.Pointer[Size - 1] = 7;
        }

        Assert.Equal(Size, PixelMemory.PooledBytes);
        using (var small = NativeBlock.Allocate(Size / 2, "test"))
        {
            Assert.NotEqual(first, (IntPtr)small.Pointer); // would pin 2.5 MB of touched pages for nothing
        }

        using (var again = NativeBlock.Allocate(Size, "test"))
        {
            Assert.Equal(first, (IntPtr)again.Pointer);
        }

        PixelMemory.Release(TimeSpan.Zero);
        Assert.Equal(0, PixelMemory.PooledBytes);
    }

    [Fact]
    public void The_pool_never_keeps_more_than_its_bound()
    {
        PixelMemory.Release(TimeSpan.Zero);
        var blocks = Enumerable.Range(0, 6).Select(_ => NativeBlock.Allocate(20L << 20, "test")).ToList();
        blocks.ForEach(b => b.Dispose());
        Assert.InRange(PixelMemory.PooledBytes, 20L << 20, PixelMemory.MaxPooledBytes);

        // Released only once idle: a buffer returned just now stays for the next photo.
        PixelMemory.Release(TimeSpan.FromHours(1));
        Assert.NotEqual(0, PixelMemory.PooledBytes);
        PixelMemory.Release(TimeSpan.Zero);
        Assert.Equal(0, PixelMemory.PooledBytes);
    }

    [Fact]
    public async Task Kept_buffers_never_use_memory_that_a_reservation_holds()
    {
        PixelMemory.Release(TimeSpan.Zero);
        try
        {
            NativeBlock.Allocate(Size, "test").Dispose();
            Assert.Equal(Size, PixelMemory.PooledBytes);
            var budget = new MemoryBudget(Size * 3);

            // A photo (say a HEIF) reserving all but half a buffer: kept buffers must make room at once...
            using (await budget.ReserveAsync((Size * 3) - (Size / 2), TestContext.Current.CancellationToken))
            {
                Assert.Equal(0, PixelMemory.PooledBytes);

                // ...and buffers freed meanwhile go back to the kernel instead of into the pool.
                NativeBlock.Allocate(Size, "test").Dispose();
                Assert.Equal(0, PixelMemory.PooledBytes);
            }

            NativeBlock.Allocate(Size, "test").Dispose();
            Assert.Equal(Size, PixelMemory.PooledBytes);
        }
        finally
        {
            PixelMemory.SetLimit(PixelMemory.MaxPooledBytes);
            PixelMemory.Release(TimeSpan.Zero);
        }
    }

    [Fact]
    public async Task An_idle_process_gives_pixel_memory_back_to_the_kernel()
    {
        PixelMemory.Release(TimeSpan.Zero);
        NativeBlock.Allocate(Size, "test").Dispose();
        Assert.Equal(Size, PixelMemory.PooledBytes);

        // The release timer fires IdleRelease after the last return; allow generous slack on a loaded machine.
        var deadline = DateTime.UtcNow + PixelMemory.IdleRelease + TimeSpan.FromSeconds(20);
        while (PixelMemory.PooledBytes != 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        Assert.Equal(0, PixelMemory.PooledBytes);
    }
}
