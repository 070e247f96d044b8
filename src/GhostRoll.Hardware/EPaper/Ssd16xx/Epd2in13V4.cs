namespace GhostRoll.Hardware.EPaper.Ssd16xx;

/// <summary>
/// Waveshare 2.13" e-Paper V4: SSD1680, 122 x 250, waveforms from the controller's OTP. Sequences from
/// waveshareteam/e-Paper <c>RaspberryPi_JetsonNano/python/lib/waveshare_epd/epd2in13_V4.py</c> (revision 11cebdc3,
/// which writes the previous frame to RAM 0x26 before each partial update).
/// </summary>
/// <remarks>
/// One deliberate difference: Waveshare's <c>init_fast()</c> sends 0x80 with <c>send_command</c> after the 0x18
/// (temperature sensor) command, so the controller receives an unknown command 0x80 and 0x18 gets no parameter.
/// Their own C driver (EPD_2in13_V4_Init_Fast) sends it as data, as the command table requires; so do we.
/// </remarks>
internal sealed class Epd2in13V4 : OtpWaveformModel
{
    private static readonly PanelGeometry Panel = new(122, 250);

    public override string Name => "Waveshare 2.13\" V4";

    public override string SettingValue => "waveshare-2in13-v4";

    public override PanelGeometry Geometry => Panel;

    /// <summary>reset(): RST high 20 ms, low 2 ms, high 20 ms.</summary>
    internal static ResetTiming ResetPulse => new(20, 2, 20);

    /// <summary><c>display_fast()</c> writes both RAMs.</summary>
    private protected override bool FastWritesOldDataRam => true;

    /// <summary><c>init()</c>; the 2.13" V3 runs the same sequence before loading its LUT.</summary>
    internal static void RunInit(Ssd16xxController c)
    {
        c.HardwareReset(ResetPulse);
        c.WaitWhileBusy();
        c.Send(Ssd16xxCommand.SoftwareReset);
        c.WaitWhileBusy();
        c.Send(Ssd16xxCommand.DriverOutputControl, 0xF9, 0x00, 0x00);
        c.Send(Ssd16xxCommand.DataEntryMode, 0x03);
        c.SetFullWindow(Panel);
        c.SetCursorToOrigin();
        c.Send(Ssd16xxCommand.BorderWaveform, 0x05);
        c.Send(Ssd16xxCommand.DisplayUpdateControl1, 0x00, 0x80);
        c.Send(Ssd16xxCommand.TemperatureSensor, 0x80);
        c.WaitWhileBusy();
    }

    private protected override void Init(Ssd16xxController c) => RunInit(c);

    /// <summary><c>init_fast()</c>, with 0x80 sent as 0x18's parameter (see remarks).</summary>
    private protected override void InitFast(Ssd16xxController c)
    {
        c.HardwareReset(ResetPulse);
        c.Send(Ssd16xxCommand.SoftwareReset);
        c.WaitWhileBusy();
        c.Send(Ssd16xxCommand.TemperatureSensor, 0x80);
        c.Send(Ssd16xxCommand.DataEntryMode, 0x03);
        c.SetFullWindow(Panel);
        c.SetCursorToOrigin();
        c.RunUpdate(UpdateSequence.LoadTemperature);
        c.Send(Ssd16xxCommand.WriteTemperature, 0x64, 0x00);
        c.RunUpdate(UpdateSequence.LoadLut);
    }

    /// <summary><c>displayPartial()</c>: a short reset pulse, then the addressing registers again.</summary>
    private protected override void PreparePartial(Ssd16xxController c)
    {
        c.PulseReset(lowMs: 1);
        c.Send(Ssd16xxCommand.BorderWaveform, 0x80);
        c.Send(Ssd16xxCommand.DriverOutputControl, 0xF9, 0x00, 0x00);
        c.Send(Ssd16xxCommand.DataEntryMode, 0x03);
        c.SetFullWindow(Panel);
        c.SetCursorToOrigin();
    }
}
