namespace GhostRoll.Appliance.Interop;

/// <summary>Native libraries of the appliance runtime, by versioned soname (no -dev package on the appliance).</summary>
internal static class Libraries
{
    /// <summary>glibc (Debian 12 and Raspberry Pi OS bookworm ship 2.36).</summary>
    internal const string Libc = "libc.so.6";

    /// <summary>libxcrypt (Debian libcrypt1, Essential: present on every system): SHA-512 crypt for the dashboard password.</summary>
    internal const string Libcrypt = "libcrypt.so.1";
}
