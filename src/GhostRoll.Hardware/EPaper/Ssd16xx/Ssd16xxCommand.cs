namespace GhostRoll.Hardware.EPaper.Ssd16xx;

/// <summary>
/// SSD16xx command bytes (sent with D/C low; parameters follow with D/C high). Names follow the Solomon Systech
/// SSD1680 command table as reproduced in nanoFramework's Ssd168x <c>Command.cs</c> and Waveshare's drivers
/// (waveshareteam/e-Paper python/lib/waveshare_epd/epd2in13_V4.py and siblings), which is where every value and
/// parameter below was checked; the datasheet itself was not available here.
/// </summary>
internal enum Ssd16xxCommand : byte
{
    /// <summary>0x01: gate count - 1 (low, high byte) and scan order. 0xF9 0x00 0x00 = 250 gates, G0 first.</summary>
    DriverOutputControl = 0x01,

    /// <summary>0x03: gate driving voltage (VGH/VGL), from a host-loaded LUT's trailer.</summary>
    GateDrivingVoltage = 0x03,

    /// <summary>0x04: source driving voltages VSH1, VSH2, VSL.</summary>
    SourceDrivingVoltage = 0x04,

    /// <summary>0x10: deep sleep. 0x01 = mode 1 (RAM kept), 0x03 = mode 2 (RAM lost). Only a hardware reset wakes it.</summary>
    DeepSleepMode = 0x10,

    /// <summary>0x11: RAM address counter direction. 0x03 = X+ then Y+, 0x01 = X+ then Y-.</summary>
    DataEntryMode = 0x11,

    /// <summary>0x12: software reset; registers to power-on defaults (RAM kept). BUSY is high while it runs.</summary>
    SoftwareReset = 0x12,

    /// <summary>0x18: temperature sensor selection; 0x80 = internal sensor.</summary>
    TemperatureSensor = 0x18,

    /// <summary>0x1A: write the temperature register. Waveshare's fast init writes 0x64 0x00 (100 degC) so the next LUT load picks the short waveform.</summary>
    WriteTemperature = 0x1A,

    /// <summary>0x20: run the sequence chosen with <see cref="DisplayUpdateControl2"/>; BUSY stays high until it ends.</summary>
    MasterActivation = 0x20,

    /// <summary>0x21: RAM content options (invert/bypass per RAM) and source output mode.</summary>
    DisplayUpdateControl1 = 0x21,

    /// <summary>0x22: the update sequence; see <see cref="UpdateSequence"/>.</summary>
    DisplayUpdateControl2 = 0x22,

    /// <summary>0x24: write the black/white RAM (the new image).</summary>
    WriteBlackWhiteRam = 0x24,

    /// <summary>0x26: write the second ("red") RAM, which a partial (mode 2) refresh reads as the previous image.</summary>
    WriteOldDataRam = 0x26,

    /// <summary>0x2C: VCOM voltage.</summary>
    WriteVcom = 0x2C,

    /// <summary>0x32: write the waveform LUT (153 bytes on SSD1680, 70 on the 2.13" V2's controller).</summary>
    WriteLut = 0x32,

    /// <summary>0x37: display option register; Waveshare's host-LUT partial inits set one option byte to 0x40.</summary>
    WriteDisplayOption = 0x37,

    /// <summary>0x3A: dummy line period (2.13" V2).</summary>
    DummyLinePeriod = 0x3A,

    /// <summary>0x3B: gate line width (2.13" V2).</summary>
    GateLineWidth = 0x3B,

    /// <summary>0x3C: border waveform.</summary>
    BorderWaveform = 0x3C,

    /// <summary>0x3F: end option (EOPQ), from a host-loaded LUT's trailer.</summary>
    EndOption = 0x3F,

    /// <summary>0x44: RAM X window start/end, in bytes (x / 8).</summary>
    SetRamXWindow = 0x44,

    /// <summary>0x45: RAM Y window start/end, 16-bit little-endian each.</summary>
    SetRamYWindow = 0x45,

    /// <summary>0x4E: RAM X address counter (bytes).</summary>
    SetRamXCounter = 0x4E,

    /// <summary>0x4F: RAM Y address counter (16-bit little-endian).</summary>
    SetRamYCounter = 0x4F,

    /// <summary>0x74: analog block control (SSD1675-family init, 2.13" V2).</summary>
    AnalogBlockControl = 0x74,

    /// <summary>0x7E: digital block control (SSD1675-family init, 2.13" V2).</summary>
    DigitalBlockControl = 0x7E,
}

/// <summary>
/// Parameters of <see cref="Ssd16xxCommand.DisplayUpdateControl2"/>. Bit meanings as tabulated for SSD1680 by
/// third-party drivers (the datasheet was not available here): 0x80 clock on, 0x40 analog on, 0x20 load
/// temperature, 0x10 load LUT (mode 1), 0x08 display mode 2 (partial), 0x04 display, 0x02 analog off, 0x01 clock off.
/// The values are the ones Waveshare's drivers use.
/// </summary>
internal static class UpdateSequence
{
    /// <summary>0xF7: full refresh with the OTP waveform for the measured temperature.</summary>
    public const byte Full = 0xF7;

    /// <summary>0xC7: display with the LUT already loaded (the fast waveform, or a host-loaded LUT).</summary>
    public const byte DisplayLoadedLut = 0xC7;

    /// <summary>0xFF: partial (mode 2) refresh, comparing new RAM 0x24 with old RAM 0x26.</summary>
    public const byte Partial = 0xFF;

    /// <summary>0xB1: load the temperature and its LUT, no display (first half of the fast init).</summary>
    public const byte LoadTemperature = 0xB1;

    /// <summary>0x91: load the LUT for the temperature register's value, no display (second half of the fast init).</summary>
    public const byte LoadLut = 0x91;

    /// <summary>0xC0: clock and analog on only (prepares a host-LUT partial update).</summary>
    public const byte PowerOn = 0xC0;

    /// <summary>0x0F: display mode 2 with the host-loaded partial LUT, then power down (2.13" V3).</summary>
    public const byte PartialLoadedLut = 0x0F;

    /// <summary>0x0C: display with the loaded partial LUT, power kept on (2.13" V2).</summary>
    public const byte DisplayKeepPower = 0x0C;
}
