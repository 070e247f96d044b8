using GhostRoll.Appliance.Reports;
using GhostRoll.Screens.Layout;
using GhostRoll.Status;
using GhostRoll.TestSupport;
using GhostRoll.TestSupport.Screens;
using Xunit;

namespace GhostRoll.Screens.Tests;

/// <summary>The overall progress and time left as they travel: reporter → status.json fields → ghostroll status and the panel.</summary>
public sealed class ProgressStatusTests
{
    private sealed class RecordingSink : IStatusSink
    {
        public StatusDocument? Last { get; private set; }

        public void Write(StatusDocument status) => Last = status;
    }

    [Fact]
    public async Task The_reporter_adds_overall_progress_and_a_stable_time_left_and_clears_them_when_done()
    {
        var clock = new ManualTimeProvider();
        var sink = new RecordingSink();
        await using var reporter = new StatusReporter([sink], time: clock);
        reporter.Update(s => s with { State = StatusStates.Running, Step = StatusStep.Ingest, SessionId = "shoot-1" });
        var early = new List<int?>();
        for (var second = 0; second <= 30; second++)
        {
            // 2 % of 1 GB a second: copying is half of the import, so 1 % of the whole a second.
            reporter.Counts(_ => new StatusCounts { CopiedTotal = 50, CopiedDone = second, CopiedBytesTotal = 1_000_000_000, CopiedBytesDone = second * 20_000_000L, ProcessedTotal = 50, UploadedTotal = 50 });
            // Advancing the clock also runs the reporter's own timer, which may write first: either way every write
            // after this point sees these counts at this time.
            clock.Advance(TimeSpan.FromSeconds(1));
            reporter.Flush();
            early.Add(sink.Last!.EtaSeconds);
        }

        var working = sink.Last!;
        reporter.Update(s => s with { State = StatusStates.Done, Step = StatusStep.Done });
        reporter.Flush();

        Assert.All(early.Take(10), Assert.Null); // not in the first 10 s
        Assert.Equal(0.3, working.OverallProgress!.Value, 2);
        Assert.InRange(working.EtaSeconds!.Value, 63, 77);
        Assert.InRange(working.CopyBytesPerSecond!.Value, 19_000_000, 21_000_000);
        Assert.Null(sink.Last!.OverallProgress);
        Assert.Null(sink.Last.EtaSeconds);
    }

    [Fact]
    public void Ghostroll_status_and_the_panel_say_the_same_percentage_and_time_left()
    {
        var status = StatusSamples.CopyingOverall;

        var text = StatusText.Render(status, "/x/status.json", DateTimeOffset.FromUnixTimeSeconds(status.UpdatedUnix));
        var panel = ScreenModel.From(status);

        Assert.Contains("progress Copying 19% \u00B7 12 of 40 copied \u00B7 21.5 MB/s \u00B7 about 11 min left", text, StringComparison.Ordinal);
        Assert.Equal("19%", StatusWords.Percent(panel.Progress!.Fraction));
        Assert.Equal("about 11 min left", panel.Detail);
    }
}
