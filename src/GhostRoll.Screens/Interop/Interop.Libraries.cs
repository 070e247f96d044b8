namespace GhostRoll.Screens.Interop;

/// <summary>Native libraries GhostRoll.Screens loads, by versioned soname (short names need -dev packages).</summary>
internal static class Libraries
{
    /// <summary>FreeType 2 (Debian libfreetype6; 2.12 on bookworm and Raspberry Pi OS bookworm).</summary>
    internal const string FreeType = "libfreetype.so.6";
}
