using GhostRoll.Appliance.Display;
using GhostRoll.Hardware.EPaper;
using GhostRoll.Hardware.Power;
using GhostRoll.Screens.Layout;
using GhostRoll.Screens.Text;
using GhostRoll.Status;
using GhostRoll.TestSupport;
using GhostRoll.TestSupport.Screens;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace GhostRoll.Appliance.Tests.Display;

[Collection(InotifyCollection.Name)]
public sealed class DisplayDaemonTests : IDisposable
{
    private static readonly HostAddress Host = new("ghostroll", "192.168.1.23");
    private readonly FreeTypeGlyphSource _fonts = FreeTypeGlyphSource.Open();
    private readonly TempDirectory _temp = new("daemon");
    private readonly RecordingPanel _panel = new();
    private readonly ManualTimeProvider _time = new();

    private string StatusPath => _temp.Combine("status.json");

    private DisplayOptions Options => new() { StatusPath = StatusPath, LowBatteryPercent = 15 };

    private DisplayDaemon Daemon(IBatteryGauge? battery = null, TimeProvider? time = null, DisplayOptions? options = null, IStatusChangeSource? changes = null)
    {
        var o = options ?? Options;
        var t = time ?? _time;
        var controller = new DisplayController(_panel, new StatusScreenRenderer(_fonts), o, t, NullLogger.Instance);
        return new DisplayDaemon(controller, changes ?? new PollingStatusWatcher(o.StatusPath, TimeSpan.FromSeconds(1), t), o, t, NullLogger.Instance, battery, () => Host);
    }

    [Fact]
    public void Without_a_status_file_the_screen_is_idle_with_the_live_host_and_ip()
    {
        var status = Daemon().CurrentStatus();

        Assert.Equal(StatusStates.Idle, status.State);
        Assert.Equal(("ghostroll", "192.168.1.23"), (status.Hostname, status.Ip));
    }

    [Fact]
    public void A_corrupt_status_file_shows_idle_rather_than_crashing()
    {
        File.WriteAllText(StatusPath, "{ \"state\": \"runn");

        Assert.Equal(StatusStates.Idle, Daemon().CurrentStatus().State);
    }

    [Fact]
    public void Battery_comes_from_the_board_and_small_jitter_is_not_shown()
    {
        var gauge = new FakeBatteryGauge { Next = new BatteryStatus(80, 3.9, false, false, "fake") };
        var daemon = Daemon(gauge);
        daemon.ShowOnce();
        Assert.Equal(80, daemon.CurrentStatus().BatteryPercentage);

        gauge.Next = new BatteryStatus(78.5, 3.9, false, false, "fake");
        daemon.ShowOnce();
        Assert.Equal(80, daemon.CurrentStatus().BatteryPercentage);

        gauge.Next = new BatteryStatus(76, 3.9, false, false, "fake");
        daemon.ShowOnce();
        Assert.Equal(76, daemon.CurrentStatus().BatteryPercentage);

        gauge.Next = new BatteryStatus(75, 3.9, true, true, "fake");
        daemon.ShowOnce();
        Assert.True(daemon.CurrentStatus().BatteryCharging);
    }

    [Fact]
    public void Low_battery_while_not_charging_puts_the_warning_on_the_screen()
    {
        var daemon = Daemon(new FakeBatteryGauge { Next = new BatteryStatus(9, 3.4, false, false, "fake") });
        StatusFile.Write(StatusPath, StatusSamples.Copying with { BatteryPercentage = null });

        daemon.ShowOnce();

        Assert.True(daemon.CurrentStatus().BatteryLow);
        Assert.Equal(Render(StatusSamples.LowBattery with { UpdatedUnix = 0 }), _panel.LastFrame);
    }

    [Fact]
    public void A_battery_board_that_stops_answering_removes_the_battery_from_the_screen()
    {
        var gauge = new FakeBatteryGauge();
        var daemon = Daemon(gauge);
        daemon.ShowOnce();
        Assert.NotNull(daemon.CurrentStatus().BatteryPercentage);

        gauge.Next = null;
        daemon.ShowOnce();

        Assert.Null(daemon.CurrentStatus().BatteryPercentage);
        Assert.Equal(Render(StatusSamples.IdleNoBattery), _panel.LastFrame);
    }

    [Fact]
    public void A_running_status_that_stopped_changing_is_shown_as_a_stopped_import()
    {
        StatusFile.Write(StatusPath, StatusSamples.Copying with { UpdatedUnix = _time.GetUtcNow().ToUnixTimeSeconds() });
        var daemon = Daemon();
        Assert.Equal(StatusStates.Running, daemon.CurrentStatus().State);

        _time.Advance(TimeSpan.FromMinutes(3));
        var status = daemon.CurrentStatus();

        Assert.Equal(StatusStates.Error, status.State);
        Assert.Contains("stopped responding", status.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Follows_status_changes_through_inotify_and_leaves_the_panel_asleep_on_stop()
    {
        var options = Options with { MinRefreshInterval = TimeSpan.Zero, Debounce = TimeSpan.FromMilliseconds(20) };
        using var watch = StatusFileWatch.Open(StatusPath, TimeSpan.FromSeconds(1), TimeProvider.System, NullLogger.Instance);
        Assert.Equal("inotify", watch.Mode);
        var daemon = Daemon(time: TimeProvider.System, options: options, changes: watch);
        using var stop = new CancellationTokenSource();
        var run = daemon.RunAsync(stop.Token);

        await Eventually.UntilAsync(() => _panel.Calls.Count >= 2, what: "the daemon to show the idle screen");
        StatusFile.Write(StatusPath, StatusSamples.Copying with { UpdatedUnix = 0 });
        await Eventually.UntilAsync(() => _panel.Calls.Count(c => c.Kind == "show") >= 2, what: "the daemon to show the copying screen");
        StatusFile.Write(StatusPath, StatusSamples.DoneShortUrl);
        await Eventually.UntilAsync(() => _panel.Calls.Count(c => c.Kind == "show") >= 3 && _panel.Asleep, what: "the daemon to show the done screen");
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);

        var shows = _panel.Calls.Where(c => c.Kind == "show").ToList();
        Assert.Equal(Render(StatusSamples.Idle with { BatteryPercentage = null }), shows[0].Pixels);
        Assert.Equal(Render(StatusSamples.Copying with { UpdatedUnix = 0 }), shows[1].Pixels);
        Assert.Equal(Render(StatusSamples.DoneShortUrl), shows[^1].Pixels);
        Assert.Equal(["show", "sleep", "show", "show", "sleep"], _panel.Calls.Select(c => c.Kind));
        Assert.True(_panel.Asleep);
    }

    [Fact]
    public void Once_with_the_png_panel_writes_a_frame_whose_qr_decodes_to_the_link()
    {
        StatusFile.Write(StatusPath, StatusSamples.DoneShortUrl);
        using var panel = new PngFramePanel(_temp.Combine("frames"));
        using var runtime = new DisplayRuntime(Options, panel, battery: null, NullLogger.Instance);

        runtime.ShowOnce();

        var frame = _temp.Combine("frames", PngFramePanel.CurrentFrameName);
        Assert.Equal([StatusSamples.ShortUrl], ExternalTool.DecodeQr(frame));
        Assert.True(File.Exists(_temp.Combine("frames", "frame-000001-full.png")));
        Assert.True(panel.Sleeping);
    }

    [Fact]
    public void The_png_panel_keeps_only_the_newest_frames_and_numbers_on_across_restarts()
    {
        var pixels = new byte[250 * 122];
        using (var panel = new PngFramePanel(_temp.Combine("frames"), keepFrames: 3))
        {
            for (var i = 0; i < 5; i++)
            {
                panel.Show(pixels, RefreshMode.Partial);
            }
        }

        using (var again = new PngFramePanel(_temp.Combine("frames"), keepFrames: 3))
        {
            again.Show(pixels, RefreshMode.Full);
        }

        Assert.Equal(
            ["frame-000004-partial.png", "frame-000005-partial.png", "frame-000006-full.png", "frame.png"],
            Directory.GetFiles(_temp.Combine("frames")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    private byte[] Render(StatusDocument status) =>
        new StatusScreenRenderer(_fonts) { LowBatteryPercent = 15 }.Render(status with { Hostname = Host.Hostname, Ip = Host.Ip }, ScreenProfile.Panel).Pixels.ToArray();

    public void Dispose()
    {
        _fonts.Dispose();
        _temp.Dispose();
    }
}
