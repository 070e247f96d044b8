namespace GhostRoll.Hardware.Interop;

/// <summary>
/// Native libraries the drivers bind, by versioned soname: short names such as "libc" only resolve when a -dev
/// package happens to be installed, which the appliance image never has.
/// </summary>
internal static class Libraries
{
    /// <summary>glibc (Debian 12 and Raspberry Pi OS bookworm ship 2.36).</summary>
    internal const string Libc = "libc.so.6";
}
