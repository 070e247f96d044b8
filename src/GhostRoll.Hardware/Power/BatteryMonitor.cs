using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GhostRoll.Hardware.Power;

/// <summary>A battery reading plus the monitor's verdict.</summary>
/// <param name="Low">Below LOW_BATTERY_PERCENT and not charging, with hysteresis: the appliance defers uploads.</param>
public sealed record BatteryReport(BatteryStatus Status, bool Low);

/// <summary>
/// Samples a gauge at a steady pace (which feeds its 30-sample average) and says whether the battery is low.
/// "Low" starts when the level drops below <see cref="LowPercent"/> while running on battery, and ends when power is
/// plugged in or the level climbs <see cref="HysteresisPercent"/> points above the threshold, so a reading that
/// wobbles around the threshold does not flip uploads on and off. After <see cref="FailuresBeforeGone"/> failed
/// readings in a row <see cref="Latest"/> becomes null: no battery is shown rather than a stale one.
/// Owns the gauge.
/// </summary>
public sealed class BatteryMonitor : IDisposable
{
    /// <summary>PiSugar's server polls a PiSugar 3 every 500 ms; 30 samples then span 15 s.</summary>
    public static readonly TimeSpan DefaultSampleInterval = TimeSpan.FromMilliseconds(500);

    public const double DefaultHysteresisPercent = 5;
    public const int FailuresBeforeGone = 3;

    private readonly IBatteryGauge _gauge;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private ITimer? _timer;
    private volatile BatteryReport? _latest;
    private bool _low;
    private int _failures;
    private bool _disposed;

    public BatteryMonitor(IBatteryGauge gauge, int lowPercent, TimeProvider? time = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(gauge);
        ArgumentOutOfRangeException.ThrowIfNegative(lowPercent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(lowPercent, 100);
        _gauge = gauge;
        LowPercent = lowPercent;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>LOW_BATTERY_PERCENT; 0 turns the warning off.</summary>
    public int LowPercent { get; }

    public double HysteresisPercent { get; init; } = DefaultHysteresisPercent;

    public TimeSpan SampleInterval { get; init; } = DefaultSampleInterval;

    public string Board => _gauge.Board;

    /// <summary>The most recent report; null before the first good reading or once the board stopped answering.</summary>
    public BatteryReport? Latest => _latest;

    /// <summary>Samples now, then every <see cref="SampleInterval"/> on a timer.</summary>
    public void Start()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _timer ??= _time.CreateTimer(static state => ((BatteryMonitor)state!).Sample(), this, TimeSpan.Zero, SampleInterval);
        }
    }

    /// <summary>Takes one reading and updates <see cref="Latest"/>; returns it (null if the board did not answer).</summary>
    public BatteryReport? Sample()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return null;
            }

            BatteryStatus status;
            try
            {
                status = _gauge.Read();
            }
            catch (IOException e)
            {
                _failures++;
                if (_failures == FailuresBeforeGone)
                {
                    Log.BatteryGone(_logger, _gauge.Board, _failures, e.Message);
                    _latest = null;
                }

                return null;
            }

            _failures = 0;
            var low = Judge(status);
            if (low != _low)
            {
                Log.BatteryLowChanged(_logger, _gauge.Board, low, status.Percentage, status.Charging);
                _low = low;
            }

            var report = new BatteryReport(status, low);
            _latest = report;
            return report;
        }
    }

    private bool Judge(BatteryStatus status)
    {
        if (status.Charging || status.PowerPlugged || LowPercent == 0)
        {
            return false;
        }

        return _low ? status.Percentage < LowPercent + HysteresisPercent : status.Percentage < LowPercent;
    }

    public void Dispose()
    {
        ITimer? timer;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            timer = _timer;
            _timer = null;
            _gauge.Dispose();
        }

        timer?.Dispose();
    }
}
