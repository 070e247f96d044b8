using System.Globalization;
using System.Text;

namespace GhostRoll.Hardware.Tests.Fakes;

/// <summary>One thing the driver did at the hardware edge, stamped with virtual time.</summary>
public sealed record TraceEvent(long Ticks, TraceKind Kind, string Line = "", bool Level = false, byte[]? Bytes = null);

public enum TraceKind
{
    /// <summary>An output line was driven.</summary>
    LineWrite,

    /// <summary>BUSY was read.</summary>
    BusyRead,

    /// <summary>Bytes went over SPI; <see cref="TraceEvent.Level"/> is the D/C line at that moment.</summary>
    Spi,
}

/// <summary>
/// The shared, ordered log of a fake HAT: RST/DC writes, BUSY reads, SPI writes. <see cref="Tokens"/> renders it as
/// the lines of a datasheet-style table (<c>RST=0</c>, <c>wait 2ms</c>, <c>BUSY</c>, <c>CMD 01 F9 00 00</c>,
/// <c>CMD 24 [4000 bytes]</c>) so a test can compare a whole sequence and print a readable diff.
/// </summary>
public sealed class HardwareTrace(TimeProvider clock)
{
    private readonly Lock _gate = new();
    private readonly List<TraceEvent> _events = [];

    public IReadOnlyList<TraceEvent> Events
    {
        get
        {
            lock (_gate)
            {
                return [.. _events];
            }
        }
    }

    public void Add(TraceKind kind, string line = "", bool level = false, byte[]? bytes = null)
    {
        lock (_gate)
        {
            _events.Add(new TraceEvent(clock.GetTimestamp(), kind, line, level, bytes));
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _events.Clear();
        }
    }

    /// <summary>
    /// The trace as table lines. D/C writes are folded into CMD lines (a byte sent with D/C low is a command, bytes
    /// with D/C high are its parameters); consecutive BUSY reads become one <c>BUSY</c>; time that passes outside a
    /// BUSY wait shows as <c>wait Nms</c>. RAM writes longer than 16 bytes show their length only.
    /// </summary>
    public List<string> Tokens()
    {
        var tokens = new List<string>();
        StringBuilder? command = null;
        var parameters = 0;
        TraceEvent? previous = null;

        void FlushCommand()
        {
            if (command is not null)
            {
                tokens.Add(parameters > 16 ? $"{command.ToString()[..6]} [{parameters} bytes]" : command.ToString());
                command = null;
                parameters = 0;
            }
        }

        foreach (var e in Events)
        {
            if (e.Kind == TraceKind.LineWrite && e.Line == "DC")
            {
                continue;
            }

            if (previous is not null && previous.Kind != TraceKind.BusyRead && e.Ticks > previous.Ticks)
            {
                FlushCommand();
                tokens.Add($"wait {TimeSpan.FromTicks(e.Ticks - previous.Ticks).TotalMilliseconds.ToString(CultureInfo.InvariantCulture)}ms");
            }

            switch (e.Kind)
            {
                case TraceKind.LineWrite:
                    FlushCommand();
                    tokens.Add($"{e.Line}={(e.Level ? 1 : 0)}");
                    break;
                case TraceKind.BusyRead:
                    FlushCommand();
                    if (previous?.Kind != TraceKind.BusyRead)
                    {
                        tokens.Add("BUSY");
                    }

                    break;
                case TraceKind.Spi when !e.Level:
                    foreach (var b in e.Bytes!)
                    {
                        FlushCommand();
                        command = new StringBuilder($"CMD {b:X2}");
                    }

                    break;
                case TraceKind.Spi:
                    if (command is null)
                    {
                        tokens.Add($"DATA WITHOUT COMMAND [{e.Bytes!.Length} bytes]");
                        break;
                    }

                    foreach (var b in e.Bytes!)
                    {
                        if (parameters < 16)
                        {
                            command.Append(CultureInfo.InvariantCulture, $" {b:X2}");
                        }

                        parameters++;
                    }

                    break;
            }

            previous = e;
        }

        FlushCommand();
        return tokens;
    }

    /// <summary>The parameter bytes of every occurrence of a command, in order (e.g. all frames written to 0x24).</summary>
    public List<byte[]> Parameters(byte command)
    {
        var found = new List<byte[]>();
        List<byte>? current = null;
        foreach (var e in Events.Where(e => e.Kind == TraceKind.Spi))
        {
            if (!e.Level)
            {
                if (current is not null)
                {
                    found.Add([.. current]);
                }

                current = e.Bytes![^1] == command ? [] : null;
            }
            else
            {
                current?.AddRange(e.Bytes!);
            }
        }

        if (current is not null)
        {
            found.Add([.. current]);
        }

        return found;
    }
}
