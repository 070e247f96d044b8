namespace GhostRoll.Hardware.Power;

/// <summary>One reading of a battery board.</summary>
/// <param name="Percentage">0-100, from the board's voltage curve (averaged like PiSugar's own server).</param>
public sealed record BatteryStatus(double Percentage, double Volts, bool Charging, bool PowerPlugged, string Board);

/// <summary>A battery board (PiSugar 2, 2 Pro, 3).</summary>
public interface IBatteryGauge : IDisposable
{
    string Board { get; }

    /// <summary>Takes a reading. Throws <see cref="IOException"/> when the board stops answering.</summary>
    BatteryStatus Read();
}
