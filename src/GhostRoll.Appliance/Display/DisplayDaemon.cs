using GhostRoll.Appliance.Hotspot;
using GhostRoll.Hardware.Power;
using GhostRoll.Lan;
using GhostRoll.Status;
using Microsoft.Extensions.Logging;

namespace GhostRoll.Appliance.Display;

/// <summary>Where people SSH to, read live (the network may have changed since the last import wrote status).</summary>
internal sealed record HostAddress(string? Hostname, string? Ip)
{
    public static HostAddress Current() => new(Environment.MachineName, LanAddress.Current());
}

/// <summary>
/// <c>ghostroll display</c>: follows status.json and keeps the panel showing it. Adds what only the daemon
/// knows: the battery (read here, since no import may be running), the live host name and IP, and whether a
/// "running" status has gone stale. All refresh decisions are the <see cref="DisplayController"/>'s.
/// </summary>
internal sealed class DisplayDaemon
{
    private readonly DisplayController _controller;
    private readonly IStatusChangeSource _changes;
    private readonly DisplayOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IBatteryGauge? _battery;
    private readonly Func<HostAddress> _host;
    private readonly HotspotDisplaySource? _hotspot;
    private BatteryStatus? _shownBattery;
    private bool _batteryFailed;
    private bool _staleLogged;
    private DateTimeOffset? _staleAt;

    public DisplayDaemon(DisplayController controller, IStatusChangeSource changes, DisplayOptions options, TimeProvider time, ILogger logger,
        IBatteryGauge? battery = null, Func<HostAddress>? host = null, HotspotDisplaySource? hotspot = null)
    {
        _controller = controller;
        _changes = changes;
        _options = options;
        _time = time;
        _logger = logger;
        _battery = battery;
        _host = host ?? HostAddress.Current;
        _hotspot = hotspot;
    }

    /// <summary>Runs until cancelled (SIGTERM), then leaves the panel asleep. Never throws for panel or status problems.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var nextBatteryRead = _time.GetUtcNow();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                if (_battery is not null && _time.GetUtcNow() >= nextBatteryRead)
                {
                    ReadBattery();
                    nextBatteryRead = _time.GetUtcNow() + _options.BatteryInterval;
                }

                _controller.Offer(CurrentStatus());
                var wait = PumpSafely();
                var now = _time.GetUtcNow();
                var hotspotLook = _hotspot is { ServiceRunning: true } ? HotspotService.Interval : (TimeSpan?)null;
                var timeout = Earliest(wait, _battery is null ? null : nextBatteryRead - now, _staleAt - now, hotspotLook);
                if (await _changes.WaitAsync(timeout, cancellationToken).ConfigureAwait(false))
                {
                    await Task.Delay(_options.Debounce, _time, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            try
            {
                _controller.Shutdown();
            }
            catch (IOException e)
            {
                DisplayLog.PanelFailed(_logger, e.Message);
            }

            DisplayLog.Stopped(_logger);
        }
    }

    /// <summary>For <c>--once</c>: draws the current status with a full refresh and leaves the panel asleep.</summary>
    public void ShowOnce()
    {
        ReadBattery();
        _controller.ShowNow(CurrentStatus());
        _controller.Shutdown();
    }

    /// <summary>status.json as the screen should show it (an idle screen when there is none yet).</summary>
    public StatusDocument CurrentStatus()
    {
        var status = StatusFile.TryRead(_options.StatusPath) ?? new StatusDocument();
        var host = _host();
        status = status with { Hostname = host.Hostname ?? status.Hostname, Ip = host.Ip ?? status.Ip, Hotspot = _hotspot?.Read() };

        if (_battery is not null)
        {
            var reading = _shownBattery;
            status = status with
            {
                BatteryPercentage = reading?.Percentage,
                BatteryCharging = reading?.Charging,
                BatteryLow = reading is null ? null : !reading.Charging && reading.Percentage < _options.LowBatteryPercent,
            };
        }

        return MarkStale(status);
    }

    private StatusDocument MarkStale(StatusDocument status)
    {
        _staleAt = null;
        if (status.State != StatusStates.Running || status.UpdatedUnix <= 0)
        {
            _staleLogged = false;
            return status;
        }

        var staleAt = DateTimeOffset.FromUnixTimeSeconds(status.UpdatedUnix) + _options.StaleRunningAfter;
        var now = _time.GetUtcNow();
        if (now < staleAt)
        {
            _staleAt = staleAt;
            _staleLogged = false;
            return status;
        }

        if (!_staleLogged)
        {
            DisplayLog.StaleStatus(_logger, (now - DateTimeOffset.FromUnixTimeSeconds(status.UpdatedUnix)).TotalMinutes);
            _staleLogged = true;
        }

        return status with
        {
            State = StatusStates.Error,
            LastError = "The import stopped responding. Remove the card and insert it again; see the log over SSH.",
        };
    }

    private void ReadBattery()
    {
        if (_battery is null)
        {
            return;
        }

        try
        {
            var reading = _battery.Read();
            if (_batteryFailed)
            {
                DisplayLog.BatteryBack(_logger, _battery.Board);
                _batteryFailed = false;
            }

            if (ShouldShow(reading))
            {
                _shownBattery = reading;
            }
        }
        catch (IOException e)
        {
            if (!_batteryFailed)
            {
                DisplayLog.BatteryFailed(_logger, _battery.Board, e.Message);
                _batteryFailed = true;
            }

            _shownBattery = null;
        }
    }

    /// <summary>Hysteresis: small jitter of the voltage-derived percentage is not worth a refresh.</summary>
    private bool ShouldShow(BatteryStatus reading)
    {
        if (_shownBattery is not { } shown)
        {
            return true;
        }

        bool Low(BatteryStatus b) => !b.Charging && b.Percentage < _options.LowBatteryPercent;
        return shown.Charging != reading.Charging
            || Low(shown) != Low(reading)
            || Math.Abs(shown.Percentage - reading.Percentage) >= _options.BatteryHysteresisPercent;
    }

    private TimeSpan? PumpSafely()
    {
        try
        {
            return _controller.Pump();
        }
        catch (IOException e)
        {
            DisplayLog.PanelFailed(_logger, e.Message);
            return _options.MinRefreshInterval;
        }
    }

    private static TimeSpan Earliest(params TimeSpan?[] waits)
    {
        var result = Timeout.InfiniteTimeSpan;
        foreach (var wait in waits)
        {
            if (wait is { } w)
            {
                var clamped = w < TimeSpan.Zero ? TimeSpan.Zero : w;
                result = result == Timeout.InfiniteTimeSpan || clamped < result ? clamped : result;
            }
        }

        return result;
    }
}
