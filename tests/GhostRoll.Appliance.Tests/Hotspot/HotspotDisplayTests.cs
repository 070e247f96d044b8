using GhostRoll.Appliance.Display;
using GhostRoll.Appliance.Hotspot;
using GhostRoll.Appliance.Tests.Display;
using GhostRoll.Screens.Layout;
using GhostRoll.Screens.Text;
using GhostRoll.Status;
using GhostRoll.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace GhostRoll.Appliance.Tests.Hotspot;

/// <summary>The display daemon puts the hotspot the service reports on the idle screen, and takes it off again.</summary>
public sealed class HotspotDisplayTests : IDisposable
{
    private readonly FreeTypeGlyphSource _fonts = FreeTypeGlyphSource.Open();
    private readonly TempDirectory _temp = new("hotspot-display");
    private readonly ManualTimeProvider _time = new();

    private HotspotPaths Paths => new(_temp.Combine("hotspot.nmconnection"), _temp.Combine("hotspot-passphrase"), _temp.Combine("hotspot.json"));

    [Fact]
    public void The_idle_screen_shows_the_join_code_while_the_service_reports_the_hotspot_up_and_not_otherwise()
    {
        var daemon = Daemon();
        Assert.Null(daemon.CurrentStatus().Hotspot);

        var passphrase = HotspotPassphrase.LoadOrCreate(Paths.Passphrase);
        new HotspotState { Active = true, Ssid = "GhostRoll-3F2A", Stations = 0 }.Write(Paths.State);
        var status = daemon.CurrentStatus();
        Assert.Equal(new HotspotView("GhostRoll-3F2A", passphrase, 0), status.Hotspot);
        Assert.Equal("Join Wi-Fi", ScreenModel.From(status).Headline);

        new HotspotState { Active = false, Ssid = "GhostRoll-3F2A" }.Write(Paths.State);
        Assert.Null(daemon.CurrentStatus().Hotspot);

        // A passphrase the display cannot read (deleted, wrong owner) shows the plain idle screen, not half a join code.
        new HotspotState { Active = true, Ssid = "GhostRoll-3F2A" }.Write(Paths.State);
        File.Delete(Paths.Passphrase);
        Assert.Equal("Insert card", ScreenModel.From(daemon.CurrentStatus()).Headline);
    }

    public void Dispose()
    {
        _fonts.Dispose();
        _temp.Dispose();
    }

    private DisplayDaemon Daemon()
    {
        var options = new DisplayOptions { StatusPath = _temp.Combine("status.json") };
        var controller = new DisplayController(new RecordingPanel(), new StatusScreenRenderer(_fonts), options, _time, NullLogger.Instance);
        return new DisplayDaemon(controller, new PollingStatusWatcher(options.StatusPath, TimeSpan.FromSeconds(1), _time), options, _time, NullLogger.Instance,
            host: () => new HostAddress("ghostroll", null), hotspot: new HotspotDisplaySource(Paths));
    }
}
