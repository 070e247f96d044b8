using GhostRoll.Appliance.Display;
using GhostRoll.Hardware.EPaper;
using GhostRoll.Screens.Layout;
using GhostRoll.Screens.Text;
using GhostRoll.Status;
using GhostRoll.TestSupport;
using GhostRoll.TestSupport.Screens;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace GhostRoll.Appliance.Tests.Display;

/// <summary>Refresh decisions, driven by a manual clock: no real sleeps, no timing assertions.</summary>
public sealed class DisplayControllerTests : IDisposable
{
    private static readonly TimeSpan MinRefresh = TimeSpan.FromSeconds(5);
    private readonly FreeTypeGlyphSource _fonts = FreeTypeGlyphSource.Open();
    private readonly RecordingPanel _panel = new();
    private readonly ManualTimeProvider _time = new();

    private DisplayController Create(int fullEvery = 3) => new(_panel, new StatusScreenRenderer(_fonts), Options(fullEvery), _time, NullLogger.Instance);

    private static DisplayOptions Options(int fullEvery) => new()
    {
        StatusPath = "/nonexistent/status.json",
        MinRefreshInterval = MinRefresh,
        FullRefreshEvery = fullEvery,
        AwakeWithoutChange = TimeSpan.FromSeconds(60),
    };

    private static StatusDocument CopyingAt(int done) => StatusSamples.Copying with
    {
        Counts = StatusSamples.Copying.Counts with { CopiedDone = done },
        Progress = new() { ["ingest"] = new StepProgress(done, 40) },
    };

    /// <summary>A status change arriving once the rate limit has passed since the previous one.</summary>
    private static void Step(DisplayController controller, ManualTimeProvider time, StatusDocument status)
    {
        time.Advance(MinRefresh);
        controller.Offer(status);
        controller.Pump();
    }

    [Fact]
    public void The_first_frame_is_a_full_refresh_and_a_still_screen_puts_the_panel_to_sleep()
    {
        var controller = Create();

        controller.Offer(StatusSamples.Idle);
        var next = controller.Pump();

        Assert.Equal([new RecordingPanel.Call("show", RefreshMode.Full, null) with { Pixels = _panel.LastFrame }, new RecordingPanel.Call("sleep", null, null)], _panel.Calls);
        Assert.Null(next);
        Assert.False(controller.Awake);
    }

    [Fact]
    public void Progress_is_partial_with_a_full_refresh_after_every_n_partials()
    {
        var controller = Create(fullEvery: 3);

        for (var done = 1; done <= 9; done++)
        {
            Step(controller, _time, CopyingAt(done));
        }

        Assert.Equal(
            [RefreshMode.Full, RefreshMode.Partial, RefreshMode.Partial, RefreshMode.Partial, RefreshMode.Full,
             RefreshMode.Partial, RefreshMode.Partial, RefreshMode.Partial, RefreshMode.Full],
            _panel.Modes);
        Assert.True(controller.Awake, "the panel stays awake while an import is running");
    }

    [Fact]
    public void A_new_step_headline_is_a_full_refresh()
    {
        var controller = Create(fullEvery: 10);
        Step(controller, _time, CopyingAt(10));
        Step(controller, _time, CopyingAt(11));

        Step(controller, _time, StatusSamples.Processing);

        Assert.Equal([RefreshMode.Full, RefreshMode.Partial, RefreshMode.Full], _panel.Modes);
    }

    [Fact]
    public void Refreshes_are_rate_limited_and_the_newest_waiting_frame_wins()
    {
        var controller = Create(fullEvery: 10);
        controller.Offer(CopyingAt(1));
        controller.Pump();

        // Three changes arrive within the interval: nothing more is drawn yet.
        _time.Advance(TimeSpan.FromSeconds(1));
        controller.Offer(CopyingAt(2));
        Assert.Equal(TimeSpan.FromSeconds(4), controller.Pump());
        controller.Offer(CopyingAt(3));
        _time.Advance(TimeSpan.FromSeconds(2));
        controller.Offer(CopyingAt(4));
        Assert.Equal(TimeSpan.FromSeconds(2), controller.Pump());
        Assert.Single(_panel.Modes);

        _time.Advance(TimeSpan.FromSeconds(2));
        controller.Pump();

        Assert.Equal([RefreshMode.Full, RefreshMode.Partial], _panel.Modes);
        Assert.Equal(Render(CopyingAt(4)), _panel.LastFrame);
    }

    [Fact]
    public void A_status_rewrite_that_changes_nothing_visible_is_not_a_refresh()
    {
        var controller = Create();
        Step(controller, _time, CopyingAt(5));

        Step(controller, _time, CopyingAt(5) with { UpdatedUnix = 1_800_000_000, Message = CopyingAt(5).Message });
        _time.Advance(TimeSpan.FromSeconds(30));
        controller.Pump();

        Assert.Single(_panel.Modes);
    }

    [Fact]
    public void A_frozen_working_screen_sleeps_after_the_awake_limit_and_wakes_with_a_full_refresh()
    {
        var controller = Create(fullEvery: 10);
        Step(controller, _time, CopyingAt(5));

        Assert.Equal(TimeSpan.FromSeconds(60), controller.Pump());
        _time.Advance(TimeSpan.FromSeconds(60));
        Assert.Null(controller.Pump());
        Assert.True(_panel.Asleep);

        Step(controller, _time, CopyingAt(6));

        Assert.Equal(["show", "sleep", "show"], _panel.Calls.Select(c => c.Kind));
        Assert.Equal([RefreshMode.Full, RefreshMode.Full], _panel.Modes);
    }

    [Fact]
    public void Done_after_progress_is_a_full_refresh_followed_by_sleep()
    {
        var controller = Create();
        Step(controller, _time, CopyingAt(39));

        Step(controller, _time, StatusSamples.DoneShortUrl);

        Assert.Equal(["show", "show", "sleep"], _panel.Calls.Select(c => c.Kind));
        Assert.Equal(RefreshMode.Full, _panel.Modes.Last());
    }

    [Fact]
    public void A_failing_panel_is_retried_at_the_rate_limit_with_a_full_refresh()
    {
        var controller = Create(fullEvery: 10);
        Step(controller, _time, CopyingAt(1));
        _panel.FailNextShow = new IOException("BUSY did not clear within 10 s");
        controller.Offer(CopyingAt(2));
        _time.Advance(MinRefresh);

        Assert.Throws<IOException>(() => controller.Pump());
        Assert.Equal(MinRefresh, controller.Pump());
        _time.Advance(MinRefresh);
        controller.Pump();

        Assert.Equal([RefreshMode.Full, RefreshMode.Full], _panel.Modes);
        Assert.Equal(Render(CopyingAt(2)), _panel.LastFrame);
    }

    [Fact]
    public void Show_now_ignores_the_rate_limit_and_draws_a_full_frame_even_if_unchanged()
    {
        var controller = Create();
        Step(controller, _time, StatusSamples.Idle);

        controller.ShowNow(StatusSamples.Idle);

        Assert.Equal([RefreshMode.Full, RefreshMode.Full], _panel.Modes);
        Assert.True(_panel.Asleep);
    }

    [Fact]
    public void A_larger_panel_gets_frames_of_its_own_size()
    {
        var panel = new RecordingPanel(264, 176);
        var controller = new DisplayController(panel, new StatusScreenRenderer(_fonts), Options(10), _time, NullLogger.Instance);

        controller.Offer(StatusSamples.Copying);
        controller.Pump();

        Assert.Equal(264 * 176, panel.LastFrame.Length);
    }

    private byte[] Render(StatusDocument status) =>
        new StatusScreenRenderer(_fonts).Render(status, ScreenProfile.Panel).Pixels.ToArray();

    public void Dispose() => _fonts.Dispose();
}
