namespace GhostRoll.Hardware.EPaper;

/// <summary>The panel's BUSY line stayed high longer than <see cref="EPaperOptions.BusyTimeout"/>.</summary>
internal sealed class EPaperBusyTimeoutException : TimeoutException
{
    public EPaperBusyTimeoutException(string panel, string during, TimeSpan timeout)
        : base($"The {panel} e-paper panel kept BUSY high for {timeout.TotalSeconds:0.#} s {during}. " +
               "Check that the HAT sits on the header and that DISPLAY names this panel model; " +
               "the next update resets and re-initialises the panel.")
    {
        Panel = panel;
        During = during;
        Timeout = timeout;
    }

    public string Panel { get; }

    /// <summary>What the driver was waiting for, e.g. "after command 0x20 (MasterActivation)".</summary>
    public string During { get; }

    public TimeSpan Timeout { get; }
}
