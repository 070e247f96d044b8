namespace GhostRoll.Status;

/// <summary>How far the whole import is and how long it still needs, as the panel, the CLI and status.json show it.</summary>
/// <param name="Fraction">0..1 across all steps.</param>
/// <param name="EtaSeconds">Time left; null until the estimate is stable, and while it jumps.</param>
/// <param name="CopyBytesPerSecond">Smoothed copy speed; null before two samples of copying.</param>
internal sealed record ProgressEstimate(double Fraction, int? EtaSeconds, double? CopyBytesPerSecond);

/// <summary>
/// Overall progress and time left from the counts a run already keeps. The steps overlap (pictures are made while
/// the card is still being copied), so there is one fraction for the whole import, weighted by what each step
/// costs on a Pi, and one smoothed rate of that fraction. Pure: the caller passes the time, so tests use a manual
/// clock. Not thread-safe (the status reporter calls it under its lock).
/// </summary>
internal sealed class ProgressEstimator
{
    /// <summary>
    /// Share of the work per step. Copying is by bytes (a RAW is 5-10 times a JPEG); processing decodes every photo
    /// and costs about as much CPU time on a Pi as reading the card; uploading share-size images is the smallest part.
    /// </summary>
    private const double CopyWeight = 0.5;
    private const double ProcessWeight = 0.35;
    private const double UploadWeight = 0.15;

    /// <summary>No estimate before this much time and work: the first seconds mix card spin-up and small files.</summary>
    public static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(10);
    public const double MinimumFraction = 0.05;

    /// <summary>Time constant of the smoothing: a rate change shows about 63 % after this long.</summary>
    private static readonly TimeSpan Smoothing = TimeSpan.FromSeconds(20);

    /// <summary>Samples closer together than this do not update the rate (status is written up to 4 times a second).</summary>
    private static readonly TimeSpan MinimumSample = TimeSpan.FromSeconds(1);

    /// <summary>An estimate that moved more than this share (and more than <see cref="JumpFloorSeconds"/>) since the last one is not shown.</summary>
    private const double JumpTolerance = 0.5;
    private const double JumpFloorSeconds = 30;

    private DateTimeOffset? _start;
    private DateTimeOffset _lastSample;
    private double _lastFraction;
    private long _lastBytes;
    private double? _rate;
    private double? _bytesRate;
    private (double Seconds, DateTimeOffset At)? _lastEstimate;

    /// <summary>The whole import done, 0..1; 0 when no step has work yet.</summary>
    public static double Overall(StatusCounts counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        double weight = 0, done = 0;
        if (counts.CopiedBytesTotal > 0)
        {
            Add(CopyWeight, counts.CopiedBytesDone, counts.CopiedBytesTotal);
        }
        else if (counts.CopiedTotal > 0)
        {
            Add(CopyWeight, counts.CopiedDone, counts.CopiedTotal);
        }

        if (counts.ProcessedTotal > 0)
        {
            Add(ProcessWeight, counts.ProcessedDone, counts.ProcessedTotal);
        }

        if (counts.UploadedTotal > 0)
        {
            Add(UploadWeight, counts.UploadedDone, counts.UploadedTotal);
        }

        return weight == 0 ? 0 : Math.Clamp(done / weight, 0, 1);

        void Add(double w, double stepDone, double stepTotal)
        {
            weight += w;
            done += w * Math.Clamp(stepDone / stepTotal, 0, 1);
        }
    }

    /// <summary>Takes a sample of the counts at <paramref name="now"/> and returns the estimate to show.</summary>
    public ProgressEstimate Observe(StatusCounts counts, DateTimeOffset now)
    {
        var fraction = Overall(counts);
        if (_start is not { } start)
        {
            _start = now;
            (_lastSample, _lastFraction, _lastBytes) = (now, fraction, counts.CopiedBytesDone);
            return new ProgressEstimate(fraction, null, null);
        }

        var elapsed = now - _lastSample;
        if (elapsed >= MinimumSample)
        {
            var seconds = elapsed.TotalSeconds;
            // Time-based smoothing weight, so irregular sample spacing does not change how fast the rate follows.
            var alpha = 1 - Math.Exp(-seconds / Smoothing.TotalSeconds);
            _rate = Smooth(_rate, Math.Max(0, fraction - _lastFraction) / seconds, alpha);
            if (counts.CopiedBytesTotal > 0)
            {
                _bytesRate = Smooth(_bytesRate, Math.Max(0, counts.CopiedBytesDone - _lastBytes) / seconds, alpha);
            }

            (_lastSample, _lastFraction, _lastBytes) = (now, fraction, counts.CopiedBytesDone);
        }

        var copying = counts.CopiedBytesTotal > 0 && counts.CopiedBytesDone < counts.CopiedBytesTotal;
        return new ProgressEstimate(fraction, Eta(fraction, now - start, now), copying ? _bytesRate : null);
    }

    private int? Eta(double fraction, TimeSpan running, DateTimeOffset now)
    {
        if (fraction >= 1)
        {
            _lastEstimate = null;
            return 0;
        }

        if (_rate is not > 0 || running < WarmUp || fraction < MinimumFraction)
        {
            _lastEstimate = null;
            return null;
        }

        var estimate = (1 - fraction) / _rate.Value;
        var previous = _lastEstimate;
        _lastEstimate = (estimate, now);
        if (previous is { } p)
        {
            // What the last estimate predicts for now; an estimate far from it is a jump (a big RAW after small
            // JPEGs, a stalled upload) and is not shown until the next sample agrees.
            var expected = Math.Max(0, p.Seconds - (now - p.At).TotalSeconds);
            if (Math.Abs(estimate - expected) > Math.Max(JumpFloorSeconds, JumpTolerance * expected))
            {
                return null;
            }
        }
        else
        {
            return null;
        }

        return (int)Math.Ceiling(Math.Min(estimate, TimeSpan.FromDays(1).TotalSeconds));
    }

    private static double Smooth(double? current, double sample, double alpha) =>
        current is { } c ? c + (alpha * (sample - c)) : sample;
}
