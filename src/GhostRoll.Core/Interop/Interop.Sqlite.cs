using System.Runtime.InteropServices;

namespace GhostRoll.Interop;

/// <summary>
/// The SQLite C API surface GhostRoll uses (sqlite.org/c3ref). We bind the system libsqlite3 directly
/// rather than Microsoft.Data.Sqlite: the only mirrored version (6.0.7) carries reflection-based bundle
/// initialisation that produces trim/AOT warnings, and the AOT-clean versions need SQLitePCLRaw 2.1,
/// which is not mirrored (docs/native-aot.md).
/// </summary>
internal static unsafe partial class Sqlite
{
    internal const int SQLITE_OK = 0;
    internal const int SQLITE_ERROR = 1;
    internal const int SQLITE_BUSY = 5;
    internal const int SQLITE_LOCKED = 6;
    internal const int SQLITE_READONLY = 8;
    internal const int SQLITE_IOERR = 10;
    internal const int SQLITE_CORRUPT = 11;
    internal const int SQLITE_FULL = 13;
    internal const int SQLITE_CANTOPEN = 14;
    internal const int SQLITE_CONSTRAINT = 19;
    internal const int SQLITE_NOTADB = 26;
    internal const int SQLITE_ROW = 100;
    internal const int SQLITE_DONE = 101;

    internal const int SQLITE_OPEN_READONLY = 0x1;
    internal const int SQLITE_OPEN_READWRITE = 0x2;
    internal const int SQLITE_OPEN_CREATE = 0x4;
    internal const int SQLITE_OPEN_FULLMUTEX = 0x10000;
    internal const int SQLITE_OPEN_EXRESCODE = 0x2000000;

    internal const int SQLITE_INTEGER = 1;
    internal const int SQLITE_FLOAT = 2;
    internal const int SQLITE_TEXT = 3;
    internal const int SQLITE_BLOB = 4;
    internal const int SQLITE_NULL = 5;

    /// <summary>SQLITE_TRANSIENT: SQLite copies bound text before the call returns.</summary>
    internal static readonly IntPtr Transient = new(-1);

    [LibraryImport(Libraries.Sqlite, EntryPoint = "sqlite3_open_v2", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Open(string filename, out IntPtr db, int flags, IntPtr vfs);

    [LibraryImport(Libraries.Sqlite, EntryPoint = "sqlite3_close_v2")]
    internal static partial int Close(IntPtr db);

    [LibraryImport(Libraries.Sqlite, EntryPoint = "sqlite3_errmsg")]
    internal static partial byte* ErrorMessage(SqliteDbHandle db);

    [LibraryImport(Libraries.Sqlite, EntryPoint = "sqlite3_errstr")]
    internal static partial byte* ErrorString(int code);

    [LibraryImport(Libraries.Sqlite, EntryPoint = "sqlite3_extended_errcode")]
    internal static partial int ExtendedErrorCode(SqliteDbHandle db);

    [LibraryImport(Libraries.Sqlite, EntryPoint = "sqlite3_busy_timeout")]
    internal static partial int BusyTimeout(SqliteDbHandle db, int milliseconds);

    [LibraryImport(Libraries.Sqlite, EntryPoint = "sqlite3_prepare_v2")]
    internal static partial int Prepare(SqliteDbHandle db, byte* sql, int byteCount, out IntPtr statement, out byte* tail);

    [LibraryImport(Libraries.Sqlite, EntryPoint = "sqlite3_step")]
    internal static partial int Step(SqliteStatementHandle statement);

    [LibraryImport(Libraries.Sqlite, EntryPoint = "sqlite3_reset")]
    internal static partial int Reset(SqliteStatementHandle statement);

    [LibraryImport(Libraries.Sqlite, EntryPoint = "sqlite3_clear_bindings")]
    internal static partial int ClearBindings(SqliteStatementHandle statement);

    [LibraryImport(Libraries.Sqlite, EntryPoint = "sqlite3_finalize")]
    internal static partial int FinalizeStatement(IntPtr statement);

    [LibraryImport(Libraries.Sqlite, EntryPoint = "sqlite3_bind_parameter_count")]
    internal static partial int BindParameterCount(SqliteStatementHandle statement);

    [LibraryImport(Libraries.Sqlite, EntryPoint = "sqlite3_bind_int64")]
    internal static partial int BindInt64(SqliteStatementHandle statement, int index, long value);

    [LibraryImport(Libraries.Sqlite, EntryPoint = "sqlite3_bind_double")]
    internal static partial int BindDouble(SqliteStatementHandle statement, int index, double value);

    [LibraryImport(Libraries.Sqlite, EntryPoint = "sqlite3_bind_null")]
    internal static partial int BindNull(SqliteStatementHandle statement, int index);

    [LibraryImport(Libraries.Sqlite, EntryPoint = "sqlite3_bind_text")]
    internal static partial int BindText(SqliteStatementHandle statement, int index, byte* text, int byteCount, IntPtr destructor);

    [LibraryImport(Libraries.Sqlite, EntryPoint = "sqlite3_column_count")]
    internal static partial int ColumnCount(SqliteStatementHandle statement);

    [LibraryImport(Libraries.Sqlite, EntryPoint = "sqlite3_column_type")]
    internal static partial int ColumnType(SqliteStatementHandle statement, int column);

    [LibraryImport(Libraries.Sqlite, EntryPoint = "sqlite3_column_int64")]
    internal static partial long ColumnInt64(SqliteStatementHandle statement, int column);

    [LibraryImport(Libraries.Sqlite, EntryPoint = "sqlite3_column_double")]
    internal static partial double ColumnDouble(SqliteStatementHandle statement, int column);

    [LibraryImport(Libraries.Sqlite, EntryPoint = "sqlite3_column_text")]
    internal static partial byte* ColumnText(SqliteStatementHandle statement, int column);

    [LibraryImport(Libraries.Sqlite, EntryPoint = "sqlite3_column_bytes")]
    internal static partial int ColumnBytes(SqliteStatementHandle statement, int column);

    [LibraryImport(Libraries.Sqlite, EntryPoint = "sqlite3_changes")]
    internal static partial int Changes(SqliteDbHandle db);

    [LibraryImport(Libraries.Sqlite, EntryPoint = "sqlite3_libversion")]
    internal static partial byte* LibVersion();
}

/// <summary>An open sqlite3* connection; closed with sqlite3_close_v2 (which defers until statements finalize).</summary>
internal sealed class SqliteDbHandle : SafeHandle
{
    public SqliteDbHandle() : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    internal SqliteDbHandle(IntPtr handle) : this() => SetHandle(handle);

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle() => Sqlite.Close(handle) == Sqlite.SQLITE_OK;
}

/// <summary>A prepared sqlite3_stmt*, finalized on release.</summary>
internal sealed class SqliteStatementHandle : SafeHandle
{
    public SqliteStatementHandle() : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    internal SqliteStatementHandle(IntPtr handle) : this() => SetHandle(handle);

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        _ = Sqlite.FinalizeStatement(handle);
        return true;
    }
}
