using GhostRoll.Hardware.EPaper.Ssd16xx;

namespace GhostRoll.Hardware.EPaper;

/// <summary>What the controller is currently set up for; deep sleep and errors return it to <see cref="Asleep"/>.</summary>
internal enum ControllerState
{
    /// <summary>Deep sleep, never initialised, or unknown after an error: the next update starts with a hardware reset.</summary>
    Asleep,

    /// <summary>Initialised for the normal (OTP or host-loaded full LUT) waveform.</summary>
    Full,

    /// <summary>Initialised for the fast waveform.</summary>
    Fast,

    /// <summary>Last update was partial: partial registers/LUT are loaded.</summary>
    Partial,
}

/// <summary>
/// A supported e-paper panel: its geometry and the exact command sequences of Waveshare's driver for it. The
/// sequences live in one method per model so each reads top to bottom against its Python original.
/// </summary>
public abstract class EPaperModel
{
    private protected EPaperModel()
    {
    }

    /// <summary>Waveshare 2.13" e-Paper HAT V4 (SSD1680, OTP waveforms): the reference panel.</summary>
    public static EPaperModel Waveshare213V4 { get; } = new Epd2in13V4();

    /// <summary>Waveshare 2.13" V3 (SSD1680 with host-loaded LUTs).</summary>
    public static EPaperModel Waveshare213V3 { get; } = new Epd2in13V3();

    /// <summary>Waveshare 2.13" V2 (SSD1675-family controller, host-loaded LUTs, Y counts down).</summary>
    public static EPaperModel Waveshare213V2 { get; } = new Epd2in13V2();

    /// <summary>Waveshare 2.7" V2 (176 x 264; a frame is 5808 bytes, more than one spidev message).</summary>
    public static EPaperModel Waveshare27V2 { get; } = new Epd2in7V2();

    public static IReadOnlyList<EPaperModel> All { get; } = [Waveshare213V4, Waveshare213V3, Waveshare213V2, Waveshare27V2];

    /// <summary>Human name, e.g. <c>Waveshare 2.13" V4</c>.</summary>
    public abstract string Name { get; }

    /// <summary>The DISPLAY setting value that selects this model, e.g. <c>waveshare-2in13-v4</c>.</summary>
    public abstract string SettingValue { get; }

    /// <summary>Native RAM geometry (portrait: sources x gates).</summary>
    public abstract PanelGeometry Geometry { get; }

    /// <summary>Whether the model has a fast full refresh; without one, <see cref="RefreshMode.Fast"/> runs as full.</summary>
    public abstract bool SupportsFast { get; }

    public static EPaperModel? FromSetting(string value) =>
        All.FirstOrDefault(m => string.Equals(m.SettingValue, value.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Brings the controller from <paramref name="state"/> to what <paramref name="mode"/> needs, writes the frame
    /// and runs the refresh. <paramref name="previous"/> is the frame currently on the glass (for partial updates).
    /// Returns the controller's state afterwards.
    /// </summary>
    internal abstract ControllerState Update(
        Ssd16xxController controller, RefreshMode mode, ReadOnlySpan<byte> frame, ReadOnlySpan<byte> previous, ControllerState state);

    /// <summary>Deep sleep; the image stays on the glass. Only a hardware reset wakes the controller.</summary>
    internal virtual void EnterDeepSleep(Ssd16xxController controller) =>
        controller.Send(Ssd16xxCommand.DeepSleepMode, 0x01);

    public override string ToString() => Name;
}
