namespace GhostRoll.Hardware.Tests.Fakes;

/// <summary>What the controller showed when an update with the "display" bit ran.</summary>
public sealed record SimulatedRefresh(byte Sequence, byte[] BlackWhiteRam, byte[] OldDataRam);

/// <summary>
/// A behavioural model of an SSD16xx controller, enough to check a driver against the command table rather than
/// against itself: RAM with the address counter moving as the data entry mode says (0x11: bit 0 X up, bit 1 Y up,
/// bit 2 Y first) and wrapping inside the 0x44/0x45 window; registers back to power-on values on 0x12 and on a
/// hardware reset (RST low then high); BUSY high while 0x12 or an update (0x20) runs; deep sleep (0x10 with a
/// non-zero parameter) that ignores everything until a hardware reset. Rules a driver must follow are recorded as
/// <see cref="Violations"/>: no command while BUSY is high, nothing while asleep, no RAM write outside the RAM.
/// </summary>
/// <remarks>
/// Durations are plausible, not measured: 5 ms for a software reset, 2 s for a full refresh, 0.4 s for a partial
/// one. BUSY after a hardware reset is not modelled (Waveshare sends commands right after the partial-update pulse).
/// </remarks>
public sealed class SimulatedSsd16xx
{
    /// <summary>SSD1680 RAM: 176 sources (22 bytes) x 296 gates.</summary>
    public const int RamBytesPerRow = 22;
    public const int RamRows = 296;

    private readonly TimeProvider _clock;
    private readonly List<byte> _parameters = [];
    private byte? _command;
    private int _entryMode;
    private int _xStart;
    private int _xEnd;
    private int _yStart;
    private int _yEnd;
    private int _x;
    private int _y;
    private byte _sequence;
    private long _busyUntil;
    private bool _resetLow;

    public SimulatedSsd16xx(TimeProvider clock)
    {
        _clock = clock;
        PowerOnRegisters();
    }

    public byte[] BlackWhiteRam { get; } = new byte[RamBytesPerRow * RamRows];

    public byte[] OldDataRam { get; } = new byte[RamBytesPerRow * RamRows];

    public List<SimulatedRefresh> Refreshes { get; } = [];

    public List<string> Violations { get; } = [];

    public bool Asleep { get; private set; } = true;

    public int HardwareResets { get; private set; }

    /// <summary>Parameters last written to each register-style command.</summary>
    public Dictionary<byte, byte[]> Registers { get; } = [];

    public bool Busy => _clock.GetTimestamp() < _busyUntil;

    /// <summary>Wired to the RST line: a low-then-high edge is a hardware reset, which also wakes from deep sleep.</summary>
    public void OnReset(bool high)
    {
        if (!high)
        {
            _resetLow = true;
            return;
        }

        if (_resetLow)
        {
            _resetLow = false;
            HardwareResets++;
            Asleep = false;
            _command = null;
            PowerOnRegisters();
        }
    }

    /// <summary>Wired to the SPI bus: D/C low = command bytes, high = parameters or RAM data.</summary>
    public void OnSpi(bool dcHigh, byte[] bytes)
    {
        foreach (var b in bytes)
        {
            if (dcHigh)
            {
                Data(b);
            }
            else
            {
                Command(b);
            }
        }
    }

    /// <summary>The first <paramref name="rows"/> rows of a RAM, <paramref name="bytesPerRow"/> bytes each (the panel's window).</summary>
    public static byte[] Crop(byte[] ram, int bytesPerRow, int rows)
    {
        var frame = new byte[bytesPerRow * rows];
        for (var y = 0; y < rows; y++)
        {
            ram.AsSpan(y * RamBytesPerRow, bytesPerRow).CopyTo(frame.AsSpan(y * bytesPerRow));
        }

        return frame;
    }

    private void Command(byte command)
    {
        if (Asleep)
        {
            Violations.Add($"command 0x{command:X2} sent while the controller is in deep sleep (or before the first hardware reset)");
            return;
        }

        if (Busy)
        {
            Violations.Add($"command 0x{command:X2} sent while BUSY is high");
        }

        _command = command;
        _parameters.Clear();
        switch (command)
        {
            case 0x12:
                PowerOnRegisters();
                _busyUntil = _clock.GetTimestamp() + TimeSpan.FromMilliseconds(5).Ticks;
                break;
            case 0x20:
                Activate();
                break;
        }
    }

    private void Data(byte value)
    {
        if (Asleep)
        {
            return;
        }

        switch (_command)
        {
            case null:
                Violations.Add("data sent before any command");
                break;
            case 0x24 or 0x26:
                WriteRam(_command == 0x24 ? BlackWhiteRam : OldDataRam, value);
                break;
            default:
                _parameters.Add(value);
                ApplyParameters();
                break;
        }
    }

    /// <summary>Applies the current command's parameters as they arrive (deep sleep takes effect on its parameter byte).</summary>
    private void ApplyParameters()
    {
        if (_command is not { } command)
        {
            return;
        }

        var p = _parameters.ToArray();
        Registers[command] = p;
        switch (command)
        {
            case 0x10 when p.Length > 0 && p[0] != 0:
                Asleep = true;
                break;
            case 0x11 when p.Length >= 1:
                _entryMode = p[0] & 0x07;
                break;
            case 0x22 when p.Length >= 1:
                _sequence = p[0];
                break;
            case 0x44 when p.Length >= 2:
                (_xStart, _xEnd) = (p[0] & 0x3F, p[1] & 0x3F);
                break;
            case 0x45 when p.Length >= 4:
                (_yStart, _yEnd) = (p[0] | ((p[1] & 0x01) << 8), p[2] | ((p[3] & 0x01) << 8));
                break;
            case 0x4E when p.Length >= 1:
                _x = p[0] & 0x3F;
                break;
            case 0x4F when p.Length >= 2:
                _y = p[0] | ((p[1] & 0x01) << 8);
                break;
        }
    }

    private void Activate()
    {
        var sequence = _sequence;
        var displays = (sequence & 0x04) != 0;
        var duration = !displays ? 20 : sequence switch
        {
            0xF7 => 2000,
            0xC7 => 1500,
            _ => 400,
        };
        _busyUntil = _clock.GetTimestamp() + TimeSpan.FromMilliseconds(duration).Ticks;
        if (displays)
        {
            Refreshes.Add(new SimulatedRefresh(sequence, [.. BlackWhiteRam], [.. OldDataRam]));
        }
    }

    private void WriteRam(byte[] ram, byte value)
    {
        if (_x >= RamBytesPerRow || _y >= RamRows)
        {
            Violations.Add($"RAM write outside the RAM at x={_x}, y={_y}");
        }
        else
        {
            ram[(_y * RamBytesPerRow) + _x] = value;
        }

        var xUp = (_entryMode & 0x01) != 0;
        var yUp = (_entryMode & 0x02) != 0;
        if ((_entryMode & 0x04) == 0)
        {
            if (StepX(xUp))
            {
                StepY(yUp);
            }
        }
        else if (StepY(yUp))
        {
            StepX(xUp);
        }
    }

    /// <summary>Moves X one step inside the window; true when it wrapped (the other axis then moves).</summary>
    private bool StepX(bool up)
    {
        _x += up ? 1 : -1;
        if (up ? _x > _xEnd : _x < _xEnd)
        {
            _x = _xStart;
            return true;
        }

        return false;
    }

    private bool StepY(bool up)
    {
        _y += up ? 1 : -1;
        if (up ? _y > _yEnd : _y < _yEnd)
        {
            _y = _yStart;
            return true;
        }

        return false;
    }

    /// <summary>SSD1680 power-on values: entry mode X+/Y+, window the whole RAM (0..0x15, 0..0x127), counters 0.</summary>
    private void PowerOnRegisters()
    {
        _entryMode = 0x03;
        (_xStart, _xEnd) = (0, RamBytesPerRow - 1);
        (_yStart, _yEnd) = (0, RamRows - 1);
        (_x, _y) = (0, 0);
    }
}
