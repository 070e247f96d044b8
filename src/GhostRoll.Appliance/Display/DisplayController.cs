using GhostRoll.Hardware.EPaper;
using GhostRoll.Screens.Drawing;
using GhostRoll.Screens.Layout;
using GhostRoll.Status;
using Microsoft.Extensions.Logging;

namespace GhostRoll.Appliance.Display;

/// <summary>
/// Decides what the panel shows and how, with no clock or I/O of its own (time comes from a
/// <see cref="TimeProvider"/>), so every refresh decision is testable:
/// <list type="bullet">
/// <item>a frame is rendered only when what the screen says changed, and sent only when its pixels differ;</item>
/// <item>no two refreshes closer than DISPLAY_MIN_REFRESH_SECONDS: a newer frame replaces a waiting one;</item>
/// <item>a change of layout or headline is a full refresh; changes within one (progress, counts, battery) are
/// partial, with a full refresh after every DISPLAY_FULL_REFRESH_EVERY partials to clear ghosting;</item>
/// <item>the panel goes to deep sleep as soon as a still screen (idle, done, error) is drawn, and after
/// <see cref="DisplayOptions.AwakeWithoutChange"/> of a frozen working screen; the refresh after a sleep is full,
/// because waking an SSD16xx means a reset and a re-init without the previous frame partial updates diff against.</item>
/// </list>
/// </summary>
internal sealed class DisplayController
{
    private readonly IEPaperPanel _panel;
    private readonly StatusScreenRenderer _renderer;
    private readonly ScreenProfile _profile;
    private readonly DisplayOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private ScreenModel? _offered;
    private Frame? _pending;
    private Frame? _shown;
    private DateTimeOffset _lastRefresh = DateTimeOffset.MinValue;
    private int _partialsSinceFull;
    private bool _awake;
    private bool _needsFull = true;
    private bool _textProblemLogged;

    public DisplayController(IEPaperPanel panel, StatusScreenRenderer renderer, DisplayOptions options, TimeProvider time, ILogger logger)
    {
        _panel = panel;
        _renderer = renderer;
        _options = options;
        _time = time;
        _logger = logger;
        _profile = ScreenProfile.ForPanel(panel.Width, panel.Height);
    }

    /// <summary>The frame on the panel now (null before the first refresh).</summary>
    public Canvas? Shown => _shown?.Canvas;

    public bool Awake => _awake;

    /// <summary>Takes the latest status; cheap when nothing visible changed.</summary>
    public void Offer(StatusDocument status)
    {
        var model = ScreenModel.From(status, _options.LowBatteryPercent);
        if (model == _offered)
        {
            return;
        }

        _offered = model;
        var canvas = _renderer.Render(model, _profile);
        if (_renderer.TextProblem is { } problem && !_textProblemLogged)
        {
            DisplayLog.FontFallback(_logger, problem);
            _textProblemLogged = true;
        }

        _pending = _shown is not null && canvas.SamePixels(_shown.Canvas) ? null : new Frame(canvas, model.Kind, model.Headline);
    }

    /// <summary>
    /// Does what is due now: shows the waiting frame if the rate limit allows, puts the panel to sleep if it should.
    /// Returns how long until something else becomes due (a rate-limited frame, a sleep), or null for nothing.
    /// Panel failures (<see cref="IOException"/>) propagate; the frame stays pending for the next attempt.
    /// </summary>
    public TimeSpan? Pump()
    {
        var now = _time.GetUtcNow();
        if (_pending is { } frame)
        {
            var earliest = _lastRefresh == DateTimeOffset.MinValue ? now : _lastRefresh + _options.MinRefreshInterval;
            if (now < earliest)
            {
                return earliest - now;
            }

            Show(frame, now);
        }

        if (_awake && _shown is { } shown)
        {
            var sleepAt = shown.Kind == ScreenKind.Working ? _lastRefresh + _options.AwakeWithoutChange : now;
            if (now < sleepAt)
            {
                return sleepAt - now;
            }

            Sleep();
        }

        return null;
    }

    /// <summary>For <c>--once</c>: shows the status now with a full refresh, ignoring the rate limit.</summary>
    public void ShowNow(StatusDocument status)
    {
        _offered = null;
        _shown = null;
        _needsFull = true;
        _lastRefresh = DateTimeOffset.MinValue;
        Offer(status);
        Pump();
    }

    /// <summary>Leaves the panel asleep (it keeps the last image without power). Called on exit.</summary>
    public void Shutdown()
    {
        if (_awake)
        {
            Sleep();
        }
    }

    private void Show(Frame frame, DateTimeOffset now)
    {
        var full = _needsFull || _shown is null || _shown.Kind != frame.Kind || _shown.Headline != frame.Headline
            || _partialsSinceFull >= _options.FullRefreshEvery;
        var mode = full ? RefreshMode.Full : RefreshMode.Partial;

        // Count the attempt before talking to the panel: a failing panel is retried at the rate limit, not in a loop,
        // and the retry is a full refresh because the controller's frame memory is unknown after an error.
        _lastRefresh = now;
        _needsFull = true;
        _panel.Show(frame.Canvas.Pixels, mode);
        _needsFull = false;
        _awake = true;
        _partialsSinceFull = full ? 0 : _partialsSinceFull + 1;
        _shown = frame;
        _pending = null;
        DisplayLog.Refreshed(_logger, mode, frame.Headline);
    }

    private void Sleep()
    {
        _awake = false;
        _needsFull = true;
        _panel.Sleep();
        DisplayLog.Sleeping(_logger);
    }

    private sealed record Frame(Canvas Canvas, ScreenKind Kind, string Headline);
}
