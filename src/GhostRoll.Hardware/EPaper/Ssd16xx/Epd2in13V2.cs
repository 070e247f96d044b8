namespace GhostRoll.Hardware.EPaper.Ssd16xx;

/// <summary>
/// Waveshare 2.13" e-Paper V2: 122 x 250, an SSD1675-family controller (0x74/0x7E analog/digital block commands)
/// with host-loaded 70-byte LUTs. Sequences and LUTs from waveshareteam/e-Paper
/// <c>RaspberryPi_JetsonNano/python/lib/waveshare_epd/epd2in13_V2.py</c> (V4.0, 2019-06-20).
/// </summary>
/// <remarks>
/// This panel is set up with Y counting down (data entry 0x01, Y window 249..0, cursor at 249), so the first row
/// written lands on gate 249. We send the native frame bottom row first: the glass then shows exactly what the
/// V3/V4 show for the same frame (Waveshare's V2 <c>getbuffer</c> reaches the same result by reordering pixels).
/// A partial update writes the new image to 0x24 and its inverse to 0x26, as Waveshare does: every pixel is
/// driven, so it does not depend on the previous frame. Unlike Waveshare, the addressing registers are set again
/// after the partial-mode reset (see <see cref="Update"/>).
/// </remarks>
internal sealed class Epd2in13V2 : EPaperModel
{
    private static readonly PanelGeometry Panel = new(122, 250);

    /// <summary>reset(): RST high 200 ms, low 5 ms, high 200 ms.</summary>
    private static readonly ResetTiming ResetPulse = new(200, 5, 200);

    /// <summary>
    /// <c>lut_full_update</c>: 70 waveform bytes (LUT0-4 VS, TP0-6), then gate voltage, source voltages (3),
    /// dummy line period and gate line width.
    /// </summary>
    private static ReadOnlySpan<byte> FullLut =>
    [
        0x80, 0x60, 0x40, 0x00, 0x00, 0x00, 0x00,
        0x10, 0x60, 0x20, 0x00, 0x00, 0x00, 0x00,
        0x80, 0x60, 0x40, 0x00, 0x00, 0x00, 0x00,
        0x10, 0x60, 0x20, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x03, 0x03, 0x00, 0x00, 0x02,
        0x09, 0x09, 0x00, 0x00, 0x02,
        0x03, 0x03, 0x00, 0x00, 0x02,
        0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x00,
        0x15, 0x41, 0xA8, 0x32, 0x30, 0x0A,
    ];

    /// <summary><c>lut_partial_update</c> (only its 70 waveform bytes are sent).</summary>
    private static ReadOnlySpan<byte> PartialLut =>
    [
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x40, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x0A, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x00,
        0x15, 0x41, 0xA8, 0x32, 0x30, 0x0A,
    ];

    private const int WaveformBytes = 70;

    public override string Name => "Waveshare 2.13\" V2";

    public override string SettingValue => "waveshare-2in13-v2";

    public override PanelGeometry Geometry => Panel;

    public override bool SupportsFast => false;

    internal override ControllerState Update(
        Ssd16xxController c, RefreshMode mode, ReadOnlySpan<byte> frame, ReadOnlySpan<byte> previous, ControllerState state)
    {
        var bottomUp = new byte[frame.Length];
        ReverseRows(frame, bottomUp);
        if (mode == RefreshMode.Partial)
        {
            // Waking straight into partial mode: the full init first sets up addressing and voltages.
            if (state == ControllerState.Asleep)
            {
                Init(c);
            }

            if (state != ControllerState.Partial)
            {
                InitPartial(c);
            }

            // Not in Waveshare's driver: init(PART_UPDATE) starts with a hardware reset, and on SSD16xx controllers a
            // hardware reset restores the power-on addressing (X+/Y+, Y from 0). Setting it again costs 12 bytes and
            // keeps the bottom-up row order whatever this controller does on reset.
            SetAddressing(c);

            // displayPartial(): new image, then its inverse as "old" so every pixel is driven.
            c.Send(Ssd16xxCommand.WriteBlackWhiteRam, bottomUp);
            for (var i = 0; i < bottomUp.Length; i++)
            {
                bottomUp[i] = (byte)~bottomUp[i];
            }

            c.Send(Ssd16xxCommand.WriteOldDataRam, bottomUp);
            c.RunUpdate(UpdateSequence.DisplayKeepPower);
            return ControllerState.Partial;
        }

        if (state != ControllerState.Full)
        {
            Init(c);
        }

        // displayPartBaseImage(): both RAMs, full LUT.
        c.Send(Ssd16xxCommand.WriteBlackWhiteRam, bottomUp);
        c.Send(Ssd16xxCommand.WriteOldDataRam, bottomUp);
        c.RunUpdate(UpdateSequence.DisplayLoadedLut);
        return ControllerState.Full;
    }

    /// <summary>Deep sleep mode 2 (0x03), as Waveshare's <c>sleep()</c> for this panel.</summary>
    internal override void EnterDeepSleep(Ssd16xxController controller) =>
        controller.Send(Ssd16xxCommand.DeepSleepMode, 0x03);

    /// <summary><c>init(FULL_UPDATE)</c>.</summary>
    private static void Init(Ssd16xxController c)
    {
        var lut = FullLut;
        c.HardwareReset(ResetPulse);
        c.WaitWhileBusy();
        c.Send(Ssd16xxCommand.SoftwareReset);
        c.WaitWhileBusy();
        c.Send(Ssd16xxCommand.AnalogBlockControl, 0x54);
        c.Send(Ssd16xxCommand.DigitalBlockControl, 0x3B);
        c.Send(Ssd16xxCommand.DriverOutputControl, 0xF9, 0x00, 0x00);
        c.Send(Ssd16xxCommand.DataEntryMode, 0x01);
        c.Send(Ssd16xxCommand.SetRamXWindow, 0x00, 0x0F);
        c.Send(Ssd16xxCommand.SetRamYWindow, 0xF9, 0x00, 0x00, 0x00);
        c.Send(Ssd16xxCommand.BorderWaveform, 0x03);
        c.Send(Ssd16xxCommand.WriteVcom, 0x55);
        c.Send(Ssd16xxCommand.GateDrivingVoltage, lut[70]);
        c.Send(Ssd16xxCommand.SourceDrivingVoltage, lut[71], lut[72], lut[73]);
        c.Send(Ssd16xxCommand.DummyLinePeriod, lut[74]);
        c.Send(Ssd16xxCommand.GateLineWidth, lut[75]);
        c.Send(Ssd16xxCommand.WriteLut, lut[..WaveformBytes]);
        c.Send(Ssd16xxCommand.SetRamXCounter, 0x00);
        c.Send(Ssd16xxCommand.SetRamYCounter, 0xF9, 0x00);
        c.WaitWhileBusy();
    }

    /// <summary><c>init(PART_UPDATE)</c>.</summary>
    private static void InitPartial(Ssd16xxController c)
    {
        c.HardwareReset(ResetPulse);
        c.Send(Ssd16xxCommand.WriteVcom, 0x26);
        c.WaitWhileBusy();
        c.Send(Ssd16xxCommand.WriteLut, PartialLut[..WaveformBytes]);
        c.Send(Ssd16xxCommand.WriteDisplayOption, 0x00, 0x00, 0x00, 0x00, 0x40, 0x00, 0x00);
        c.RunUpdate(UpdateSequence.PowerOn);
        c.Send(Ssd16xxCommand.BorderWaveform, 0x01);
    }

    /// <summary>Y counting down from 249 (entry mode 0x01, window 249..0, counter at X 0, Y 249).</summary>
    private static void SetAddressing(Ssd16xxController c)
    {
        c.Send(Ssd16xxCommand.DataEntryMode, 0x01);
        c.Send(Ssd16xxCommand.SetRamXWindow, 0x00, 0x0F);
        c.Send(Ssd16xxCommand.SetRamYWindow, 0xF9, 0x00, 0x00, 0x00);
        c.Send(Ssd16xxCommand.SetRamXCounter, 0x00);
        c.Send(Ssd16xxCommand.SetRamYCounter, 0xF9, 0x00);
    }

    private static void ReverseRows(ReadOnlySpan<byte> frame, Span<byte> bottomUp)
    {
        var bytesPerRow = Panel.BytesPerRow;
        var rows = Panel.Height;
        for (var y = 0; y < rows; y++)
        {
            frame.Slice(y * bytesPerRow, bytesPerRow).CopyTo(bottomUp.Slice((rows - 1 - y) * bytesPerRow, bytesPerRow));
        }
    }
}
