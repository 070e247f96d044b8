namespace GhostRoll.Interop;

/// <summary>
/// Native library names used by GhostRoll.Core, by their versioned soname: short names such as "sqlite3"
/// only resolve when a -dev package happens to be installed, which the appliance image never has.
/// </summary>
internal static class Libraries
{
    /// <summary>glibc (Debian 12 and Raspberry Pi OS bookworm both ship 2.36).</summary>
    internal const string Libc = "libc.so.6";

    /// <summary>System SQLite (Debian libsqlite3-0, 3.40 on bookworm), loaded for Microsoft.Data.Sqlite by <see cref="SystemSqlite"/>.</summary>
    internal const string Sqlite = "libsqlite3.so.0";
}
