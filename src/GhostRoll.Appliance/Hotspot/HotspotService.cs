using GhostRoll.Appliance.Setup;
using GhostRoll.Configuration;
using Microsoft.Extensions.Logging;

namespace GhostRoll.Appliance.Hotspot;

/// <summary>
/// <c>ghostroll hotspot</c>, the ghostroll-hotspot service: makes the passphrase on the first start, installs the
/// NetworkManager profile, then every few seconds looks at the Wi-Fi, applies <see cref="HotspotPolicy"/> and
/// writes <see cref="HotspotState"/> for the display.
/// </summary>
public sealed class HotspotService
{
    /// <summary>How often the Wi-Fi is looked at: a phone that joins sees the gallery QR within this (plus the panel's refresh limit).</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    /// <summary>How often, with the hotspot idle, the scan list is compared with the saved networks.</summary>
    public static readonly TimeSpan KnownNetworkCheck = TimeSpan.FromMinutes(2);

    private readonly HotspotController _controller;
    private readonly string _mode;
    private readonly TimeSpan _grace;
    private readonly string _ssid;
    private readonly string _interface;
    private readonly string _statePath;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private DateTimeOffset _withoutWifiSince;
    private DateTimeOffset _nextKnownCheck;
    private int _shownStations;
    private bool _noDeviceLogged;
    private bool _profileInstalled;

    public HotspotService(INetworkTool tool, GhostRollSettings settings, HotspotPaths paths, TimeProvider time, ILogger logger, SystemUser? passphraseOwner = null)
    {
        _mode = settings.Hotspot;
        _grace = TimeSpan.FromSeconds(settings.HotspotGraceSeconds);
        _ssid = HotspotIdentity.Ssid(settings);
        _interface = settings.HotspotInterface;
        _statePath = paths.State;
        _time = time;
        _logger = logger;
        var passphrase = settings.Hotspot == HotspotModes.Never ? "" : HotspotPassphrase.LoadOrCreate(paths.Passphrase, passphraseOwner);
        _controller = new HotspotController(tool, new HotspotProfile(_interface, _ssid, passphrase), paths.Keyfile, logger);
        _withoutWifiSince = time.GetUtcNow();
        _nextKnownCheck = _withoutWifiSince;
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        HotspotLog.Started(_logger, _mode, _ssid, _interface, (int)_grace.TotalSeconds);
        while (!cancellationToken.IsCancellationRequested)
        {
            await StepAsync(cancellationToken).ConfigureAwait(false);
            await Task.Delay(Interval, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>One look and at most one action; returns what was done.</summary>
    public async Task<HotspotAction> StepAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var lookForKnown = now >= _nextKnownCheck;
        var seen = await _controller.ObserveAsync(lookForKnown, cancellationToken).ConfigureAwait(false);
        if (lookForKnown && seen.HotspotActive)
        {
            _nextKnownCheck = now + KnownNetworkCheck;
        }

        if (!seen.DevicePresent && !_noDeviceLogged)
        {
            HotspotLog.NoDevice(_logger, _interface);
        }

        _noDeviceLogged = !seen.DevicePresent;
        if (seen.WifiConnected || seen.HotspotActive)
        {
            _withoutWifiSince = now;
        }

        var action = HotspotPolicy.Decide(_mode, seen, now - _withoutWifiSince, _grace);
        var active = seen.HotspotActive;
        switch (action)
        {
            case HotspotAction.Start when await InstallProfileOnceAsync(cancellationToken).ConfigureAwait(false) && await _controller.StartAsync(cancellationToken).ConfigureAwait(false):
                active = true;
                _nextKnownCheck = now + KnownNetworkCheck;
                HotspotLog.Up(_logger, _ssid, _mode == HotspotModes.Always ? "HOTSPOT=always" : $"no known Wi-Fi after {_grace.TotalSeconds:0} s");
                break;
            case HotspotAction.Stop when await _controller.StopAsync(cancellationToken).ConfigureAwait(false):
                active = false;

                // NetworkManager now joins the known network; if that fails, the grace period starts again.
                _withoutWifiSince = now;
                if (_mode == HotspotModes.Never)
                {
                    HotspotLog.Disabled(_logger);
                }
                else
                {
                    HotspotLog.Down(_logger, "a known Wi-Fi network is in range and no phone is connected");
                }

                break;
        }

        var stations = active ? seen.Stations : 0;
        if (stations != _shownStations)
        {
            HotspotLog.Stations(_logger, stations);
            _shownStations = stations;
        }

        WriteState(active, stations, now);
        return action;
    }

    /// <summary>
    /// The profile is (re)written before the first start of each run, so a changed HOTSPOT_SSID or a passphrase
    /// edited by hand takes effect at the next service start; NetworkManager may keep an older one meanwhile.
    /// </summary>
    private async Task<bool> InstallProfileOnceAsync(CancellationToken cancellationToken)
    {
        _profileInstalled = _profileInstalled || await _controller.InstallProfileAsync(cancellationToken).ConfigureAwait(false);
        return _profileInstalled;
    }

    private void WriteState(bool active, int stations, DateTimeOffset now)
    {
        try
        {
            new HotspotState { Mode = _mode, Active = active, Ssid = _ssid, Interface = _interface, Stations = stations, UpdatedUnix = now.ToUnixTimeSeconds() }.Write(_statePath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            HotspotLog.ToolFailed(_logger, "writing " + _statePath, e.Message);
        }
    }
}
