using GhostRoll.Hardware.EPaper;
using GhostRoll.Hardware.Tests.Fakes;

namespace GhostRoll.Hardware.Tests.EPaper;

/// <summary>
/// The 2.13" V4 driver against the command sequences of Waveshare's epd2in13_V4.py (revision 11cebdc3), written out
/// below as tables, and against a simulated SSD1680 that enforces BUSY and deep-sleep rules.
/// </summary>
public sealed class Epd2in13V4Tests
{
    private static readonly PanelGeometry Geometry = new(122, 250);
    private static readonly EPaperOptions StayAwake = new() { SleepAfterRefresh = false };

    /// <summary>reset() then init(): RST 20/2/20 ms, SWRESET, driver output, entry mode, window, cursor, border, update control, temp sensor.</summary>
    private static readonly string[] Init =
    [
        "RST=1", "wait 20ms", "RST=0", "wait 2ms", "RST=1", "wait 20ms", "BUSY",
        "CMD 12", "BUSY",
        "CMD 01 F9 00 00", "CMD 11 03", "CMD 44 00 0F", "CMD 45 00 00 F9 00", "CMD 4E 00", "CMD 4F 00 00",
        "CMD 3C 05", "CMD 21 00 80", "CMD 18 80", "BUSY",
    ];

    [Fact]
    public void Full_refresh_runs_init_then_writes_both_rams_and_activates_F7()
    {
        var hat = new FakeHat();
        using var panel = hat.CreatePanel(EPaperModel.Waveshare213V4, StayAwake);

        panel.Show(TestPattern.Render(250, 122), RefreshMode.Full);

        Assert.Equal(
            [.. Init, "CMD 24 [4000 bytes]", "CMD 26 [4000 bytes]", "CMD 22 F7", "CMD 20", "BUSY"],
            hat.Trace.Tokens());
        var golden = PanelFrames.LoadGolden("epd2in13-rotation90.pbm", Geometry);
        PanelFrames.AssertSameImage(golden, hat.Trace.Parameters(0x24).Single(), Geometry, "v4-full-ram24");
        PanelFrames.AssertSameImage(golden, hat.Glass(Geometry), Geometry, "v4-full-glass");
        Assert.Empty(hat.Controller.Violations);
    }

    [Fact]
    public void Fast_refresh_sends_0x80_as_the_temperature_sensor_parameter_not_as_a_command()
    {
        var hat = new FakeHat();
        using var panel = hat.CreatePanel(EPaperModel.Waveshare213V4, StayAwake);

        panel.Show(TestPattern.Render(250, 122), RefreshMode.Fast);

        Assert.Equal(
        [
            "RST=1", "wait 20ms", "RST=0", "wait 2ms", "RST=1", "wait 20ms",
            "CMD 12", "BUSY",
            "CMD 18 80", "CMD 11 03", "CMD 44 00 0F", "CMD 45 00 00 F9 00", "CMD 4E 00", "CMD 4F 00 00",
            "CMD 22 B1", "CMD 20", "BUSY",
            "CMD 1A 64 00",
            "CMD 22 91", "CMD 20", "BUSY",
            "CMD 24 [4000 bytes]", "CMD 26 [4000 bytes]", "CMD 22 C7", "CMD 20", "BUSY",
        ], hat.Trace.Tokens());
        Assert.DoesNotContain("CMD 80", hat.Trace.Tokens());
        Assert.Equal([0x80], hat.Controller.Registers[0x18]);
        Assert.Equal(RefreshMode.Fast, panel.LastRefresh);
    }

    [Fact]
    public void Partial_refresh_pulses_reset_and_writes_previous_frame_to_0x26_then_new_frame_to_0x24()
    {
        var hat = new FakeHat();
        using var panel = hat.CreatePanel(EPaperModel.Waveshare213V4, StayAwake);
        var first = TestPattern.Render(250, 122);
        var second = TestPattern.Solid(250, 122, black: false);
        panel.Show(first, RefreshMode.Full);
        var firstFrame = hat.Trace.Parameters(0x24).Single();
        hat.Trace.Clear();

        panel.Show(second, RefreshMode.Partial);

        Assert.Equal(
        [
            "RST=0", "wait 1ms", "RST=1",
            "CMD 3C 80", "CMD 01 F9 00 00", "CMD 11 03", "CMD 44 00 0F", "CMD 45 00 00 F9 00", "CMD 4E 00", "CMD 4F 00 00",
            "CMD 26 [4000 bytes]", "CMD 24 [4000 bytes]", "CMD 22 FF", "CMD 20", "BUSY",
        ], hat.Trace.Tokens());
        Assert.Equal(firstFrame, hat.Trace.Parameters(0x26).Single());
        Assert.All(hat.Trace.Parameters(0x24).Single(), b => Assert.Equal(0xFF, b));
        var refresh = hat.Controller.Refreshes[^1];
        Assert.Equal(0xFF, refresh.Sequence);
        Assert.Equal(firstFrame, SimulatedSsd16xx.Crop(refresh.OldDataRam, 16, 250));
        Assert.Equal(RefreshMode.Partial, panel.LastRefresh);
        Assert.Empty(hat.Controller.Violations);
    }

    [Fact]
    public void The_first_partial_update_is_promoted_to_full_because_the_glass_is_unknown()
    {
        var hat = new FakeHat();
        using var panel = hat.CreatePanel(EPaperModel.Waveshare213V4, StayAwake);

        panel.Show(TestPattern.Render(250, 122), RefreshMode.Partial);

        Assert.Equal(RefreshMode.Full, panel.LastRefresh);
        Assert.Equal(0xF7, hat.Controller.Refreshes.Single().Sequence);
    }

    [Fact]
    public void Every_Nth_partial_update_becomes_a_full_refresh_against_ghosting()
    {
        var hat = new FakeHat();
        using var panel = hat.CreatePanel(EPaperModel.Waveshare213V4, StayAwake with { FullRefreshEvery = 3 });
        var done = new List<RefreshMode?>();

        panel.Show(TestPattern.Render(250, 122), RefreshMode.Full);
        for (var i = 0; i < 8; i++)
        {
            panel.Show(TestPattern.Solid(250, 122, black: i % 2 == 0), RefreshMode.Partial);
            done.Add(panel.LastRefresh);
        }

        Assert.Equal(
            [RefreshMode.Partial, RefreshMode.Partial, RefreshMode.Partial, RefreshMode.Full,
             RefreshMode.Partial, RefreshMode.Partial, RefreshMode.Partial, RefreshMode.Full],
            done);
        Assert.Equal([0xF7, 0xFF, 0xFF, 0xFF, 0xF7, 0xFF, 0xFF, 0xFF, 0xF7], hat.Controller.Refreshes.Select(r => r.Sequence));
        Assert.Empty(hat.Controller.Violations);
    }

    [Fact]
    public void By_default_the_panel_sleeps_after_each_update_and_wakes_with_a_hardware_reset()
    {
        var hat = new FakeHat();
        using var panel = hat.CreatePanel(EPaperModel.Waveshare213V4);
        var frame = TestPattern.Render(250, 122);

        panel.Show(frame, RefreshMode.Full);
        Assert.Equal("CMD 10 01", hat.Trace.Tokens()[^1]);
        Assert.True(hat.Controller.Asleep);

        panel.Show(TestPattern.Solid(250, 122, black: false), RefreshMode.Partial);

        // Woken by init (reset + SWRESET), then the partial update against the frame still on the glass.
        Assert.Equal(2, hat.Controller.Refreshes.Count);
        Assert.Equal(0xFF, hat.Controller.Refreshes[^1].Sequence);
        Assert.Equal(hat.Controller.Refreshes[0].BlackWhiteRam, hat.Controller.Refreshes[^1].OldDataRam);
        Assert.True(hat.Controller.Asleep);
        Assert.Empty(hat.Controller.Violations);
    }

    [Fact]
    public void Explicit_sleep_sends_deep_sleep_once_and_dispose_does_not_repeat_it()
    {
        var hat = new FakeHat();
        var panel = hat.CreatePanel(EPaperModel.Waveshare213V4, StayAwake);
        panel.Show(TestPattern.Render(250, 122), RefreshMode.Full);

        panel.Sleep();
        panel.Sleep();
        panel.Dispose();

        Assert.Single(hat.Trace.Tokens(), t => t == "CMD 10 01");
        Assert.Throws<ObjectDisposedException>(() => panel.Show(TestPattern.Render(250, 122), RefreshMode.Full));
    }

    [Fact]
    public void Dispose_puts_an_awake_panel_into_deep_sleep()
    {
        var hat = new FakeHat();
        var panel = hat.CreatePanel(EPaperModel.Waveshare213V4, StayAwake);
        panel.Show(TestPattern.Render(250, 122), RefreshMode.Full);

        panel.Dispose();

        Assert.Equal("CMD 10 01", hat.Trace.Tokens()[^1]);
    }

    [Fact]
    public void A_stuck_busy_line_times_out_with_a_clear_error_and_the_next_update_starts_over()
    {
        var hat = new FakeHat();
        using var panel = hat.CreatePanel(EPaperModel.Waveshare213V4, StayAwake with { BusyTimeout = TimeSpan.FromSeconds(5) });
        panel.Show(TestPattern.Render(250, 122), RefreshMode.Full);
        hat.Busy.StuckHigh = true;
        var before = hat.Clock.Elapsed;

        var error = Assert.Throws<EPaperBusyTimeoutException>(() => panel.Show(TestPattern.Render(250, 122), RefreshMode.Partial));

        Assert.Contains("Waveshare 2.13\" V4", error.Message, StringComparison.Ordinal);
        Assert.Contains("kept BUSY high for 5 s after command 0x20 (MasterActivation)", error.Message, StringComparison.Ordinal);
        Assert.Contains("DISPLAY", error.Message, StringComparison.Ordinal);
        Assert.InRange(hat.Clock.Elapsed - before, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5.1));

        hat.Busy.StuckHigh = false;
        hat.Trace.Clear();
        panel.Show(TestPattern.Render(250, 122), RefreshMode.Partial);

        Assert.Equal(RefreshMode.Full, panel.LastRefresh);
        Assert.Equal(Init[..6], hat.Trace.Tokens()[..6]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(90)]
    [InlineData(180)]
    [InlineData(270)]
    public void Rotation_turns_the_logical_frame_onto_the_glass_like_waveshare_getbuffer(int rotation)
    {
        var hat = new FakeHat();
        using var panel = hat.CreatePanel(EPaperModel.Waveshare213V4, new EPaperOptions { Rotation = rotation });

        panel.Show(TestPattern.Render(panel.Width, panel.Height), RefreshMode.Full);

        PanelFrames.AssertSameImage(
            PanelFrames.LoadGolden($"epd2in13-rotation{rotation}.pbm", Geometry), hat.Glass(Geometry), Geometry, $"v4-rotation{rotation}");
    }
}
