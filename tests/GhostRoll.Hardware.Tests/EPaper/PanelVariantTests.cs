using GhostRoll.Hardware.EPaper;
using GhostRoll.Hardware.Tests.Fakes;

namespace GhostRoll.Hardware.Tests.EPaper;

/// <summary>
/// The 2.13" V3, 2.13" V2 and 2.7" V2 drivers against Waveshare's epd2in13_V3.py, epd2in13_V2.py and epd2in7_V2.py,
/// and the promise that every model puts the same logical frame on the glass the same way.
/// </summary>
public sealed class PanelVariantTests
{
    private static readonly EPaperOptions StayAwake = new() { SleepAfterRefresh = false };

    public static TheoryData<string> Models => new(EPaperModel.All.Select(m => m.SettingValue));

    [Theory]
    [MemberData(nameof(Models))]
    public void Every_model_shows_the_golden_frame_for_full_and_partial_updates(string setting)
    {
        var model = EPaperModel.FromSetting(setting)!;
        var hat = new FakeHat();
        using var panel = hat.CreatePanel(model);
        var golden = PanelFrames.LoadGolden(model.Geometry.Width == 176 ? "epd2in7-rotation90.pbm" : "epd2in13-rotation90.pbm", model.Geometry);

        panel.Show(TestPattern.Solid(panel.Width, panel.Height, black: true), RefreshMode.Full);
        PanelFrames.AssertSameImage(BlackFrame(model.Geometry), hat.Glass(model.Geometry), model.Geometry, $"{setting}-black");

        panel.Show(TestPattern.Render(panel.Width, panel.Height), RefreshMode.Partial);

        Assert.Equal(RefreshMode.Partial, panel.LastRefresh);
        PanelFrames.AssertSameImage(golden, hat.Glass(model.Geometry), model.Geometry, $"{setting}-partial");
        Assert.Empty(hat.Controller.Violations);
        Assert.True(hat.Controller.Asleep);
    }

    [Fact]
    public void V3_init_loads_the_full_lut_and_its_voltages_then_refreshes_with_C7()
    {
        var hat = new FakeHat();
        using var panel = hat.CreatePanel(EPaperModel.Waveshare213V3, StayAwake);

        panel.Show(TestPattern.Render(250, 122), RefreshMode.Full);

        Assert.Equal(
        [
            "RST=1", "wait 20ms", "RST=0", "wait 2ms", "RST=1", "wait 20ms", "BUSY",
            "CMD 12", "BUSY",
            "CMD 01 F9 00 00", "CMD 11 03", "CMD 44 00 0F", "CMD 45 00 00 F9 00", "CMD 4E 00", "CMD 4F 00 00",
            "CMD 3C 05", "CMD 21 00 80", "CMD 18 80", "BUSY",
            "CMD 32 [153 bytes]", "BUSY", "CMD 3F 22", "CMD 03 17", "CMD 04 41 00 32", "CMD 2C 36",
            "CMD 24 [4000 bytes]", "CMD 26 [4000 bytes]", "CMD 22 C7", "CMD 20", "BUSY",
        ], hat.Trace.Tokens());
        Assert.Equal([0x80, 0x4A, 0x40, 0x00], hat.Trace.Parameters(0x32).Single()[..4]);
    }

    [Fact]
    public void V3_fast_requests_run_as_full_refreshes()
    {
        var hat = new FakeHat();
        using var panel = hat.CreatePanel(EPaperModel.Waveshare213V3, StayAwake);

        panel.Show(TestPattern.Render(250, 122), RefreshMode.Fast);

        Assert.Equal(RefreshMode.Full, panel.LastRefresh);
    }

    [Fact]
    public void V3_partial_loads_the_partial_lut_and_powers_on_before_writing_ram()
    {
        var hat = new FakeHat();
        using var panel = hat.CreatePanel(EPaperModel.Waveshare213V3, StayAwake);
        panel.Show(TestPattern.Render(250, 122), RefreshMode.Full);
        hat.Trace.Clear();

        panel.Show(TestPattern.Solid(250, 122, black: false), RefreshMode.Partial);

        Assert.Equal(
        [
            "RST=0", "wait 1ms", "RST=1",
            "CMD 32 [153 bytes]", "BUSY", "CMD 3F 22", "CMD 03 17", "CMD 04 41 00 32", "CMD 2C 36",
            "CMD 37 00 00 00 00 00 40 00 00 00 00", "CMD 3C 80", "CMD 22 C0", "CMD 20", "BUSY",
            "CMD 44 00 0F", "CMD 45 00 00 F9 00", "CMD 4E 00", "CMD 4F 00 00",
            "CMD 26 [4000 bytes]", "CMD 24 [4000 bytes]", "CMD 22 0F", "CMD 20", "BUSY",
        ], hat.Trace.Tokens());
        Assert.Equal([0x00, 0x40, 0x00, 0x00], hat.Trace.Parameters(0x32).Single()[..4]);
    }

    [Fact]
    public void V2_counts_y_down_so_rows_go_out_bottom_first_and_partial_drives_the_inverse_as_old_data()
    {
        var hat = new FakeHat();
        using var panel = hat.CreatePanel(EPaperModel.Waveshare213V2, StayAwake);

        panel.Show(TestPattern.Render(250, 122), RefreshMode.Full);

        Assert.Equal(
        [
            "RST=1", "wait 200ms", "RST=0", "wait 5ms", "RST=1", "wait 200ms", "BUSY",
            "CMD 12", "BUSY",
            "CMD 74 54", "CMD 7E 3B", "CMD 01 F9 00 00", "CMD 11 01", "CMD 44 00 0F", "CMD 45 F9 00 00 00",
            "CMD 3C 03", "CMD 2C 55", "CMD 03 15", "CMD 04 41 A8 32", "CMD 3A 30", "CMD 3B 0A", "CMD 32 [70 bytes]",
            "CMD 4E 00", "CMD 4F F9 00", "BUSY",
            "CMD 24 [4000 bytes]", "CMD 26 [4000 bytes]", "CMD 22 C7", "CMD 20", "BUSY",
        ], hat.Trace.Tokens());
        var golden = PanelFrames.LoadGolden("epd2in13-rotation90.pbm", EPaperModel.Waveshare213V2.Geometry);
        Assert.Equal(golden.AsSpan(249 * 16, 16).ToArray(), hat.Trace.Parameters(0x24).Single()[..16]);

        hat.Trace.Clear();
        panel.Show(TestPattern.Render(250, 122), RefreshMode.Partial);

        Assert.Equal(
        [
            "RST=1", "wait 200ms", "RST=0", "wait 5ms", "RST=1", "wait 200ms",
            "CMD 2C 26", "BUSY", "CMD 32 [70 bytes]", "CMD 37 00 00 00 00 40 00 00", "CMD 22 C0", "CMD 20", "BUSY", "CMD 3C 01",
            "CMD 11 01", "CMD 44 00 0F", "CMD 45 F9 00 00 00", "CMD 4E 00", "CMD 4F F9 00",
            "CMD 24 [4000 bytes]", "CMD 26 [4000 bytes]", "CMD 22 0C", "CMD 20", "BUSY",
        ], hat.Trace.Tokens());
        var newImage = hat.Trace.Parameters(0x24).Single();
        Assert.Equal(newImage.Select(b => (byte)~b), hat.Trace.Parameters(0x26).Single());
    }

    [Fact]
    public void V2_sleeps_in_deep_sleep_mode_2()
    {
        var hat = new FakeHat();
        using var panel = hat.CreatePanel(EPaperModel.Waveshare213V2);

        panel.Show(TestPattern.Render(250, 122), RefreshMode.Full);

        Assert.Equal("CMD 10 03", hat.Trace.Tokens()[^1]);
    }

    [Fact]
    public void Epd2in7_frames_are_5808_bytes_and_follow_init_and_display_base()
    {
        var hat = new FakeHat();
        using var panel = hat.CreatePanel(EPaperModel.Waveshare27V2, StayAwake);

        Assert.Equal((264, 176), (panel.Width, panel.Height));
        panel.Show(TestPattern.Render(264, 176), RefreshMode.Full);

        Assert.Equal(
        [
            "RST=1", "wait 200ms", "RST=0", "wait 2ms", "RST=1", "wait 200ms", "BUSY",
            "CMD 12", "BUSY",
            "CMD 45 00 00 07 01", "CMD 4F 00 00", "CMD 11 03",
            "CMD 24 [5808 bytes]", "CMD 26 [5808 bytes]", "CMD 22 F7", "CMD 20", "BUSY",
        ], hat.Trace.Tokens());
    }

    [Fact]
    public void Epd2in7_fast_and_partial_follow_init_Fast_and_display_Partial()
    {
        var hat = new FakeHat();
        using var panel = hat.CreatePanel(EPaperModel.Waveshare27V2, StayAwake);

        panel.Show(TestPattern.Render(264, 176), RefreshMode.Fast);

        Assert.Equal(
        [
            "RST=1", "wait 200ms", "RST=0", "wait 2ms", "RST=1", "wait 200ms", "BUSY",
            "CMD 12", "BUSY", "CMD 12", "BUSY",
            "CMD 18 80", "CMD 22 B1", "CMD 20", "BUSY", "CMD 1A 64 00",
            "CMD 45 00 00 07 01", "CMD 4F 00 00", "CMD 11 03", "CMD 22 91", "CMD 20", "BUSY",
            "CMD 24 [5808 bytes]", "CMD 22 C7", "CMD 20", "BUSY",
        ], hat.Trace.Tokens());

        hat.Trace.Clear();
        panel.Show(TestPattern.Solid(264, 176, black: false), RefreshMode.Partial);

        Assert.Equal(
        [
            "RST=1", "wait 200ms", "RST=0", "wait 2ms", "RST=1", "wait 200ms",
            "CMD 3C 80", "CMD 44 00 15", "CMD 45 00 00 07 01", "CMD 4E 00", "CMD 4F 00 00",
            "CMD 26 [5808 bytes]", "CMD 24 [5808 bytes]", "CMD 22 FF", "CMD 20", "BUSY",
        ], hat.Trace.Tokens());
        Assert.Empty(hat.Controller.Violations);
    }

    /// <summary>An all-black native frame (padding bits are not compared, see <see cref="PanelFrames.AssertSameImage"/>).</summary>
    private static byte[] BlackFrame(PanelGeometry geometry) => new byte[geometry.FrameBytes];
}
