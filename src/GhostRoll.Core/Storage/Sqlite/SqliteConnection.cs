using System.Runtime.InteropServices;
using System.Text;
using GhostRoll.Interop;
using Native = GhostRoll.Interop.Sqlite;

namespace GhostRoll.Storage.Sqlite;

/// <summary>
/// A thin, allocation-light connection over the system libsqlite3. Not thread-safe by itself:
/// <see cref="GhostRollDatabase"/> serialises access. Statements are cached by SQL text.
/// </summary>
public sealed unsafe class SqliteConnection : IDisposable
{
    private readonly SqliteDbHandle _db;
    private readonly Dictionary<string, SqliteStatement> _cache = new(StringComparer.Ordinal);

    private SqliteConnection(SqliteDbHandle db, string path)
    {
        _db = db;
        Path = path;
    }

    public string Path { get; }

    /// <summary>Version of the loaded libsqlite3, e.g. "3.40.1".</summary>
    public static string LibraryVersion => Marshal.PtrToStringUTF8((IntPtr)Native.LibVersion()) ?? "?";

    public static SqliteConnection Open(string path, bool readOnly = false, int busyTimeoutMs = 5000)
    {
        var flags = Native.SQLITE_OPEN_FULLMUTEX | Native.SQLITE_OPEN_EXRESCODE
            | (readOnly ? Native.SQLITE_OPEN_READONLY : Native.SQLITE_OPEN_READWRITE | Native.SQLITE_OPEN_CREATE);
        var rc = Native.Open(path, out var raw, flags, IntPtr.Zero);
        var handle = new SqliteDbHandle(raw);
        if (rc != Native.SQLITE_OK)
        {
            var message = raw != IntPtr.Zero ? ErrorMessageOf(handle) : ErrorString(rc);
            handle.Dispose();
            throw new SqliteException($"cannot open database '{path}': {message}", rc & 0xFF, rc);
        }

        _ = Native.BusyTimeout(handle, busyTimeoutMs);
        return new SqliteConnection(handle, path);
    }

    /// <summary>Rows changed by the last INSERT/UPDATE/DELETE.</summary>
    public int Changes => Native.Changes(_db);

    /// <summary>Runs one or more statements that take no parameters (schema, pragmas).</summary>
    public void Execute(string sql)
    {
        var bytes = Encoding.UTF8.GetBytes(sql);
        fixed (byte* start = bytes)
        {
            var cursor = start;
            var end = start + bytes.Length;
            while (cursor < end)
            {
                var rc = Native.Prepare(_db, cursor, (int)(end - cursor), out var raw, out var tail);
                Check(rc, sql);
                cursor = tail;
                if (raw == IntPtr.Zero)
                {
                    continue; // whitespace or comment only
                }

                using var statement = new SqliteStatementHandle(raw);
                int step;
                while ((step = Native.Step(statement)) == Native.SQLITE_ROW)
                {
                }

                if (step != Native.SQLITE_DONE)
                {
                    Check(step, sql);
                }
            }
        }
    }

    /// <summary>A cached prepared statement for <paramref name="sql"/>, reset and with bindings cleared.</summary>
    public SqliteStatement Prepare(string sql)
    {
        if (_cache.TryGetValue(sql, out var cached))
        {
            cached.Reset();
            return cached;
        }

        var bytes = Encoding.UTF8.GetBytes(sql);
        IntPtr raw;
        fixed (byte* p = bytes)
        {
            Check(Native.Prepare(_db, p, bytes.Length, out raw, out _), sql);
        }

        var statement = new SqliteStatement(this, new SqliteStatementHandle(raw), sql);
        _cache[sql] = statement;
        return statement;
    }

    /// <summary>Runs <paramref name="body"/> inside BEGIN IMMEDIATE ... COMMIT, rolling back on any exception.</summary>
    public T InTransaction<T>(Func<T> body)
    {
        Execute("BEGIN IMMEDIATE");
        try
        {
            var result = body();
            Execute("COMMIT");
            return result;
        }
        catch
        {
            TryRollback();
            throw;
        }
    }

    public void InTransaction(Action body) => InTransaction(() =>
    {
        body();
        return 0;
    });

    private void TryRollback()
    {
        try
        {
            Execute("ROLLBACK");
        }
        catch (SqliteException)
        {
            // SQLite may already have rolled back (e.g. after SQLITE_FULL); nothing more to undo.
        }
    }

    internal void Check(int rc, string sql)
    {
        if (rc is Native.SQLITE_OK or Native.SQLITE_ROW or Native.SQLITE_DONE)
        {
            return;
        }

        throw new SqliteException($"{ErrorMessageOf(_db)} (while running: {Shorten(sql)})", rc & 0xFF, Native.ExtendedErrorCode(_db));
    }

    private static string Shorten(string sql)
    {
        var flat = sql.ReplaceLineEndings(" ").Trim();
        return flat.Length <= 80 ? flat : flat[..77] + "...";
    }

    private static string ErrorMessageOf(SqliteDbHandle db) => Marshal.PtrToStringUTF8((IntPtr)Native.ErrorMessage(db)) ?? "unknown SQLite error";

    private static string ErrorString(int rc) => Marshal.PtrToStringUTF8((IntPtr)Native.ErrorString(rc)) ?? $"SQLite error {rc}";

    public void Dispose()
    {
        foreach (var statement in _cache.Values)
        {
            statement.DisposeHandle();
        }

        _cache.Clear();
        _db.Dispose();
    }
}
