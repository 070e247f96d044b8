using System.Device.Spi;
using GhostRoll.Hardware.Buses;
using GhostRoll.Hardware.EPaper.Ssd16xx;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GhostRoll.Hardware.EPaper;

/// <summary>
/// An SSD1680-family e-paper panel (the Waveshare HATs in <see cref="EPaperModel.All"/>). It receives its bus and
/// lines, never opens them. It owns the refresh policy:
/// <list type="bullet">
/// <item>a partial update needs the frame on the glass, so the first update after start or after an error is full;</item>
/// <item>after <see cref="EPaperOptions.FullRefreshEvery"/> partial updates the next one is full, against ghosting;</item>
/// <item>fast on a model without a fast waveform is full;</item>
/// <item>the controller wakes from deep sleep (hardware reset + init) when an update needs it, and goes back to deep
/// sleep after each update unless <see cref="EPaperOptions.SleepAfterRefresh"/> is off.</item>
/// </list>
/// Thread-safe: updates are serialised.
/// </summary>
internal sealed class Ssd1680Panel : IEPaperPanel
{
    private readonly EPaperModel _model;
    private readonly EPaperOptions _options;
    private readonly TimeProvider _time;
    private readonly Ssd16xxController _controller;
    private readonly IDisposable? _ownedResources;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private byte[] _frame;
    private byte[] _onGlass;
    private bool _glassKnown;
    private ControllerState _state = ControllerState.Asleep;
    private bool _disposed;

    /// <param name="spi">
    /// Write-only SPI with chip select handled by the bus. A frame goes out in one Write (up to 5808 bytes), so on
    /// Linux pass a <see cref="SpidevDevice"/>: it splits writes to spidev's buffer size, which SpiDevice.Create's
    /// device does not.
    /// </param>
    /// <param name="ownedResources">Disposed with the panel (the factory hands over the spidev and line requests).</param>
    public Ssd1680Panel(
        SpiDevice spi,
        IGpioOutputLine dc,
        IGpioOutputLine reset,
        IGpioInputLine busy,
        EPaperModel model,
        EPaperOptions? options = null,
        TimeProvider? time = null,
        IDisposable? ownedResources = null)
    {
        ArgumentNullException.ThrowIfNull(spi);
        ArgumentNullException.ThrowIfNull(dc);
        ArgumentNullException.ThrowIfNull(reset);
        ArgumentNullException.ThrowIfNull(busy);
        ArgumentNullException.ThrowIfNull(model);
        _options = options ?? new EPaperOptions();
        _options.Validate();
        _model = model;
        _time = time ?? TimeProvider.System;
        _logger = _options.Logger ?? NullLogger.Instance;
        _ownedResources = ownedResources;
        _controller = new Ssd16xxController(spi, dc, reset, busy, _time, _options.BusyTimeout, model.Name);
        (Width, Height) = FramePacker.LogicalSize(model.Geometry, _options.Rotation);
        _frame = new byte[model.Geometry.FrameBytes];
        _onGlass = new byte[model.Geometry.FrameBytes];
    }

    public int Width { get; }

    public int Height { get; }

    public string Model => _model.Name;

    public EPaperModel PanelModel => _model;

    /// <summary>What the last <see cref="Show"/> actually did, after the policy above (null before the first).</summary>
    public RefreshMode? LastRefresh { get; private set; }

    /// <summary>Partial updates since the last full refresh.</summary>
    public int PartialRefreshesSinceFull { get; private set; }

    public void Show(ReadOnlySpan<byte> pixels, RefreshMode mode)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            FramePacker.Pack(pixels, _model.Geometry, _options.Rotation, _frame);
            var effective = Decide(mode);
            var started = _time.GetTimestamp();
            try
            {
                _state = _model.Update(_controller, effective, _frame, _onGlass, _state);
            }
            catch
            {
                // The glass and the controller are in an unknown state: start over with a reset and a full refresh.
                _state = ControllerState.Asleep;
                _glassKnown = false;
                throw;
            }

            (_onGlass, _frame) = (_frame, _onGlass);
            _glassKnown = true;
            PartialRefreshesSinceFull = effective switch
            {
                RefreshMode.Full => 0,
                RefreshMode.Partial => PartialRefreshesSinceFull + 1,
                _ => PartialRefreshesSinceFull,
            };
            LastRefresh = effective;
            Log.PanelRefreshed(_logger, _model.Name, mode, effective, (long)_time.GetElapsedTime(started).TotalMilliseconds);
            if (_options.SleepAfterRefresh)
            {
                SleepCore();
            }
        }
    }

    public void Sleep()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            SleepCore();
        }
    }

    private RefreshMode Decide(RefreshMode requested) => requested switch
    {
        RefreshMode.Fast when !_model.SupportsFast => RefreshMode.Full,
        RefreshMode.Partial when !_glassKnown || PartialRefreshesSinceFull >= _options.FullRefreshEvery => RefreshMode.Full,
        _ => requested,
    };

    private void SleepCore()
    {
        if (_state == ControllerState.Asleep)
        {
            return;
        }

        // Whatever happens, the next update starts from a hardware reset.
        _state = ControllerState.Asleep;
        _model.EnterDeepSleep(_controller);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            try
            {
                SleepCore();
            }
            catch (IOException e)
            {
                Log.PanelSleepFailed(_logger, _model.Name, e);
            }
            finally
            {
                _ownedResources?.Dispose();
            }
        }
    }
}
