using GhostRoll.Appliance.Hotspot;
using GhostRoll.Hardware.EPaper;
using GhostRoll.Hardware.Power;
using GhostRoll.Screens.Layout;
using GhostRoll.Screens.Text;
using Microsoft.Extensions.Logging;

namespace GhostRoll.Appliance.Display;

/// <summary>
/// Assembles the display for <c>ghostroll display</c>: fonts (FreeType, else the built-in font, logged once),
/// renderer, controller, and on <see cref="RunAsync"/> the status file watch. Owns the fonts, not the panel or
/// the battery gauge (the caller created those).
/// </summary>
public sealed class DisplayRuntime : IDisposable
{
    private readonly IGlyphSource _glyphs;
    private readonly DisplayOptions _options;
    private readonly IEPaperPanel _panel;
    private readonly IBatteryGauge? _battery;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly DisplayController _controller;
    private readonly string _textEngine;

    public DisplayRuntime(DisplayOptions options, IEPaperPanel panel, IBatteryGauge? battery, ILogger logger, TimeProvider? time = null)
    {
        _options = options;
        _panel = panel;
        _battery = battery;
        _logger = logger;
        _time = time ?? TimeProvider.System;
        _glyphs = Fonts.Open(out var problem);
        if (problem is not null)
        {
            DisplayLog.FontFallback(logger, problem);
        }

        var renderer = new StatusScreenRenderer(_glyphs) { LowBatteryPercent = options.LowBatteryPercent };
        _textEngine = renderer.TextEngine;
        _controller = new DisplayController(panel, renderer, options, _time, logger);
    }

    /// <summary>The field hotspot's name, passphrase and phones for the idle screen (null: HOTSPOT=never).</summary>
    public HotspotDisplaySource? Hotspot { get; init; }

    /// <summary>Follows status.json until cancelled; leaves the panel asleep showing the last frame.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var watch = StatusFileWatch.Open(_options.StatusPath, _options.PollInterval, _time, _logger);
        DisplayLog.Started(_logger, _panel.Model, _panel.Width, _panel.Height, _textEngine, _options.StatusPath, watch.Mode);
        await new DisplayDaemon(_controller, watch, _options, _time, _logger, _battery, hotspot: Hotspot).RunAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Shows the current status once (full refresh) and puts the panel to sleep.</summary>
    public void ShowOnce() => new DisplayDaemon(_controller, NoStatusChanges.Instance, _options, _time, _logger, _battery, hotspot: Hotspot).ShowOnce();

    public void Dispose() => _glyphs.Dispose();

    /// <summary>A change source for one-shot rendering: nothing ever changes.</summary>
    private sealed class NoStatusChanges : IStatusChangeSource
    {
        public static readonly NoStatusChanges Instance = new();

        public string Mode => "none";

        public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => Task.FromResult(false);

        public void Dispose()
        {
        }
    }
}
