using GhostRoll.Imaging.Pixels;

namespace GhostRoll.Imaging.Deriving;

/// <summary>
/// An async, FIFO, byte-weighted semaphore: each photo reserves its estimated peak working set before decoding
/// and gives it back when its outputs are written. With N workers calling at once, the sum of decoded buffers
/// never exceeds the capacity, so peak RSS stays bounded on 45 MP photos however many workers the settings ask
/// for. A request larger than the whole budget runs alone (it is clamped to the capacity) instead of deadlocking.
/// FIFO order keeps a big photo from being starved by a stream of small ones. The budget owns the pool of pixel
/// buffers its photos reuse (<see cref="Pixels"/>): whatever is not reserved is all that pool may keep, so reserved
/// plus kept pixel memory stays within the budget.
/// </summary>
public sealed class MemoryBudget
{
    private readonly Lock _gate = new();
    private readonly Queue<Waiter> _waiters = new();
    private long _used;

    public MemoryBudget(long capacityBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacityBytes);
        Capacity = capacityBytes;
        Pixels = new PixelPool(capacityBytes);
    }

    public long Capacity { get; }

    /// <summary>Freed pixel buffers kept for this budget's next photos; only this budget sets its limit.</summary>
    internal PixelPool Pixels { get; }

    /// <summary>Bytes currently reserved.</summary>
    public long InUse
    {
        get
        {
            lock (_gate)
            {
                return _used;
            }
        }
    }

    /// <summary>Highest reservation total seen (for the benchmark's report).</summary>
    public long PeakInUse { get; private set; }

    public async ValueTask<Reservation> ReserveAsync(long bytes, CancellationToken cancellationToken)
    {
        bytes = Math.Clamp(bytes, 1, Capacity);
        Waiter? waiter = null;
        lock (_gate)
        {
            if (_waiters.Count == 0 && _used + bytes <= Capacity)
            {
                Take(bytes);
            }
            else
            {
                waiter = new Waiter(bytes);
                _waiters.Enqueue(waiter);
            }
        }

        if (waiter is null)
        {
            LimitPixelPool();
            return new Reservation(this, bytes);
        }

        using (cancellationToken.Register(static w => ((Waiter)w!).Completion.TrySetCanceled(), waiter))
        {
            try
            {
                await waiter.Completion.Task.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                lock (_gate)
                {
                    // Granted just as it was cancelled: give the bytes back; else leave the queue to skip it.
                    if (waiter.Granted)
                    {
                        Return(bytes);
                    }
                }

                throw;
            }
        }

        return new Reservation(this, bytes);
    }

    private void Take(long bytes)
    {
        _used += bytes;
        PeakInUse = Math.Max(PeakInUse, _used);
    }

    private void Return(long bytes)
    {
        _used -= bytes;
        while (_waiters.TryPeek(out var next))
        {
            if (next.Completion.Task.IsCanceled)
            {
                _waiters.Dequeue();
                continue;
            }

            if (_used + next.Bytes > Capacity)
            {
                break;
            }

            _waiters.Dequeue();
            Take(next.Bytes);
            next.Granted = true;
            if (!next.Completion.TrySetResult())
            {
                // Cancelled between the check and now: undo and keep looking.
                _used -= next.Bytes;
                next.Granted = false;
            }
        }
    }

    internal void Release(long bytes)
    {
        lock (_gate)
        {
            Return(bytes);
        }

        LimitPixelPool();
    }

    /// <summary>Kept pixel buffers may use what no reservation holds (waiters woken by a release are counted).</summary>
    private void LimitPixelPool() => Pixels.SetLimit(Capacity - InUse);

    private sealed class Waiter(long bytes)
    {
        public long Bytes { get; } = bytes;

        public bool Granted { get; set; }

        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Bytes held until disposed.</summary>
    public sealed class Reservation : IDisposable
    {
        private MemoryBudget? _owner;

        internal Reservation(MemoryBudget owner, long bytes)
        {
            _owner = owner;
            Bytes = bytes;
        }

        public long Bytes { get; }

        public void Dispose() => Interlocked.Exchange(ref _owner, null)?.Release(Bytes);
    }
}
