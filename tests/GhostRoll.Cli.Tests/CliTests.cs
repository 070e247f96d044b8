using GhostRoll.TestSupport;

namespace GhostRoll.Cli.Tests;

/// <summary>The command line as users meet it: exit codes and one clear line on stderr.</summary>
public sealed class CliTests
{
    [Fact]
    public async Task Run_prints_where_the_session_and_gallery_are_and_a_rerun_says_no_new_files()
    {
        using var temp = new TempDirectory("cli");
        var ghostroll = new GhostRollProcess(temp.Path);

        var first = await ghostroll.RunAsync("run", Fixtures.Card("orientation"));
        var second = await ghostroll.RunAsync("run", "--volume", Fixtures.Card("orientation"));

        Assert.Equal(0, first.ExitCode);
        Assert.Matches(@"session  shoot-\d{4}-\d\d-\d\d_\d{6}_\d{6}", first.Stdout);
        Assert.Contains($"gallery  {temp.Path}/sessions/shoot-", first.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, second.ExitCode);
        Assert.StartsWith("no new files", second.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_duplicate_on_the_card_is_not_counted_as_missing_work()
    {
        // The sample card holds 12 photos and one byte-identical copy in a second folder: 12 gallery items, all done.
        using var temp = new TempDirectory("cli");
        var (ghostroll, card) = await SampleCardAsync(temp);

        var run = await ghostroll.RunAsync("run", card);
        var status = await ghostroll.RunAsync("status");

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.Contains("1 duplicates", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("processed 12/12, uploaded 12/12", status.Stdout, StringComparison.Ordinal);
        var session = Directory.EnumerateDirectories(temp.Combine("sessions"), "shoot-*").Single();
        Assert.Contains("\"expected\":12,", File.ReadAllText(Path.Combine(session, "manifest.json")), StringComparison.Ordinal); // the gallery's "12 of 12"
    }

    [Fact]
    public async Task Missing_S3_credentials_are_reported_once_and_the_session_waits_to_be_published()
    {
        using var temp = new TempDirectory("cli");
        var (ghostroll, card) = await SampleCardAsync(temp);
        ghostroll.Environment["GHOSTROLL_S3_BUCKET"] = "photos";
        ghostroll.Environment["GHOSTROLL_S3_ENDPOINT"] = "http://127.0.0.1:9"; // never reached: there is nothing to sign with
        foreach (var name in new[] { "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_WEB_IDENTITY_TOKEN_FILE" })
        {
            ghostroll.Environment[name] = "";
        }

        ghostroll.Environment["AWS_SHARED_CREDENTIALS_FILE"] = temp.Combine("no-credentials");
        ghostroll.Environment["AWS_CONFIG_FILE"] = temp.Combine("no-config");
        ghostroll.Environment["AWS_EC2_METADATA_DISABLED"] = "true";

        var run = await ghostroll.RunAsync("run", card);

        Assert.True(run.ExitCode == 3, $"exit {run.ExitCode}\n{run.Stdout}{run.Stderr}"); // finished with problems: publishing pending
        Assert.Contains("publish  pending", run.Stdout, StringComparison.Ordinal);
        var warnings = run.Stderr.Split('\n').Where(l => l.Contains(" WARN ", StringComparison.Ordinal)).ToList();
        var warning = Assert.Single(warnings);
        Assert.Contains("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE) in /etc/ghostroll/ghostroll.env", warning, StringComparison.Ordinal);
        Assert.Contains("ghostroll publish", warning, StringComparison.Ordinal);
        var sessions = await ghostroll.RunAsync("sessions");
        Assert.Contains("publish_pending", sessions.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_without_a_bucket_has_nothing_to_do_unless_a_session_is_named()
    {
        // The retry timer runs 'ghostroll publish' on every appliance, local-only ones included: that must be a success.
        using var temp = new TempDirectory("cli");
        var ghostroll = new GhostRollProcess(temp.Path);

        var timer = await ghostroll.RunAsync("publish");
        var named = await ghostroll.RunAsync("publish", "shoot-2024-05-01_101500_123456");

        Assert.Equal(0, timer.ExitCode);
        Assert.StartsWith("Nothing to publish: no S3 bucket is configured", timer.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, named.ExitCode);
        Assert.Contains("no S3 bucket is configured (GHOSTROLL_S3_BUCKET)", named.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, "card folder /nonexistent/card does not exist", "run", "/nonexistent/card")]
    [InlineData(2, "GHOSTROLL_SHARE_QUALITY='0' (command line): must be a whole number from 1 to 100", "run", "/tmp", "--set", "SHARE_QUALITY=0")]
    [InlineData(2, "run needs the card's folder", "run")]
    [InlineData(2, "--expires 'soon' is not a lifetime: use a number with d, h, m or w (30d, 12h), or 'never'", "share", "shoot-2024-05-01_101500_123456", "--expires", "soon")]
    [InlineData(2, "--revoke cannot be combined with --renew or --expires", "share", "shoot-2024-05-01_101500_123456", "--revoke", "--renew")]
    [InlineData(2, "'../etc' is not a session id", "share", "../etc")]
    [InlineData(2, "no session 'shoot-2024-05-01_101500_123456' in ", "share", "shoot-2024-05-01_101500_123456")]
    public async Task Errors_exit_non_zero_with_one_clear_line(int exitCode, string message, params string[] args)
    {
        using var temp = new TempDirectory("cli");
        var result = await new GhostRollProcess(temp.Path).RunAsync(args);

        Assert.Equal(exitCode, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("ghostroll: ", StringComparison.Ordinal));
        Assert.Contains(message, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_folder_without_DCIM_is_refused_before_anything_is_created()
    {
        using var temp = new TempDirectory("cli");
        var notACard = Directory.CreateDirectory(temp.Combine("usb-stick")).FullName;
        File.WriteAllText(Path.Combine(notACard, "report.pdf"), "x");

        var result = await new GhostRollProcess(temp.Path).RunAsync("run", notACard);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("has no DCIM folder: is this a camera card?", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.Combine("sessions")) && Directory.EnumerateDirectories(temp.Combine("sessions")).Any());
    }

    /// <summary>A ghostroll with its home in <paramref name="temp"/> and the demo card ('ghostroll sample-card') beside it.</summary>
    private static async Task<(GhostRollProcess Ghostroll, string Card)> SampleCardAsync(TempDirectory temp)
    {
        var ghostroll = new GhostRollProcess(temp.Path);
        var card = temp.Combine("card");
        var made = await ghostroll.RunAsync("sample-card", card);
        Assert.True(made.ExitCode == 0, made.Stderr);
        return (ghostroll, card);
    }
}
