using GhostRoll.Imaging.Interop;

namespace GhostRoll.Imaging.Pixels;

/// <summary>
/// Keeps freed pixel mappings for the next photo instead of returning them to the kernel at once. A fresh anonymous
/// mapping costs one page fault and one zeroed page per 4 kB on first touch: for a 45 MP photo (decoded, share,
/// half-size and thumbnail buffers, 26 MB) that was 14-18 ms of a ~180 ms photo (perf: 12% of all cycles in the
/// page-fault path). Photos on one card are mostly the same size, so the next photo's buffers are found here.
/// Bounded three ways: never more than <see cref="MaxPooledBytes"/>; never more than the memory budget has free
/// (<see cref="SetLimit"/>: reserved photos plus kept buffers stay within the budget, so a HEIF photo that reserves
/// the whole budget runs with an empty pool); and whatever has not been reused for <see cref="IdleRelease"/> goes
/// back to the kernel, so an idle appliance holds no pixel memory. Every buffer is fully overwritten by its next
/// user (decoder, resampler), so stale pixels never reach an output.
/// </summary>
internal static class PixelMemory
{
    /// <summary>Enough for the buffers of two 45 MP photos in flight (the default budget admits two).</summary>
    public const long MaxPooledBytes = 64L * 1024 * 1024;

    public static readonly TimeSpan IdleRelease = TimeSpan.FromSeconds(5);

    private static readonly List<Entry> s_free = [];
    private static readonly Timer s_releaseTimer = new(_ => Release(IdleRelease), null, Timeout.Infinite, Timeout.Infinite);
    private static long s_freeBytes;
    private static long s_limit = MaxPooledBytes;

    /// <summary>Bytes currently kept for reuse (for tests and diagnostics).</summary>
    public static long PooledBytes
    {
        get
        {
            lock (s_free)
            {
                return s_freeBytes;
            }
        }
    }

    /// <summary>
    /// A kept mapping of at least <paramref name="length"/> bytes and at most a quarter more (a much larger one would
    /// keep its extra touched pages resident for nothing), or <see cref="IntPtr.Zero"/>.
    /// </summary>
    public static IntPtr TryTake(long length, out long capacity)
    {
        lock (s_free)
        {
            var best = -1;
            for (var i = 0; i < s_free.Count; i++)
            {
                var c = s_free[i].Capacity;
                if (c >= length && c - length <= length / 4 && (best < 0 || c < s_free[best].Capacity))
                {
                    best = i;
                }
            }

            if (best < 0)
            {
                capacity = 0;
                return IntPtr.Zero;
            }

            var entry = s_free[best];
            s_free.RemoveAt(best);
            s_freeBytes -= entry.Capacity;
            capacity = entry.Capacity;
            return entry.Pointer;
        }
    }

    /// <summary>Keeps a mapping for reuse, or unmaps it when the pool is full.</summary>
    public static void Return(IntPtr pointer, long capacity)
    {
        lock (s_free)
        {
            if (s_freeBytes + capacity <= s_limit)
            {
                s_free.Add(new Entry(pointer, capacity, Environment.TickCount64));
                s_freeBytes += capacity;
                s_releaseTimer.Change(IdleRelease, Timeout.InfiniteTimeSpan);
                return;
            }
        }

        _ = Libc.Munmap(pointer, (nuint)capacity);
    }

    /// <summary>
    /// Caps what may be kept (at most <see cref="MaxPooledBytes"/>) and unmaps the oldest kept mappings until the
    /// pool fits. The deriver's <c>MemoryBudget</c> calls this with its free bytes whenever a reservation changes.
    /// </summary>
    public static void SetLimit(long bytes)
    {
        List<Entry> released = [];
        lock (s_free)
        {
            s_limit = Math.Clamp(bytes, 0, MaxPooledBytes);
            while (s_freeBytes > s_limit)
            {
                var oldest = 0;
                for (var i = 1; i < s_free.Count; i++)
                {
                    if (s_free[i].ReturnedAt < s_free[oldest].ReturnedAt)
                    {
                        oldest = i;
                    }
                }

                released.Add(s_free[oldest]);
                s_freeBytes -= s_free[oldest].Capacity;
                s_free.RemoveAt(oldest);
            }
        }

        Unmap(released);
    }

    /// <summary>Unmaps every kept mapping idle for at least <paramref name="idleFor"/> (zero: all of them).</summary>
    public static void Release(TimeSpan idleFor)
    {
        List<Entry> released = [];
        lock (s_free)
        {
            var now = Environment.TickCount64;
            for (var i = s_free.Count - 1; i >= 0; i--)
            {
                if (now - s_free[i].ReturnedAt >= (long)idleFor.TotalMilliseconds)
                {
                    released.Add(s_free[i]);
                    s_freeBytes -= s_free[i].Capacity;
                    s_free.RemoveAt(i);
                }
            }

            if (s_free.Count > 0)
            {
                s_releaseTimer.Change(IdleRelease, Timeout.InfiniteTimeSpan);
            }
        }

        Unmap(released);
    }

    private static void Unmap(List<Entry> entries)
    {
        foreach (var entry in entries)
        {
            _ = Libc.Munmap(entry.Pointer, (nuint)entry.Capacity);
        }
    }

    private readonly record struct Entry(IntPtr Pointer, long Capacity, long ReturnedAt);
}
