using System.Device.Spi;
using GhostRoll.Hardware.Buses;

namespace GhostRoll.Hardware.EPaper.Ssd16xx;

/// <summary>Hardware reset pulse timing, per model (Waveshare's <c>reset()</c>).</summary>
internal readonly record struct ResetTiming(int HighBeforeMs, int LowMs, int HighAfterMs);

/// <summary>
/// The SSD16xx wire protocol: a command byte with D/C low, its parameters with D/C high, RAM writes as one long data
/// burst, the RST pulse, and waiting on BUSY (high = busy; every Waveshare driver polls <c>while BUSY == 1</c>).
/// All waiting goes through <see cref="TimeProvider"/> so tests run on virtual time.
/// </summary>
internal sealed class Ssd16xxController
{
    /// <summary>How often BUSY is polled (Waveshare's 2.13" V4 driver: 10 ms).</summary>
    internal static readonly TimeSpan BusyPollInterval = TimeSpan.FromMilliseconds(10);

    private readonly SpiDevice _spi;
    private readonly IGpioOutputLine _dc;
    private readonly IGpioOutputLine _reset;
    private readonly IGpioInputLine _busy;
    private readonly TimeProvider _time;
    private readonly TimeSpan _busyTimeout;
    private readonly string _panelName;
    private readonly byte[] _commandByte = new byte[1];
    private bool? _dcHigh;
    private string _lastStep = "after power-on";

    public Ssd16xxController(
        SpiDevice spi, IGpioOutputLine dc, IGpioOutputLine reset, IGpioInputLine busy, TimeProvider time, TimeSpan busyTimeout, string panelName)
    {
        _spi = spi;
        _dc = dc;
        _reset = reset;
        _busy = busy;
        _time = time;
        _busyTimeout = busyTimeout;
        _panelName = panelName;
    }

    /// <summary>Sends a command and its parameters (if any).</summary>
    public void Send(Ssd16xxCommand command, params ReadOnlySpan<byte> parameters)
    {
        SetDataCommand(high: false);
        _commandByte[0] = (byte)command;
        _spi.Write(_commandByte);
        _lastStep = $"after command 0x{(byte)command:X2} ({command})";
        if (!parameters.IsEmpty)
        {
            SetDataCommand(high: true);
            _spi.Write(parameters);
        }
    }

    /// <summary>RAM X/Y window over the whole panel (Waveshare <c>SetWindow(0, 0, w - 1, h - 1)</c>).</summary>
    public void SetFullWindow(PanelGeometry panel)
    {
        var lastY = panel.Height - 1;
        Send(Ssd16xxCommand.SetRamXWindow, 0x00, (byte)((panel.Width - 1) >> 3));
        Send(Ssd16xxCommand.SetRamYWindow, 0x00, 0x00, (byte)(lastY & 0xFF), (byte)(lastY >> 8));
    }

    /// <summary>RAM address counter to (0, 0) (Waveshare <c>SetCursor(0, 0)</c>).</summary>
    public void SetCursorToOrigin()
    {
        Send(Ssd16xxCommand.SetRamXCounter, 0x00);
        Send(Ssd16xxCommand.SetRamYCounter, 0x00, 0x00);
    }

    /// <summary>Chooses an update sequence (0x22), runs it (0x20) and waits for BUSY to drop.</summary>
    public void RunUpdate(byte sequence)
    {
        Send(Ssd16xxCommand.DisplayUpdateControl2, sequence);
        Send(Ssd16xxCommand.MasterActivation);
        WaitWhileBusy();
    }

    /// <summary>High, low, high on RST with the model's delays: wakes the controller from deep sleep.</summary>
    public void HardwareReset(ResetTiming timing)
    {
        _reset.Write(true);
        Delay(timing.HighBeforeMs);
        _reset.Write(false);
        Delay(timing.LowMs);
        _reset.Write(true);
        Delay(timing.HighAfterMs);
        _lastStep = "after a hardware reset";
    }

    /// <summary>The short RST pulse Waveshare sends before each partial update (no settling delay after it).</summary>
    public void PulseReset(int lowMs)
    {
        _reset.Write(false);
        Delay(lowMs);
        _reset.Write(true);
        _lastStep = "after a reset pulse";
    }

    /// <summary>Polls BUSY until it drops; throws <see cref="EPaperBusyTimeoutException"/> after the timeout.</summary>
    public void WaitWhileBusy()
    {
        var started = _time.GetTimestamp();
        while (_busy.Read())
        {
            if (_time.GetElapsedTime(started) >= _busyTimeout)
            {
                throw new EPaperBusyTimeoutException(_panelName, _lastStep, _busyTimeout);
            }

            Delay(BusyPollInterval);
        }
    }

    private void Delay(int milliseconds) => Delay(TimeSpan.FromMilliseconds(milliseconds));

    private void Delay(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
        {
            return;
        }

        if (ReferenceEquals(_time, TimeProvider.System))
        {
            Thread.Sleep(duration);
            return;
        }

        // Any other clock (a test's virtual clock) decides when the wait ends through its timer. The event is
        // deliberately not disposed: a real timer thread may still be inside Set() when Wait() returns.
        var elapsed = new ManualResetEventSlim();
        using var timer = _time.CreateTimer(static state => ((ManualResetEventSlim)state!).Set(), elapsed, duration, Timeout.InfiniteTimeSpan);
        elapsed.Wait();
    }

    private void SetDataCommand(bool high)
    {
        if (_dcHigh != high)
        {
            _dc.Write(high);
            _dcHigh = high;
        }
    }
}
