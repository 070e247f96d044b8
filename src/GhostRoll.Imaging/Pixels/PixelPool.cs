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
/// Each <see cref="Deriving.MemoryBudget"/> owns one pool (<see cref="Deriving.MemoryBudget.Pixels"/>) and is the
/// only one that sets its limit; allocations name the pool they may reuse from (none: a fresh mapping, unmapped on
/// dispose). There is no process-wide pool, so two budgets (or two tests) never overwrite each other's limit.
/// Whenever buffers are kept the idle timer is scheduled, and a scheduled timer keeps the pool reachable, so a
/// pool whose budget was dropped still gives its buffers back.
/// </summary>
internal sealed class PixelPool
{
    /// <summary>Enough for the buffers of two 45 MP photos in flight (the default budget admits two).</summary>
    public const long MaxPooledBytes = 64L * 1024 * 1024;

    public static readonly TimeSpan IdleRelease = TimeSpan.FromSeconds(5);

    private readonly List<Entry> _free = [];
    private readonly Timer _releaseTimer;
    private long _freeBytes;
    private long _limit;

    public PixelPool(long limit = MaxPooledBytes)
    {
        _limit = Math.Clamp(limit, 0, MaxPooledBytes);
        _releaseTimer = new Timer(static pool => ((PixelPool)pool!).Release(IdleRelease), this, Timeout.Infinite, Timeout.Infinite);
    }

    /// <summary>Bytes currently kept for reuse (for tests and diagnostics).</summary>
    public long PooledBytes
    {
        get
        {
            lock (_free)
            {
                return _freeBytes;
            }
        }
    }

    /// <summary>
    /// A kept mapping of at least <paramref name="length"/> bytes and at most a quarter more (a much larger one would
    /// keep its extra touched pages resident for nothing), or <see cref="IntPtr.Zero"/>.
    /// </summary>
    public IntPtr TryTake(long length, out long capacity)
    {
        lock (_free)
        {
            var best = -1;
            for (var i = 0; i < _free.Count; i++)
            {
                var c = _free[i].Capacity;
                if (c >= length && c - length <= length / 4 && (best < 0 || c < _free[best].Capacity))
                {
                    best = i;
                }
            }

            if (best < 0)
            {
                capacity = 0;
                return IntPtr.Zero;
            }

            var entry = _free[best];
            _free.RemoveAt(best);
            _freeBytes -= entry.Capacity;
            capacity = entry.Capacity;
            return entry.Pointer;
        }
    }

    /// <summary>Keeps a mapping for reuse, or unmaps it when the pool is full.</summary>
    public void Return(IntPtr pointer, long capacity)
    {
        lock (_free)
        {
            if (_freeBytes + capacity <= _limit)
            {
                _free.Add(new Entry(pointer, capacity, Environment.TickCount64));
                _freeBytes += capacity;
                _releaseTimer.Change(IdleRelease, Timeout.InfiniteTimeSpan);
                return;
            }
        }

        _ = Libc.Munmap(pointer, (nuint)capacity);
    }

    /// <summary>
    /// Caps what may be kept (at most <see cref="MaxPooledBytes"/>) and unmaps the oldest kept mappings until the
    /// pool fits. The owning <c>MemoryBudget</c> calls this with its free bytes whenever a reservation changes.
    /// </summary>
    public void SetLimit(long bytes)
    {
        List<Entry> released = [];
        lock (_free)
        {
            _limit = Math.Clamp(bytes, 0, MaxPooledBytes);
            while (_freeBytes > _limit)
            {
                var oldest = 0;
                for (var i = 1; i < _free.Count; i++)
                {
                    if (_free[i].ReturnedAt < _free[oldest].ReturnedAt)
                    {
                        oldest = i;
                    }
                }

                released.Add(_free[oldest]);
                _freeBytes -= _free[oldest].Capacity;
                _free.RemoveAt(oldest);
            }
        }

        Unmap(released);
    }

    /// <summary>Unmaps every kept mapping idle for at least <paramref name="idleFor"/> (zero: all of them).</summary>
    public void Release(TimeSpan idleFor)
    {
        List<Entry> released = [];
        lock (_free)
        {
            var now = Environment.TickCount64;
            for (var i = _free.Count - 1; i >= 0; i--)
            {
                if (now - _free[i].ReturnedAt >= (long)idleFor.TotalMilliseconds)
                {
                    released.Add(_free[i]);
                    _freeBytes -= _free[i].Capacity;
                    _free.RemoveAt(i);
                }
            }

            if (_free.Count > 0)
            {
                _releaseTimer.Change(IdleRelease, Timeout.InfiniteTimeSpan);
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
