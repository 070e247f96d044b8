using System.Reflection;
using System.Runtime.InteropServices;
using SQLitePCL;

namespace GhostRoll.Interop;

/// <summary>
/// Points Microsoft.Data.Sqlite at the system libsqlite3 (Debian libsqlite3-0) instead of a bundled e_sqlite3.
/// SQLitePCLRaw's sqlite3 provider imports the short name "sqlite3", which only the -dev package's
/// <c>libsqlite3.so</c> symlink satisfies; the appliance image never has -dev packages, so the provider's
/// assembly gets a resolver that loads the versioned soname. Both steps must happen once, before the first
/// connection opens (a second resolver for the same assembly throws).
/// </summary>
internal static class SystemSqlite
{
    private const string ProviderLibraryName = "sqlite3";

    private static readonly Lazy<bool> Ready = new(Initialize, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Installs the resolver and the provider on first call; later calls do nothing.</summary>
    internal static void EnsureInitialized() => _ = Ready.Value;

    private static bool Initialize()
    {
        NativeLibrary.SetDllImportResolver(typeof(SQLite3Provider_sqlite3).Assembly, Resolve);
        raw.SetProvider(new SQLite3Provider_sqlite3());
        return true;
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath) =>
        name == ProviderLibraryName ? NativeLibrary.Load(Libraries.Sqlite, assembly, searchPath) : IntPtr.Zero;
}
