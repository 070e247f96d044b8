namespace GhostRoll.Hardware.Power;

/// <summary>
/// A battery's voltage-to-percentage curve, applied exactly as PiSugar's server does
/// (pisugar-power-manager-rs <c>pisugar-core/src/lib.rs</c>, <c>convert_battery_voltage_to_level</c>): points run from
/// high voltage to low; at or above the first point the level is its percentage; otherwise the first point whose
/// voltage is at or below the reading is interpolated linearly with the point before it; below the last point, 0.
/// </summary>
internal sealed class BatteryCurve
{
    private readonly (double Volts, double Percent)[] _points;

    public BatteryCurve(IEnumerable<(double Volts, double Percent)> points)
    {
        _points = [.. points];
        if (_points.Length < 2)
        {
            throw new ArgumentException("a battery curve needs at least two points", nameof(points));
        }

        for (var i = 1; i < _points.Length; i++)
        {
            if (_points[i].Volts >= _points[i - 1].Volts || _points[i].Percent > _points[i - 1].Percent)
            {
                throw new ArgumentException("battery curve points must fall in voltage and not rise in percentage", nameof(points));
            }
        }
    }

    /// <summary>IP5209 (PiSugar 2): <c>ip5209::BATTERY_CURVE</c>.</summary>
    public static BatteryCurve Ip5209 { get; } = new(
    [
        (4.16, 100), (4.05, 95), (4.00, 80), (3.92, 65), (3.86, 40),
        (3.79, 25.5), (3.66, 10), (3.52, 6.5), (3.49, 3.2), (3.1, 0),
    ]);

    /// <summary>IP5312 (PiSugar 2 Pro) and PiSugar 3, whose driver imports it: <c>ip5312::BATTERY_CURVE</c>.</summary>
    public static BatteryCurve Ip5312 { get; } = new(
    [
        (4.10, 100), (4.05, 95), (3.90, 88), (3.80, 77), (3.70, 65),
        (3.62, 55), (3.58, 49), (3.49, 25.6), (3.32, 4.5), (3.1, 0),
    ]);

    public IReadOnlyList<(double Volts, double Percent)> Points => _points;

    public double ToPercentage(double volts)
    {
        for (var i = 0; i < _points.Length; i++)
        {
            var (low, lowPercent) = _points[i];
            if (volts >= low)
            {
                if (i == 0)
                {
                    return lowPercent;
                }

                var (high, highPercent) = _points[i - 1];
                return lowPercent + ((volts - low) / (high - low) * (highPercent - lowPercent));
            }
        }

        return 0;
    }
}

/// <summary>
/// The last 30 voltage samples, as PiSugar's server keeps them (<c>VecDeque::with_capacity(30)</c>, pre-filled
/// with the first reading, then one in and one out per poll). The level comes from their average.
/// </summary>
internal sealed class VoltageWindow
{
    public const int Capacity = 30;

    private readonly double[] _samples = new double[Capacity];
    private int _next;
    private bool _filled;

    public double Average { get; private set; }

    /// <summary>The sample about to drop out of the window.</summary>
    public double Oldest => _samples[_next];

    public double Newest => _samples[(_next + Capacity - 1) % Capacity];

    /// <summary>
    /// PiSugar 2's charging heuristic (<c>ip5209.rs</c>/<c>ip5312.rs</c> <c>is_charging</c>): the voltage is rising
    /// across the window, oldest &lt; average &lt; newest.
    /// </summary>
    public bool Rising => Oldest < Average && Average < Newest;

    public void Add(double volts)
    {
        if (!_filled)
        {
            Array.Fill(_samples, volts);
            _filled = true;
            _next = 0;
        }
        else
        {
            _samples[_next] = volts;
            _next = (_next + 1) % Capacity;
        }

        Average = _samples.Average();
    }
}
