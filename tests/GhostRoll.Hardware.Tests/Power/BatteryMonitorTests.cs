using GhostRoll.Hardware.Power;
using GhostRoll.Hardware.Tests.Fakes;

namespace GhostRoll.Hardware.Tests.Power;

public sealed class BatteryMonitorTests
{
    [Fact]
    public void Low_starts_below_the_threshold_on_battery_and_ends_only_past_the_hysteresis_or_on_power()
    {
        var gauge = new ScriptedGauge();
        using var monitor = new BatteryMonitor(gauge, lowPercent: 15) { HysteresisPercent = 5 };

        bool Low(double percent, bool charging = false)
        {
            gauge.Next = new BatteryStatus(percent, 3.5, charging, charging, gauge.Board);
            return monitor.Sample()!.Low;
        }

        Assert.False(Low(20));
        Assert.False(Low(15));
        Assert.True(Low(14.9));
        Assert.True(Low(17));      // back over the threshold, inside the hysteresis band
        Assert.True(Low(19.9));
        Assert.False(Low(20));     // threshold + hysteresis
        Assert.True(Low(10));
        Assert.False(Low(10, charging: true));
        Assert.True(Low(10));
    }

    [Fact]
    public void A_threshold_of_zero_never_reports_low()
    {
        var gauge = new ScriptedGauge { Next = new BatteryStatus(0, 3.0, false, false, "test") };
        using var monitor = new BatteryMonitor(gauge, lowPercent: 0);

        Assert.False(monitor.Sample()!.Low);
    }

    [Fact]
    public void One_failed_reading_keeps_the_last_report_three_hide_the_battery_and_a_good_one_restores_it()
    {
        var gauge = new ScriptedGauge { Next = new BatteryStatus(50, 3.8, false, false, "test") };
        using var monitor = new BatteryMonitor(gauge, lowPercent: 15);
        var good = monitor.Sample();

        gauge.Failing = true;
        Assert.Null(monitor.Sample());
        Assert.Same(good, monitor.Latest);
        monitor.Sample();
        monitor.Sample();
        Assert.Null(monitor.Latest);

        gauge.Failing = false;
        Assert.NotNull(monitor.Sample());
        Assert.Equal(50, monitor.Latest!.Status.Percentage);
    }

    [Fact]
    public void Start_samples_at_once_and_then_every_interval_on_the_given_clock_and_dispose_stops_it()
    {
        var clock = new VirtualClock { AutoAdvance = false };
        var board = new SimulatedPiSugar3 { Millivolts = 3850 };
        var monitor = new BatteryMonitor(new PiSugar3Gauge(board), lowPercent: 15, clock);

        monitor.Start();
        clock.Advance(TimeSpan.Zero);
        Assert.Equal(82.5, monitor.Latest!.Status.Percentage, precision: 6);
        var readsPerSample = board.Reads;

        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(11 * readsPerSample, board.Reads);

        monitor.Dispose();
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(11 * readsPerSample, board.Reads);
    }

    [Fact]
    public void A_realistic_discharge_turns_low_once_the_averaged_level_crosses_the_threshold()
    {
        var clock = new VirtualClock { AutoAdvance = false };
        var board = new SimulatedPiSugar3 { Millivolts = 3500 };
        using var monitor = new BatteryMonitor(new PiSugar3Gauge(board), lowPercent: 15, clock);
        monitor.Start();
        clock.Advance(TimeSpan.Zero);
        Assert.False(monitor.Latest!.Low);   // 3.50 V = 27.8 %

        // A sudden sag to 3.35 V (8.2 %): the 30-sample average takes a while to fall below 15 %.
        board.Millivolts = 3350;
        clock.Advance(TimeSpan.FromMilliseconds(500));
        Assert.False(monitor.Latest!.Low);
        clock.Advance(TimeSpan.FromSeconds(15));
        Assert.True(monitor.Latest!.Low);
        Assert.InRange(monitor.Latest.Status.Percentage, 8, 15);
    }

    private sealed class ScriptedGauge : IBatteryGauge
    {
        public string Board => "test";

        public BatteryStatus Next { get; set; } = new(50, 3.8, false, false, "test");

        public bool Failing { get; set; }

        public BatteryStatus Read() => Failing ? throw new IOException("no acknowledge") : Next;

        public void Dispose()
        {
        }
    }
}
