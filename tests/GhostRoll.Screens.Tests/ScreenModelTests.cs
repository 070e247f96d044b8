using GhostRoll.Screens.Layout;
using GhostRoll.Status;
using GhostRoll.TestSupport.Screens;
using Xunit;

namespace GhostRoll.Screens.Tests;

public sealed class ScreenModelTests
{
    [Theory]
    [InlineData(StatusStep.Detected, "Card found")]
    [InlineData(StatusStep.Scan, "Scanning")]
    [InlineData(StatusStep.Ingest, "Copying")]
    [InlineData(StatusStep.Process, "Processing")]
    [InlineData(StatusStep.Upload, "Uploading")]
    [InlineData(StatusStep.Publish, "Publishing")]
    public void Each_running_step_has_its_own_headline(StatusStep step, string headline)
    {
        var model = ScreenModel.From(StatusSamples.Copying with { Step = step });

        Assert.Equal(ScreenKind.Working, model.Kind);
        Assert.Equal(headline, model.Headline);
    }

    [Fact]
    public void With_S3_the_done_screen_keeps_the_bucket_link_when_a_LAN_link_is_known_too()
    {
        var withBucket = StatusSamples.DoneCardIn with { LanUrl = StatusSamples.LanUrl, WifiName = "Studio-5G" };

        var model = ScreenModel.From(withBucket);
        var localOnly = ScreenModel.From(StatusSamples.DoneLan);

        Assert.Equal(StatusSamples.DoneCardIn.Url, model.ShareUrl);
        Assert.Null(model.Network); // the Wi-Fi to join belongs to the LAN link, which is not on the panel
        Assert.Equal(StatusSamples.LanUrl, localOnly.ShareUrl);
        Assert.Equal("Wi-Fi: Studio-5G", localOnly.Network);
    }

    [Fact]
    public void Every_step_has_a_working_screen_headline_of_its_own_choosing()
    {
        // A step added to StatusStep without a decision about its screen fails here instead of showing a blank.
        foreach (var step in Enum.GetValues<StatusStep>())
        {
            var headline = ScreenModel.WorkingHeadline(step);
            Assert.True(headline is { Length: > 0 }, $"no working-screen headline for step {step} ({step.Name()})");

            var model = ScreenModel.From(StatusSamples.Copying with { Step = step });
            Assert.Equal(ScreenKind.Working, model.Kind);
            Assert.Equal(headline, model.Headline);
        }
    }

    [Theory]
    [InlineData("verify")]
    [InlineData("")]
    [InlineData("INGEST")]
    public void A_step_this_version_does_not_know_shows_a_plain_working_screen(string step)
    {
        // status.json written by a newer GhostRoll (or by hand): the panel still shows that an import is working.
        var status = RunningAt(step);

        var model = ScreenModel.From(status);

        Assert.Equal(StatusStep.Unknown, status.Step);
        Assert.Equal(ScreenKind.Working, model.Kind);
        Assert.Equal("Working", model.Headline);
    }

    /// <summary>A running import's status.json with <paramref name="step"/> as its step word, as a reader parses it.</summary>
    private static StatusDocument RunningAt(string step) =>
        System.Text.Json.JsonSerializer.Deserialize($$"""{"state":"running","step":"{{step}}"}""", StatusJsonContext.Default.StatusDocument)!;

    [Theory]
    [InlineData("copy", "Copying")]
    [InlineData("derive", "Processing")]
    [InlineData("presign", "Publishing")]
    [InlineData("gallery", "Publishing")]
    public void The_original_tools_step_words_show_the_same_screens_as_ours(string step, string headline)
    {
        Assert.Equal(headline, ScreenModel.From(RunningAt(step)).Headline);
    }

    [Fact]
    public void Progress_comes_from_the_steps_own_progress_entry_and_is_clamped()
    {
        var status = StatusSamples.Copying with { Progress = new() { ["ingest"] = new StepProgress(50, 40) } };

        var model = ScreenModel.From(status);

        Assert.Equal(new ProgressView(40, 40), model.Progress);
        Assert.Equal(1.0, model.Progress!.Fraction);
    }

    [Fact]
    public void Progress_falls_back_to_the_counts_when_the_step_reports_none()
    {
        var status = StatusSamples.Processing with { Progress = [] };

        Assert.Equal(new ProgressView(25, 40), ScreenModel.From(status).Progress);
    }

    [Fact]
    public void A_step_without_a_total_shows_no_progress_bar()
    {
        Assert.Null(ScreenModel.From(StatusSamples.Scanning).Progress);
    }

    [Fact]
    public void Failures_are_counted_on_the_working_screen()
    {
        var status = StatusSamples.Copying with { Counts = StatusSamples.Copying.Counts with { Failed = 2 } };

        Assert.EndsWith("2 failed", ScreenModel.From(status).Counts, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(14.0, false, true)]
    [InlineData(14.0, true, false)]
    [InlineData(15.0, false, false)]
    [InlineData(80.0, false, false)]
    public void Battery_is_low_below_the_threshold_only_while_not_charging(double percent, bool charging, bool low)
    {
        var status = StatusSamples.Idle with { BatteryPercentage = percent, BatteryCharging = charging };

        Assert.Equal(low, ScreenModel.From(status, lowBatteryPercent: 15).Battery!.Low);
    }

    [Fact]
    public void The_power_boards_own_low_flag_wins_over_the_threshold()
    {
        var status = StatusSamples.Idle with { BatteryPercentage = 40, BatteryCharging = false, BatteryLow = true };

        Assert.True(ScreenModel.From(status, lowBatteryPercent: 15).Battery!.Low);
    }

    [Fact]
    public void Without_a_battery_board_there_is_no_battery()
    {
        Assert.Null(ScreenModel.From(StatusSamples.IdleNoBattery).Battery);
    }

    [Fact]
    public void Idle_screen_gives_the_ssh_name_and_ip()
    {
        var model = ScreenModel.From(StatusSamples.Idle);

        Assert.Equal("ssh ghostroll.local", model.Detail);
        Assert.Equal("IP 192.168.1.23", model.DetailSecond);
    }

    [Fact]
    public void A_fully_qualified_host_name_is_not_given_another_suffix()
    {
        Assert.Equal("ssh pi.lan", ScreenModel.From(StatusSamples.Idle with { Hostname = "pi.lan" }).Detail);
    }

    [Fact]
    public void Done_without_a_link_says_where_the_photos_are()
    {
        Assert.Equal("Saved here (local-only mode)", ScreenModel.From(StatusSamples.DoneLocalOnly).Notice);
        Assert.Equal("Saved here. Upload waits for network", ScreenModel.From(StatusSamples.DoneLocalOnly with { PublishPending = 1 }).Notice);
    }

    [Fact]
    public void Local_only_done_names_the_folder_and_how_to_reach_it()
    {
        Assert.Equal("Saved on this GhostRoll in ghostroll/ \u00B7 ssh ghostroll.local", ScreenModel.From(StatusSamples.DoneLocalOnlyCardIn).Notice);
    }

    [Fact]
    public void Done_says_when_it_finished_and_to_remove_the_card_while_it_is_in()
    {
        var model = ScreenModel.From(StatusSamples.DoneCardIn, zone: TimeZoneInfo.Utc);
        Assert.True(model.RemoveCard);
        Assert.Equal("14 May, 10:31", model.Finished);

        // The time is the appliance's own: the display daemon shows local time.
        var tokyo = TimeZoneInfo.CreateCustomTimeZone("UTC+9", TimeSpan.FromHours(9), "UTC+9", "UTC+9");
        Assert.Equal("14 May, 19:31", ScreenModel.From(StatusSamples.DoneCardIn, zone: tokyo).Finished);

        // Out of the reader (or a desktop run that never waits for removal): no instruction to remove it.
        Assert.False(ScreenModel.From(StatusSamples.DoneCardIn with { CardPresent = null }).RemoveCard);
        Assert.False(ScreenModel.From(StatusSamples.Idle with { CardPresent = true }).RemoveCard);
    }

    [Fact]
    public void Files_left_on_the_card_are_an_instruction_not_an_alarm()
    {
        var model = ScreenModel.From(StatusSamples.LeftOnCard);

        Assert.Equal(ScreenKind.Done, model.Kind);
        Assert.Equal("3 left on card", model.Headline);
        Assert.Equal("37 copied safely", model.Counts);
        Assert.Equal("Re-insert the card to copy the rest", model.Notice);
        Assert.True(model.RemoveCard);

        // An import that stopped part-way is still an error.
        Assert.Equal(ScreenKind.Error, ScreenModel.From(StatusSamples.LeftOnCard with { Step = StatusStep.Ingest }).Kind);
    }

    [Fact]
    public void A_card_with_nothing_new_says_so()
    {
        var model = ScreenModel.From(StatusSamples.NothingNew);

        Assert.Equal("Nothing new", model.Headline);
        Assert.Equal("All 143 files already imported", model.Counts);
    }

    [Fact]
    public void Error_screen_prefers_the_last_error_over_the_message()
    {
        var model = ScreenModel.From(StatusSamples.Error with { Message = "copying" });

        Assert.Equal(ScreenKind.Error, model.Kind);
        Assert.StartsWith("The card was removed", model.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Equal_status_gives_equal_models_so_unchanged_screens_are_not_redrawn()
    {
        Assert.Equal(ScreenModel.From(StatusSamples.Copying), ScreenModel.From(StatusSamples.Copying with { UpdatedUnix = 99 }));
        Assert.NotEqual(ScreenModel.From(StatusSamples.Copying), ScreenModel.From(StatusSamples.Processing));
    }

    [Fact]
    public void Nonsense_input_never_throws()
    {
        var status = new StatusDocument
        {
            State = "running", Step = StatusStep.Unknown, BatteryPercentage = double.NaN,
            Counts = new StatusCounts { CopiedDone = -5, CopiedTotal = -1 },
            Progress = new() { [""] = new StepProgress(-3, 0) },
        };

        var model = ScreenModel.From(status);

        Assert.Equal("Working", model.Headline);
        Assert.Null(model.Battery);
    }

    [Theory]
    [InlineData("""{"state":"running","step":"ingest"}""")]
    [InlineData("""{"state":"running","step":null,"message":null,"counts":null,"progress":null,"url":null}""")]
    [InlineData("""{"state":null}""")]
    [InlineData("""{"state":"done","counts":null,"url":"https://gr.example/s/x"}""")]
    [InlineData("""{"state":"error","last_error":null,"message":null,"counts":null}""")]
    public void Status_json_with_missing_or_null_parts_still_makes_a_screen(string json)
    {
        // Found by running the daemon against a hand-written status.json: a missing "progress" crashed it.
        var status = System.Text.Json.JsonSerializer.Deserialize(json, StatusJsonContext.Default.StatusDocument)!;
        using var fonts = new GhostRoll.Screens.Text.BitmapGlyphSource();

        var model = ScreenModel.From(status);
        var canvas = new StatusScreenRenderer(fonts).Render(model, ScreenProfile.Panel);

        Assert.False(string.IsNullOrEmpty(model.Headline));
        Assert.True(canvas.IsBilevel());
    }

    [Fact]
    public void The_bar_and_percentage_follow_the_whole_import_and_do_not_restart_at_each_step()
    {
        var copying = ScreenModel.From(StatusSamples.Copying with { OverallProgress = 0.48 });
        var processing = ScreenModel.From(StatusSamples.Processing with { OverallProgress = 0.52, Progress = new() { ["process"] = new StepProgress(1, 40) } });

        Assert.Equal(0.48, copying.Progress!.Fraction, 3);
        Assert.Equal(0.52, processing.Progress!.Fraction, 3); // not 1/40: the step's own figure restarts, the import's does not
        Assert.Equal("25 of 40 processed", processing.Counts);
    }

    [Fact]
    public void Time_left_shows_in_minutes_only_when_the_importer_has_a_stable_estimate()
    {
        var withEta = ScreenModel.From(StatusSamples.CopyingOverall);
        var withoutEta = ScreenModel.From(StatusSamples.CopyingOverall with { EtaSeconds = null });
        var oneSecondLater = ScreenModel.From(StatusSamples.CopyingOverall with { EtaSeconds = 609 });

        Assert.Equal("about 11 min left", withEta.Detail);
        Assert.Equal(StatusSamples.Copying.Message, withoutEta.Detail);
        // Minutes, not seconds: a countdown would make the panel refresh for every second that passes.
        Assert.Equal(withEta, oneSecondLater);
    }

    [Fact]
    public void Done_counts_photos_and_clips_as_the_gallery_does()
    {
        var model = ScreenModel.From(StatusSamples.DonePhotosCardIn);

        Assert.Equal("38 photos \u00B7 2 clips", model.Counts);
        Assert.True(model.RemoveCard);
        Assert.Equal("14 May, 10:31", ScreenModel.From(StatusSamples.DonePhotosCardIn, zone: TimeZoneInfo.Utc).Finished);
    }
}
