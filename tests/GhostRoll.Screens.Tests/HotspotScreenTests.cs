using GhostRoll.Screens.Layout;
using GhostRoll.Screens.Png;
using GhostRoll.Screens.Qr;
using GhostRoll.Screens.Text;
using GhostRoll.Status;
using GhostRoll.TestSupport;
using GhostRoll.TestSupport.Screens;
using Xunit;

namespace GhostRoll.Screens.Tests;

/// <summary>
/// The idle screen while the field hotspot is up (docs/hotspot.md): the Wi-Fi join QR with the network name and
/// passphrase until a phone joins, then the gallery QR. Goldens as in <see cref="StatusScreenGoldenTests"/>; the
/// QR codes are read back by zbarimg from the PNG at the panel's own resolution.
/// </summary>
public sealed class HotspotScreenTests : IDisposable
{
    private const string Ssid = "GhostRoll-3F2A";
    private const string Passphrase = "K7QX2M4PZTBW";
    private const string GalleryUrl = "http://10.42.0.1/q4Z7rT2mK9wXa3Lp/";

    private readonly FreeTypeGlyphSource _fonts = FreeTypeGlyphSource.Open();
    private readonly TempDirectory _temp = new("hotspot-screens");

    private static StatusDocument Join => StatusSamples.Idle with { Hotspot = new HotspotView(Ssid, Passphrase, 0) };

    private static StatusDocument Joined => Join with { Url = GalleryUrl, Hotspot = new HotspotView(Ssid, Passphrase, 1) };

    private static StatusDocument JoinedNoSession => Joined with { Url = null };

    public static TheoryData<string> States => new(Samples.Keys);

    private static Dictionary<string, StatusDocument> Samples => new()
    {
        ["hotspot-join"] = Join,
        ["hotspot-join-low-battery"] = Join with { BatteryPercentage = 9 },
        ["hotspot-joined"] = Joined,
        ["hotspot-joined-no-session"] = JoinedNoSession,
    };

    [Theory]
    [MemberData(nameof(States))]
    public void Panel_screen_matches_its_golden(string state)
    {
        var canvas = Renderer().Render(Samples[state], ScreenProfile.Panel);

        Assert.True(canvas.IsBilevel(), "a panel frame must be pure black and white");
        GoldenImage.AssertMatches(canvas, $"panel-{state}");
    }

    [Fact]
    public void Large_screen_matches_its_golden() =>
        GoldenImage.AssertMatches(Renderer().Render(Join, ScreenProfile.Large), "large-hotspot-join");

    [Fact]
    public void Join_screen_decodes_to_exactly_the_wifi_string()
    {
        Assert.Equal([$"WIFI:T:WPA;S:{Ssid};P:{Passphrase};;"], ExternalTool.DecodeQr(Save(Join, ScreenProfile.Panel, "join.png")));
    }

    /// <summary>A network name with every character the WIFI format escapes, and a non-ASCII one, decodes escaped, byte for byte.</summary>
    [Theory]
    [InlineData("Caf\u00e9 \"Zone\"; 1,2:3\\4", "pass;word:1,\"x\"\\")]
    [InlineData("GhostRoll-0000", "ABCDEFGHJKMN")]
    public void Special_characters_are_escaped_and_decode_exactly(string ssid, string passphrase)
    {
        var status = Join with { Hotspot = new HotspotView(ssid, passphrase, 0) };
        var expected = WifiJoinPayload.For(ssid, passphrase);

        Assert.Equal([expected], ExternalTool.DecodeQr(Save(status, ScreenProfile.Panel, $"join-{ssid.Length}.png")));
        if (ssid.Contains(';', StringComparison.Ordinal))
        {
            Assert.Equal("WIFI:T:WPA;S:Caf\u00e9 \\\"Zone\\\"\\; 1\\,2\\:3\\\\4;P:pass\\;word\\:1\\,\\\"x\\\"\\\\;;", expected);
        }
    }

    [Fact]
    public void Once_a_phone_joined_the_screen_shows_the_gallery_link()
    {
        Assert.Equal([GalleryUrl], ExternalTool.DecodeQr(Save(Joined, ScreenProfile.Panel, "joined.png")));
        Assert.Empty(ExternalTool.DecodeQr(Save(JoinedNoSession, ScreenProfile.Panel, "joined-no-session.png")));
        Assert.Equal("Insert card", ScreenModel.From(JoinedNoSession).Headline);
    }

    [Fact]
    public void The_hotspot_only_changes_the_idle_screen()
    {
        var hotspot = new HotspotView(Ssid, Passphrase, 0);

        Assert.Equal(ScreenModel.From(StatusSamples.Copying), ScreenModel.From(StatusSamples.Copying with { Hotspot = hotspot }));
        Assert.Equal(ScreenModel.From(StatusSamples.DoneShortUrl), ScreenModel.From(StatusSamples.DoneShortUrl with { Hotspot = hotspot }));
        Assert.Equal("Join Wi-Fi", ScreenModel.From(Join).Headline);
    }

    [Fact]
    public void The_passphrase_never_reaches_status_json()
    {
        var json = System.Text.Json.JsonSerializer.Serialize(Join, StatusJsonContext.Default.StatusDocument);

        Assert.DoesNotContain(Passphrase, json, StringComparison.Ordinal);
        Assert.DoesNotContain("hotspot", json, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _fonts.Dispose();
        _temp.Dispose();
    }

    private StatusScreenRenderer Renderer() => new(_fonts) { TimeZone = TimeZoneInfo.Utc };

    private string Save(StatusDocument status, ScreenProfile profile, string name)
    {
        var path = _temp.Combine(name);
        var canvas = Renderer().Render(status, profile);
        File.WriteAllBytes(path, PngEncoder.Encode(canvas, canvas.IsBilevel() ? PngPixelFormat.OneBit : PngPixelFormat.Grey8));
        return path;
    }
}
