using GhostRoll.Appliance.Hotspot;
using GhostRoll.Appliance.Tests.Display;
using GhostRoll.Appliance.Tests.TestDoubles;
using GhostRoll.Configuration;
using GhostRoll.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace GhostRoll.Appliance.Tests.Hotspot;

/// <summary>
/// HOTSPOT=auto|always|never against a fake NetworkManager (the system edge): when the access point comes up, when
/// it gives way to a known network, that a connected phone is never cut off, and what the display is told.
/// </summary>
public sealed class HotspotServiceTests : IDisposable
{
    private readonly TempDirectory _temp = new("hotspot");
    private readonly FakeNetworkManager _nm = new();
    private readonly ManualTimeProvider _clock = new();

    private HotspotPaths Paths => new(_temp.Combine("system-connections", "ghostroll-hotspot.nmconnection"), _temp.Combine("etc", "hotspot-passphrase"), _temp.Combine("run", "hotspot.json"));

    [Fact]
    public async Task Auto_waits_the_grace_period_then_starts_the_hotspot_when_no_known_wifi_connected()
    {
        var service = Service("auto");

        Assert.Equal(HotspotAction.None, await service.StepAsync(TestContext.Current.CancellationToken));
        _clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(HotspotAction.None, await service.StepAsync(TestContext.Current.CancellationToken));
        Assert.False(State().Active);

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HotspotAction.Start, await service.StepAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HotspotProfile.ConnectionId, _nm.Active);
        Assert.Contains("nmcli -w 20 connection up id ghostroll-hotspot", _nm.Commands);
        Assert.True(State().Active);
        Assert.Equal(0, State().Stations);
    }

    [Fact]
    public async Task Auto_leaves_the_wifi_alone_while_a_known_network_is_connected()
    {
        _nm.Active = "Home";
        var service = Service("auto");

        for (var i = 0; i < 30; i++)
        {
            Assert.Equal(HotspotAction.None, await service.StepAsync(TestContext.Current.CancellationToken));
            _clock.Advance(HotspotService.Interval);
        }

        Assert.Equal("Home", _nm.Active);
        Assert.DoesNotContain(_nm.Commands, c => c.Contains(" up ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Auto_gives_way_to_a_known_network_in_range_only_when_no_phone_is_connected()
    {
        var service = Service("auto", graceSeconds: 0);
        Assert.Equal(HotspotAction.Start, await service.StepAsync(TestContext.Current.CancellationToken));
        _nm.InRange.AddRange(["Neighbours", "Home Wi-Fi"]);
        _nm.Stations = 1;

        _clock.Advance(HotspotService.KnownNetworkCheck);
        Assert.Equal(HotspotAction.None, await service.StepAsync(TestContext.Current.CancellationToken));
        Assert.Equal(1, State().Stations);

        _nm.Stations = 0;
        _clock.Advance(HotspotService.KnownNetworkCheck);
        Assert.Equal(HotspotAction.Stop, await service.StepAsync(TestContext.Current.CancellationToken));
        Assert.Null(_nm.Active);
        Assert.False(State().Active);
    }

    [Fact]
    public async Task Auto_keeps_the_hotspot_when_only_unknown_networks_or_other_access_points_are_in_range()
    {
        _nm.Profiles["Old hotspot"] = ("Neighbours", "ap");
        var service = Service("auto", graceSeconds: 0);
        await service.StepAsync(TestContext.Current.CancellationToken);
        _nm.InRange.AddRange(["Neighbours", "Cafe"]);

        _clock.Advance(HotspotService.KnownNetworkCheck);

        Assert.Equal(HotspotAction.None, await service.StepAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HotspotProfile.ConnectionId, _nm.Active);
    }

    [Fact]
    public async Task A_hotspot_or_a_known_network_still_coming_up_is_left_to_finish()
    {
        var service = Service("auto", graceSeconds: 0);
        _nm.Active = HotspotProfile.ConnectionId;
        _nm.ActiveState = "connecting (configuring)";
        Assert.Equal(HotspotAction.None, await service.StepAsync(TestContext.Current.CancellationToken));

        _nm.Active = "Home";
        _nm.ActiveState = "connecting (getting IP configuration)";
        Assert.Equal(HotspotAction.None, await service.StepAsync(TestContext.Current.CancellationToken));
        Assert.DoesNotContain(_nm.Commands, c => c.Contains(" up ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Always_starts_at_once_even_with_a_known_network_connected()
    {
        _nm.Active = "Home";

        Assert.Equal(HotspotAction.Start, await Service("always").StepAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HotspotProfile.ConnectionId, _nm.Active);
    }

    [Fact]
    public async Task Never_takes_a_running_hotspot_down_and_writes_no_passphrase()
    {
        _nm.Active = HotspotProfile.ConnectionId;

        Assert.Equal(HotspotAction.Stop, await Service("never").StepAsync(TestContext.Current.CancellationToken));
        Assert.Null(_nm.Active);
        Assert.False(File.Exists(Paths.Passphrase));
    }

    [Fact]
    public async Task Without_a_wifi_device_or_networkmanager_nothing_happens_and_the_display_is_told_down()
    {
        _nm.HasWifiDevice = false;
        var service = Service("always");
        Assert.Equal(HotspotAction.None, await service.StepAsync(TestContext.Current.CancellationToken));

        _nm.HasWifiDevice = true;
        _nm.Down = true;
        Assert.Equal(HotspotAction.None, await service.StepAsync(TestContext.Current.CancellationToken));
        Assert.False(State().Active);
    }

    [Fact]
    public async Task The_profile_is_installed_0600_and_loaded_and_the_display_reads_name_passphrase_and_phones()
    {
        var settings = new GhostRollSettings { Hotspot = "always", HotspotSsid = "Field kit" };
        var service = new HotspotService(_nm, settings, Paths, _clock, NullLogger.Instance);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var run = service.RunAsync(stop.Token);
        await Eventually.UntilAsync(() => File.Exists(Paths.State));
        _nm.Stations = 2;

        // The loop sleeps on the manual clock: move it on until the next look has happened.
        await Eventually.UntilAsync(() =>
        {
            _clock.Advance(HotspotService.Interval);
            return State().Stations == 2;
        });
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Paths.Keyfile));
        Assert.Equal(File.ReadAllText(Paths.Keyfile), _nm.LoadedKeyfile);
        var passphrase = File.ReadAllText(Paths.Passphrase).Trim();
        Assert.Contains("psk=" + passphrase + "\n", _nm.LoadedKeyfile, StringComparison.Ordinal);
        Assert.Equal(new GhostRoll.Status.HotspotView("Field kit", passphrase, 2), new HotspotDisplaySource(Paths).Read());
        Assert.DoesNotContain(passphrase, File.ReadAllText(Paths.State), StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_network_name_comes_from_a_keyed_hash_of_the_machine_id()
    {
        var machineId = _temp.Combine("machine-id");
        File.WriteAllText(machineId, "3d1219c7c4c5404aaa1f6d2a48adfda4\n");

        var ssid = HotspotIdentity.Ssid(new GhostRollSettings(), machineId);

        Assert.Matches("^GhostRoll-[0-9A-F]{4}$", ssid);
        Assert.Equal(ssid, HotspotIdentity.Ssid(new GhostRollSettings(), machineId));
        File.WriteAllText(machineId, "0f6f2c1d9e8b4a7f8c3b2a1d0e9f8a7b\n");
        Assert.NotEqual(ssid, HotspotIdentity.Ssid(new GhostRollSettings(), machineId));
        Assert.Equal("Mine", HotspotIdentity.Ssid(new GhostRollSettings { HotspotSsid = "Mine" }, machineId));
    }

    [Theory]
    [InlineData("never", false, false, 0, false, 0, HotspotAction.None)]
    [InlineData("never", false, true, 0, false, 0, HotspotAction.Stop)]
    [InlineData("always", true, false, 0, false, 0, HotspotAction.Start)]
    [InlineData("always", false, true, 3, true, 0, HotspotAction.None)]
    [InlineData("auto", false, false, 0, false, 59, HotspotAction.None)]
    [InlineData("auto", false, false, 0, false, 60, HotspotAction.Start)]
    [InlineData("auto", true, false, 0, false, 600, HotspotAction.None)]
    [InlineData("auto", false, true, 0, true, 600, HotspotAction.Stop)]
    [InlineData("auto", false, true, 1, true, 600, HotspotAction.None)]
    [InlineData("auto", false, true, 0, false, 600, HotspotAction.None)]
    public void Policy(string mode, bool wifiConnected, bool active, int stations, bool knownVisible, int secondsWithoutWifi, HotspotAction expected)
    {
        var seen = new HotspotObservation(true, wifiConnected, active, stations, knownVisible);

        Assert.Equal(expected, HotspotPolicy.Decide(mode, seen, TimeSpan.FromSeconds(secondsWithoutWifi), TimeSpan.FromSeconds(60)));
        Assert.Equal(HotspotAction.None, HotspotPolicy.Decide(mode, seen with { DevicePresent = false }, TimeSpan.FromSeconds(secondsWithoutWifi), TimeSpan.FromSeconds(60)));
    }

    public void Dispose() => _temp.Dispose();

    private HotspotService Service(string mode, int graceSeconds = 60) =>
        new(_nm, new GhostRollSettings { Hotspot = mode, HotspotGraceSeconds = graceSeconds }, Paths, _clock, NullLogger.Instance);

    private HotspotState State() => HotspotState.TryRead(Paths.State) ?? throw new InvalidOperationException("no state file");
}
