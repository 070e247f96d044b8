namespace GhostRoll.Status;

/// <summary>
/// Progress of a CLI import for the person running it. On a terminal: one live line, rewritten in place
/// (carriage return, erase to end of line). Otherwise (a pipe, a file, journald): a plain line when the step
/// changes and at every tenth of the import, so a log shows progress without a line per status write.
/// </summary>
public sealed class TerminalProgressSink : IStatusSink, IDisposable
{
    /// <summary>Erase from the cursor to the end of the line (ECMA-48 EL, parameter 0).</summary>
    private const string EraseLine = "\u001b[K";

    private readonly TextWriter _writer;
    private readonly bool _terminal;
    private readonly int _width;
    private readonly Lock _gate = new();
    private string? _shown;
    private StatusStep? _lastStep;
    private int _lastTenth = -1;

    /// <param name="writer">Where the lines go (standard error: standard output keeps the summary for scripts).</param>
    /// <param name="isTerminal">Whether <paramref name="writer"/> is a terminal (the CLI asks the console; tests say).</param>
    /// <param name="width">Terminal columns; the live line is cut to fit so it never wraps (a wrapped line cannot be rewritten).</param>
    public TerminalProgressSink(TextWriter writer, bool isTerminal, int width = 80)
    {
        _writer = writer;
        _terminal = isTerminal;
        _width = Math.Max(20, width);
    }

    public void Write(StatusDocument status)
    {
        ArgumentNullException.ThrowIfNull(status);
        if (status.State != StatusStates.Running)
        {
            return;
        }

        var line = StatusWords.ProgressLine(status);
        lock (_gate)
        {
            if (_terminal)
            {
                line = line.Length < _width ? line : line[..(_width - 2)] + "\u2026";
                if (line != _shown)
                {
                    // The cursor goes back to the start of the line: a log line written meanwhile (to the same
                    // terminal) then overwrites the live line instead of being glued to its end.
                    _writer.Write("\r" + line + EraseLine + "\r");
                    _writer.Flush();
                    _shown = line;
                }

                return;
            }

            var tenth = status.OverallProgress is { } f ? (int)Math.Floor(Math.Clamp(f, 0, 1) * 10) : -1;
            if (status.Step != _lastStep || tenth > _lastTenth)
            {
                _writer.WriteLine("progress " + line);
                _writer.Flush();
                (_lastStep, _lastTenth) = (status.Step, Math.Max(tenth, _lastTenth));
            }
        }
    }

    /// <summary>Clears the live line so what is printed next starts on a clean line.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_terminal && _shown is not null)
            {
                _writer.Write("\r" + EraseLine);
                _writer.Flush();
                _shown = null;
            }
        }
    }
}
