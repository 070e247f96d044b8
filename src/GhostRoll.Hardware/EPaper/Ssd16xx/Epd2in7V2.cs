namespace GhostRoll.Hardware.EPaper.Ssd16xx;

/// <summary>
/// Waveshare 2.7" e-Paper V2: SSD1680-family, 176 x 264, OTP waveforms. Sequences from waveshareteam/e-Paper
/// <c>RaspberryPi_JetsonNano/python/lib/waveshare_epd/epd2in7_V2.py</c> (V1.0, 2022-09-17). A frame is
/// 22 x 264 = 5808 bytes: more than spidev's default 4096-byte message, so the bus splits it.
/// </summary>
/// <remarks>
/// Full refresh is Waveshare's <c>display_Base()</c> (both RAMs, so partial updates have a base). Partial updates
/// use <c>display_Partial()</c> over the whole panel and, like their 2.13" V4 driver, first write the previous frame
/// to RAM 0x26 rather than relying on what the controller kept there across the reset.
/// </remarks>
internal sealed class Epd2in7V2 : OtpWaveformModel
{
    private static readonly PanelGeometry Panel = new(176, 264);

    /// <summary>reset(): RST high 200 ms, low 2 ms, high 200 ms.</summary>
    private static readonly ResetTiming ResetPulse = new(200, 2, 200);

    public override string Name => "Waveshare 2.7\" V2";

    public override string SettingValue => "waveshare-2in7-v2";

    public override PanelGeometry Geometry => Panel;

    /// <summary><c>display_Fast()</c> writes RAM 0x24 only.</summary>
    private protected override bool FastWritesOldDataRam => false;

    /// <summary><c>init()</c>: X window and counter stay at their reset defaults (0..0x15, 0).</summary>
    private protected override void Init(Ssd16xxController c)
    {
        c.HardwareReset(ResetPulse);
        c.WaitWhileBusy();
        c.Send(Ssd16xxCommand.SoftwareReset);
        c.WaitWhileBusy();
        SetRows(c);
    }

    /// <summary><c>init_Fast()</c>.</summary>
    private protected override void InitFast(Ssd16xxController c)
    {
        c.HardwareReset(ResetPulse);
        c.WaitWhileBusy();
        c.Send(Ssd16xxCommand.SoftwareReset);
        c.WaitWhileBusy();
        c.Send(Ssd16xxCommand.SoftwareReset);
        c.WaitWhileBusy();
        c.Send(Ssd16xxCommand.TemperatureSensor, 0x80);
        c.RunUpdate(UpdateSequence.LoadTemperature);
        c.Send(Ssd16xxCommand.WriteTemperature, 0x64, 0x00);
        SetRows(c);
        c.RunUpdate(UpdateSequence.LoadLut);
    }

    /// <summary><c>display_Partial(image, 0, 0, 176, 264)</c>: full reset, border, whole-panel window and cursor.</summary>
    private protected override void PreparePartial(Ssd16xxController c)
    {
        c.HardwareReset(ResetPulse);
        c.Send(Ssd16xxCommand.BorderWaveform, 0x80);
        c.SetFullWindow(Panel);
        c.SetCursorToOrigin();
    }

    /// <summary>Y window 0..263, Y counter 0, X+/Y+ entry.</summary>
    private static void SetRows(Ssd16xxController c)
    {
        c.Send(Ssd16xxCommand.SetRamYWindow, 0x00, 0x00, 0x07, 0x01);
        c.Send(Ssd16xxCommand.SetRamYCounter, 0x00, 0x00);
        c.Send(Ssd16xxCommand.DataEntryMode, 0x03);
    }
}
