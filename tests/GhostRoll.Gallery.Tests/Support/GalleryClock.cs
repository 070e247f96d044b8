namespace GhostRoll.Gallery.Tests.Support;

/// <summary>The moment the gallery tests' <see cref="GhostRoll.TestSupport.ManualTimeProvider"/> starts at.</summary>
public static class GalleryClock
{
    public static readonly DateTimeOffset Start = new(2026, 3, 14, 10, 15, 0, TimeSpan.Zero);
}
