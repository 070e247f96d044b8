using GhostRoll.Screens;
using GhostRoll.Screens.Layout;
using GhostRoll.Screens.Text;
using GhostRoll.Status;
using GhostRoll.TestSupport;
using GhostRoll.TestSupport.Screens;
using Xunit;

namespace GhostRoll.Screens.Tests;

public sealed class PngStatusSinkTests : IDisposable
{
    private readonly TempDirectory _temp = new("pngsink");
    private readonly FreeTypeGlyphSource _fonts = FreeTypeGlyphSource.Open();

    [Fact]
    public void Writes_the_panel_image_and_the_large_variant_beside_it()
    {
        var sink = new PngStatusSink(_temp.Combine("status.png"), new StatusScreenRenderer(_fonts));

        sink.Write(StatusSamples.Copying);

        var panel = PngReader.Read(_temp.Combine("status.png"));
        var large = PngReader.Read(_temp.Combine("status-large.png"));
        Assert.Equal((250, 122), (panel.Width, panel.Height));
        Assert.Equal((800, 480), (large.Width, large.Height));
        Assert.True(panel.SamePixels(new StatusScreenRenderer(_fonts).Render(StatusSamples.Copying, ScreenProfile.Panel)));
    }

    [Fact]
    public void An_unchanged_screen_is_not_rewritten_but_a_change_is()
    {
        var path = _temp.Combine("status.png");
        var sink = new PngStatusSink(path, new StatusScreenRenderer(_fonts));
        sink.Write(StatusSamples.Copying);
        File.Delete(path);

        // The heartbeat: same content, new timestamp.
        sink.Write(StatusSamples.Copying with { UpdatedUnix = 1234 });
        Assert.False(File.Exists(path));

        sink.Write(StatusSamples.Copying with { Counts = StatusSamples.Copying.Counts with { CopiedDone = 13 } });
        Assert.True(File.Exists(path));
    }

    [Fact]
    public void Progress_rewrites_the_large_image_at_most_every_two_seconds_but_a_new_step_at_once()
    {
        var time = new ManualTimeProvider();
        var sink = new PngStatusSink(_temp.Combine("status.png"), new StatusScreenRenderer(_fonts), time: time);
        var large = _temp.Combine("status-large.png");
        sink.Write(StatusSamples.Copying);
        File.Delete(large);

        time.Advance(TimeSpan.FromSeconds(1));
        sink.Write(StatusSamples.Copying with { Counts = StatusSamples.Copying.Counts with { CopiedDone = 13 } });
        Assert.False(File.Exists(large));
        Assert.True(PngReader.Read(_temp.Combine("status.png")).SamePixels(
            new StatusScreenRenderer(_fonts).Render(StatusSamples.Copying with { Counts = StatusSamples.Copying.Counts with { CopiedDone = 13 } }, ScreenProfile.Panel)));

        time.Advance(TimeSpan.FromSeconds(1));
        sink.Write(StatusSamples.Copying with { Counts = StatusSamples.Copying.Counts with { CopiedDone = 14 } });
        Assert.True(File.Exists(large));

        File.Delete(large);
        sink.Write(StatusSamples.Processing);
        Assert.True(File.Exists(large));
    }

    [Fact]
    public void Leaves_no_temporary_files_behind()
    {
        var sink = new PngStatusSink(_temp.Combine("sub", "status.png"), new StatusScreenRenderer(_fonts));

        sink.Write(StatusSamples.Idle);
        sink.Write(StatusSamples.Copying);

        Assert.Equal(["status-large.png", "status.png"], Directory.GetFiles(_temp.Combine("sub")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_unwritable_path_raises_an_io_error_that_the_status_reporter_tolerates()
    {
        File.WriteAllText(_temp.Combine("file"), "not a directory");
        var sink = new PngStatusSink(_temp.Combine("file", "status.png"), new StatusScreenRenderer(_fonts));

        Assert.ThrowsAny<IOException>(() => sink.Write(StatusSamples.Idle));
    }

    [Fact]
    public async Task Through_the_status_reporter_the_png_follows_the_latest_state()
    {
        var path = _temp.Combine("status.png");
        using var sink = PngStatusSink.Create(path, lowBatteryPercent: 15, out _);
        await using (var reporter = new StatusReporter([sink], StatusSamples.Idle))
        {
            reporter.Update(_ => StatusSamples.DoneShortUrl);
            reporter.Flush();
        }

        Assert.Equal([StatusSamples.ShortUrl], ExternalTool.DecodeQr(path));
    }

    [Theory]
    [InlineData("/home/pi/ghostroll/status.png", "/home/pi/ghostroll/status-large.png")]
    [InlineData("/tmp/panel", "/tmp/panel-large.png")]
    public void The_large_variant_is_named_after_the_panel_image(string panel, string large) =>
        Assert.Equal(large, PngStatusSink.LargePathFor(panel));

    public void Dispose()
    {
        _fonts.Dispose();
        _temp.Dispose();
    }
}
