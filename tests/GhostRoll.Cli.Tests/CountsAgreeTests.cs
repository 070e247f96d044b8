using System.Diagnostics;
using System.Text.Json;
using GhostRoll.Screens.Layout;
using GhostRoll.Status;
using GhostRoll.TestSupport;
using Xunit;

namespace GhostRoll.Cli.Tests;

/// <summary>
/// The sample card once said 14 on the panel, 13 in the CLI and 12 on the page. "Photos" now has one definition
/// (gallery items that are photos, StatusWords): all three must give the same number for the same import.
/// </summary>
public sealed class CountsAgreeTests
{
    [Fact]
    public async Task The_panel_the_cli_summary_and_the_gallery_page_count_the_sample_card_alike()
    {
        using var temp = new TempDirectory("counts");
        var ghostroll = new GhostRollProcess(temp.Path);
        var card = temp.Combine("card");
        Assert.Equal(0, (await ghostroll.RunAsync("sample-card", card)).ExitCode);

        var run = await ghostroll.RunAsync("run", card);

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        // The page: its manifest's items (the gallery shows one tile per item).
        var session = Directory.EnumerateDirectories(temp.Combine("sessions"), "shoot-*").Single();
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(session, "manifest.json")));
        var pageItems = manifest.RootElement.GetProperty("items").GetArrayLength();
        // The panel: drawn from status.json.
        var status = StatusFile.TryRead(temp.Combine("status.json"))!;
        var panel = ScreenModel.From(status);

        Assert.Equal(12, pageItems); // 12 photos; the duplicate and the sidecar are not tiles
        Assert.Equal(pageItems, status.Counts.Photos + status.Counts.Clips);
        Assert.Equal("Done", panel.Headline);
        Assert.StartsWith($"{pageItems} photos", panel.Counts, StringComparison.Ordinal);
        Assert.Contains($"({pageItems} photos)", run.Stdout, StringComparison.Ordinal);
        Assert.Contains($"{pageItems} photos in the gallery", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_shows_a_live_line_on_a_terminal_and_plain_lines_otherwise()
    {
        // Two homes, so each run imports the card afresh.
        using var pipedHome = new TempDirectory("progress-pipe");
        using var terminalHome = new TempDirectory("progress-tty");
        var forPipe = new GhostRollProcess(pipedHome.Path);
        var forTerminal = new GhostRollProcess(terminalHome.Path);
        Assert.Equal(0, (await forPipe.RunAsync("sample-card", pipedHome.Combine("card"))).ExitCode);
        Assert.Equal(0, (await forTerminal.RunAsync("sample-card", terminalHome.Combine("card"))).ExitCode);

        var piped = await forPipe.RunAsync("run", "--session-id", "piped", pipedHome.Combine("card"));
        var terminal = await RunOnTerminalAsync(forTerminal, "run", "--session-id", "on-tty", terminalHome.Combine("card"));

        // Not a terminal (a pipe, journald): whole lines, no control characters.
        Assert.Contains("progress ", piped.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain('\r', piped.Stderr);
        Assert.DoesNotContain('\u001b', piped.Stderr);
        // A terminal (script(1) gives the run a pseudo-terminal): the line is rewritten in place, then cleared
        // before the summary.
        Assert.Contains("\r\u001b[K", terminal, StringComparison.Ordinal);
        Assert.Matches(@"\r(Scanning|Copying|Processing|Uploading|Publishing)[^\n]*\u001b\[K\r", terminal);
        Assert.Contains("session  on-tty", terminal, StringComparison.Ordinal);
    }

    /// <summary>Runs ghostroll under script(1), which gives it a pseudo-terminal, and returns what the terminal received.</summary>
    private static async Task<string> RunOnTerminalAsync(GhostRollProcess ghostroll, params string[] args)
    {
        var command = string.Join(' ', GhostRollProcess.Command.Concat(args).Select(a => "'" + a.Replace("'", "'\\''", StringComparison.Ordinal) + "'"));
        var info = new ProcessStartInfo("script", ["-qec", command, "/dev/null"]) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var (k, v) in ghostroll.Environment)
        {
            info.Environment[k] = v;
        }

        info.Environment["COLUMNS"] = "100";
        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var hangGuard = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await process.WaitForExitAsync(hangGuard.Token);
        Assert.True(process.ExitCode == 0, await output + await errors);
        return await output;
    }
}
