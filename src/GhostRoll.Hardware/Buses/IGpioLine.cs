namespace GhostRoll.Hardware.Buses;

/// <summary>A GPIO line this process drives (the e-paper D/C and RST lines).</summary>
internal interface IGpioOutputLine
{
    void Write(bool high);
}

/// <summary>A GPIO line this process reads (the e-paper BUSY line).</summary>
internal interface IGpioInputLine
{
    bool Read();
}
