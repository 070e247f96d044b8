using System.Runtime.InteropServices;
using System.Text;
using GhostRoll.Interop;
using Native = GhostRoll.Interop.Sqlite;

namespace GhostRoll.Storage.Sqlite;

/// <summary>
/// A cached prepared statement. Bind with 1-based positional parameters (<c>?</c> in SQL), then
/// <see cref="Read"/> rows or <see cref="Run"/>. Owned by its connection; do not dispose.
/// </summary>
public sealed unsafe class SqliteStatement
{
    private readonly SqliteConnection _connection;
    private readonly SqliteStatementHandle _handle;
    private readonly string _sql;

    internal SqliteStatement(SqliteConnection connection, SqliteStatementHandle handle, string sql)
    {
        _connection = connection;
        _handle = handle;
        _sql = sql;
    }

    internal void Reset()
    {
        _ = Native.Reset(_handle);
        _ = Native.ClearBindings(_handle);
    }

    internal void DisposeHandle() => _handle.Dispose();

    public SqliteStatement Bind(int index, long value)
    {
        _connection.Check(Native.BindInt64(_handle, index, value), _sql);
        return this;
    }

    public SqliteStatement Bind(int index, long? value) => value is { } v ? Bind(index, v) : BindNull(index);

    public SqliteStatement Bind(int index, int? value) => value is { } v ? Bind(index, (long)v) : BindNull(index);

    public SqliteStatement Bind(int index, bool value) => Bind(index, value ? 1L : 0L);

    public SqliteStatement Bind(int index, double? value)
    {
        if (value is not { } v || double.IsNaN(v))
        {
            return BindNull(index);
        }

        _connection.Check(Native.BindDouble(_handle, index, v), _sql);
        return this;
    }

    public SqliteStatement Bind(int index, string? value)
    {
        if (value is null)
        {
            return BindNull(index);
        }

        var bytes = Encoding.UTF8.GetBytes(value);
        fixed (byte* p = bytes)
        {
            // An empty array pins as a null pointer, which SQLite would store as NULL: bind "" explicitly.
            byte empty = 0;
            _connection.Check(Native.BindText(_handle, index, bytes.Length == 0 ? &empty : p, bytes.Length, Native.Transient), _sql);
        }

        return this;
    }

    public SqliteStatement BindNull(int index)
    {
        _connection.Check(Native.BindNull(_handle, index), _sql);
        return this;
    }

    /// <summary>Executes a statement that returns no rows; returns the number of changed rows.</summary>
    public int Run()
    {
        try
        {
            var rc = Native.Step(_handle);
            if (rc == Native.SQLITE_ROW)
            {
                while ((rc = Native.Step(_handle)) == Native.SQLITE_ROW)
                {
                }
            }

            _connection.Check(rc, _sql);
            return _connection.Changes;
        }
        finally
        {
            _ = Native.Reset(_handle);
        }
    }

    /// <summary>Steps to the next row. False at the end; the statement is then reset.</summary>
    public bool Read()
    {
        var rc = Native.Step(_handle);
        if (rc == Native.SQLITE_ROW)
        {
            return true;
        }

        _ = Native.Reset(_handle);
        _connection.Check(rc, _sql);
        return false;
    }

    /// <summary>Resets after a partial read (for "first row only" queries).</summary>
    public void Done() => _ = Native.Reset(_handle);

    public bool IsNull(int column) => Native.ColumnType(_handle, column) == Native.SQLITE_NULL;

    public long GetInt64(int column) => Native.ColumnInt64(_handle, column);

    public int GetInt32(int column) => checked((int)Native.ColumnInt64(_handle, column));

    public long? GetInt64OrNull(int column) => IsNull(column) ? null : GetInt64(column);

    public int? GetInt32OrNull(int column) => IsNull(column) ? null : GetInt32(column);

    public double? GetDoubleOrNull(int column) => IsNull(column) ? null : Native.ColumnDouble(_handle, column);

    public string GetString(int column) => GetStringOrNull(column) ?? "";

    public string? GetStringOrNull(int column)
    {
        var text = Native.ColumnText(_handle, column);
        if (text == null)
        {
            return null;
        }

        var length = Native.ColumnBytes(_handle, column);
        return Encoding.UTF8.GetString(text, length);
    }

    /// <summary>Reads the first column of the first row, or null when there is no row.</summary>
    public string? ScalarString()
    {
        if (!Read())
        {
            return null;
        }

        var value = GetStringOrNull(0);
        Done();
        return value;
    }

    public long? ScalarInt64()
    {
        if (!Read())
        {
            return null;
        }

        var value = GetInt64OrNull(0);
        Done();
        return value;
    }
}
