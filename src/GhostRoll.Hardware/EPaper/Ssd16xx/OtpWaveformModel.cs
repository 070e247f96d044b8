namespace GhostRoll.Hardware.EPaper.Ssd16xx;

/// <summary>
/// SSD1680 panels driven with the waveforms in the controller's OTP (2.13" V4, 2.7" V2). Waveshare's drivers for
/// both follow one flow, which lives here; each model supplies its init sequences and what its partial routine sends
/// before the RAM writes.
/// <list type="bullet">
/// <item>full: <c>init()</c> unless already initialised for it, both RAMs, 0x22 F7;</item>
/// <item>fast: <c>init_fast()</c> unless already in fast mode, RAM 0x24 (and 0x26 where Waveshare writes it), 0x22 C7;</item>
/// <item>partial: <c>init()</c> only when waking from deep sleep, the model's preamble, previous frame to 0x26, new frame
/// to 0x24, 0x22 FF.</item>
/// </list>
/// </summary>
internal abstract class OtpWaveformModel : EPaperModel
{
    public sealed override bool SupportsFast => true;

    /// <summary>Whether the model's fast refresh also writes the old-data RAM (2.13" V4 <c>display_fast</c> does).</summary>
    private protected abstract bool FastWritesOldDataRam { get; }

    internal sealed override ControllerState Update(
        Ssd16xxController c, RefreshMode mode, ReadOnlySpan<byte> frame, ReadOnlySpan<byte> previous, ControllerState state)
    {
        switch (mode)
        {
            case RefreshMode.Fast:
                if (state != ControllerState.Fast)
                {
                    InitFast(c);
                }

                c.Send(Ssd16xxCommand.WriteBlackWhiteRam, frame);
                if (FastWritesOldDataRam)
                {
                    c.Send(Ssd16xxCommand.WriteOldDataRam, frame);
                }

                c.RunUpdate(UpdateSequence.DisplayLoadedLut);
                return ControllerState.Fast;

            case RefreshMode.Partial:
                if (state == ControllerState.Asleep)
                {
                    Init(c);
                }

                PreparePartial(c);
                c.Send(Ssd16xxCommand.WriteOldDataRam, previous);
                c.Send(Ssd16xxCommand.WriteBlackWhiteRam, frame);
                c.RunUpdate(UpdateSequence.Partial);
                return ControllerState.Partial;

            default:
                if (state != ControllerState.Full)
                {
                    Init(c);
                }

                c.Send(Ssd16xxCommand.WriteBlackWhiteRam, frame);
                c.Send(Ssd16xxCommand.WriteOldDataRam, frame);
                c.RunUpdate(UpdateSequence.Full);
                return ControllerState.Full;
        }
    }

    /// <summary>Waveshare's <c>init()</c>: reset and registers for the normal waveform.</summary>
    private protected abstract void Init(Ssd16xxController c);

    /// <summary>Waveshare's fast init: the temperature register forced so the short OTP waveform loads.</summary>
    private protected abstract void InitFast(Ssd16xxController c);

    /// <summary>What the partial routine sends before the RAM writes (a reset and the addressing registers).</summary>
    private protected abstract void PreparePartial(Ssd16xxController c);
}
