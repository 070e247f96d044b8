using GhostRoll.Status;
using Xunit;

namespace GhostRoll.Core.Tests.Status;

public sealed class TerminalProgressSinkTests
{
    private static StatusDocument Copying(int done, double overall, int? eta = null) => new()
    {
        State = StatusStates.Running, Step = StatusStep.Ingest,
        Counts = new StatusCounts { CopiedDone = done, CopiedTotal = 400 },
        OverallProgress = overall, EtaSeconds = eta, CopyBytesPerSecond = 38_200_000,
    };

    [Fact]
    public void On_a_terminal_one_line_is_rewritten_in_place_and_cleared_at_the_end()
    {
        var output = new StringWriter();
        using (var sink = new TerminalProgressSink(output, isTerminal: true, width: 100))
        {
            sink.Write(Copying(120, 0.42, 170));
            sink.Write(Copying(121, 0.42, 170));
        }

        var text = output.ToString();
        Assert.DoesNotContain('\n', text);
        Assert.StartsWith("\rCopying 42% \u00B7 120 of 400 copied \u00B7 38.2 MB/s \u00B7 about 3 min left\u001b[K\r", text, StringComparison.Ordinal);
        Assert.Contains("\rCopying 42% \u00B7 121 of 400 copied", text, StringComparison.Ordinal);
        Assert.EndsWith("\r\u001b[K", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_narrow_terminal_gets_a_cut_line_that_cannot_wrap()
    {
        var output = new StringWriter();
        var sink = new TerminalProgressSink(output, isTerminal: true, width: 30);

        sink.Write(Copying(120, 0.42, 170));

        var line = output.ToString().Trim('\r').Replace("\u001b[K", "", StringComparison.Ordinal);
        Assert.True(line.Length < 30, line);
        Assert.EndsWith("\u2026", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Off_a_terminal_plain_lines_come_at_step_changes_and_each_tenth_not_at_every_write()
    {
        var output = new StringWriter();
        var sink = new TerminalProgressSink(output, isTerminal: false);

        for (var done = 0; done <= 400; done++)
        {
            sink.Write(Copying(done, done / 800.0)); // copying is half the import
        }

        sink.Write(Copying(400, 0.5) with { Step = StatusStep.Process });
        sink.Write(Copying(400, 0.5) with { State = StatusStates.Done, Step = StatusStep.Done });

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.DoesNotContain('\u001b', output.ToString());
        Assert.All(lines, l => Assert.StartsWith("progress ", l, StringComparison.Ordinal));
        Assert.Equal(7, lines.Length); // 0 %, 10 % ... 50 % while copying, then the step change
        Assert.StartsWith("progress Processing 50%", lines[^1], StringComparison.Ordinal);
    }
}
