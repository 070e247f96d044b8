namespace GhostRoll.Appliance.Interop;

/// <summary>Native libraries of the appliance runtime, by versioned soname (no -dev package on the appliance).</summary>
internal static class Libraries
{
    /// <summary>glibc (Debian 12 and Raspberry Pi OS bookworm ship 2.36).</summary>
    internal const string Libc = "libc.so.6";
}
