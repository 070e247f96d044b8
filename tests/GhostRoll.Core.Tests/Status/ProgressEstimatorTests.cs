using GhostRoll.Status;
using Xunit;

namespace GhostRoll.Core.Tests.Status;

/// <summary>Overall progress and time left, driven by a manual clock: no sleeping, no wall-clock assertions.</summary>
public sealed class ProgressEstimatorTests
{
    private static readonly DateTimeOffset Start = new(2026, 5, 14, 10, 0, 0, TimeSpan.Zero);

    /// <summary>An import of 1 GB and 40 photos, <paramref name="share"/> of each step done.</summary>
    private static StatusCounts Import(double copy, double process = 0, double upload = 0) => new()
    {
        CopiedTotal = 40, CopiedDone = (int)(40 * copy), CopiedBytesTotal = 1_000_000_000, CopiedBytesDone = (long)(1_000_000_000 * copy),
        ProcessedTotal = 40, ProcessedDone = (int)(40 * process), UploadedTotal = 40, UploadedDone = (int)(40 * upload),
    };

    [Fact]
    public void Overall_progress_carries_on_across_steps_instead_of_restarting()
    {
        var copied = ProgressEstimator.Overall(Import(1.0));
        var processing = ProgressEstimator.Overall(Import(1.0, process: 0.5));
        var done = ProgressEstimator.Overall(Import(1.0, 1.0, 1.0));

        Assert.Equal(0.5, copied, 3); // copying is half the work
        Assert.True(processing > copied, $"{processing} after {copied}");
        Assert.Equal(1.0, done, 3);
    }

    [Fact]
    public void Copying_counts_bytes_so_one_big_raw_weighs_more_than_a_small_jpeg()
    {
        var counts = new StatusCounts { CopiedTotal = 2, CopiedDone = 1, CopiedBytesTotal = 60_000_000, CopiedBytesDone = 6_000_000 };

        Assert.Equal(0.1, ProgressEstimator.Overall(counts), 3); // one file of two, but a tenth of the bytes
    }

    [Fact]
    public void Steps_without_work_do_not_hold_the_total_back()
    {
        // Local-only with nothing to upload, or a resumed session with nothing to copy.
        var counts = new StatusCounts { ProcessedTotal = 10, ProcessedDone = 10 };

        Assert.Equal(1.0, ProgressEstimator.Overall(counts), 3);
        Assert.Equal(0, ProgressEstimator.Overall(new StatusCounts()));
    }

    [Fact]
    public void Time_left_appears_only_after_ten_seconds_and_five_percent_and_then_is_about_right()
    {
        var estimator = new ProgressEstimator();
        var shown = new List<(int Second, int? Eta)>();
        // A steady import: 1 % of the whole every second (copy is half the work, so 2 % of the bytes per second).
        for (var second = 0; second <= 40; second++)
        {
            var estimate = estimator.Observe(Import(second * 0.02), Start.AddSeconds(second));
            shown.Add((second, estimate.EtaSeconds));
        }

        Assert.All(shown.Where(s => s.Second < 10), s => Assert.Null(s.Eta)); // too early
        var at30 = shown.Single(s => s.Second == 30).Eta;
        Assert.NotNull(at30);
        Assert.InRange(at30!.Value, 63, 77); // 70 % left at 1 %/s
    }

    [Fact]
    public void Time_left_is_hidden_before_five_percent_however_long_it_runs()
    {
        var estimator = new ProgressEstimator();
        ProgressEstimate last = null!;
        for (var second = 0; second <= 60; second++)
        {
            last = estimator.Observe(Import(second * 0.0005), Start.AddSeconds(second)); // 1.5 % after a minute
        }

        Assert.Null(last.EtaSeconds);
        Assert.NotNull(last.CopyBytesPerSecond);
    }

    [Fact]
    public void A_jump_in_the_estimate_hides_it_until_it_settles()
    {
        var estimator = new ProgressEstimator();
        for (var second = 0; second <= 30; second++)
        {
            estimator.Observe(Import(second * 0.02), Start.AddSeconds(second));
        }

        var before = estimator.Observe(Import(0.62), Start.AddSeconds(31)).EtaSeconds;
        // Then the card nearly stops (a slow, big file): a minute later the estimate is twenty times the last one.
        var stalled = Import(0.62);
        var jumped = estimator.Observe(stalled with { CopiedBytesDone = stalled.CopiedBytesDone + 1_000_000 }, Start.AddSeconds(91)).EtaSeconds;
        var settled = estimator.Observe(stalled with { CopiedBytesDone = stalled.CopiedBytesDone + 1_100_000 }, Start.AddSeconds(96)).EtaSeconds;

        Assert.InRange(before!.Value, 60, 80);
        Assert.Null(jumped);
        Assert.NotNull(settled);
        Assert.True(settled > 10 * before, $"{settled} s after {before} s");
    }

    [Fact]
    public void Copy_speed_is_smoothed_bytes_per_second()
    {
        var estimator = new ProgressEstimator();
        ProgressEstimate last = null!;
        for (var second = 0; second <= 60; second++)
        {
            last = estimator.Observe(Import(second * 0.01), Start.AddSeconds(second)); // 10 MB/s
        }

        Assert.InRange(last.CopyBytesPerSecond!.Value, 9_500_000, 10_500_000);
    }

    [Theory]
    [InlineData(0, "finishing")]
    [InlineData(45, "under a minute left")]
    [InlineData(61, "about 2 min left")]
    [InlineData(170, "about 3 min left")]
    [InlineData(5400, "about 1 h 30 min left")]
    [InlineData(7300, "about 2 h left")]
    public void Time_left_reads_as_people_say_it(int seconds, string words)
    {
        Assert.Equal(words, StatusWords.TimeLeft(seconds));
    }

    [Fact]
    public void Photos_and_clips_are_counted_apart()
    {
        Assert.Equal("12 photos", StatusWords.Media(12, 0));
        Assert.Equal("1 photo \u00B7 2 clips", StatusWords.Media(1, 2));
        Assert.Null(StatusWords.Media(0, 0));
    }
}
