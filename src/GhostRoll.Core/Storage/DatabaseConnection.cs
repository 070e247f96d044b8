using System.Data;
using System.Globalization;
using System.Text;
using GhostRoll.Interop;
using Microsoft.Data.Sqlite;

namespace GhostRoll.Storage;

/// <summary>
/// The one Microsoft.Data.Sqlite connection behind <see cref="GhostRollDatabase"/>, with its commands prepared once
/// and kept by SQL text (the ingest path runs the same few statements thousands of times per card). Not thread-safe
/// by itself: <see cref="GhostRollDatabase"/> serialises access.
/// </summary>
internal sealed class DatabaseConnection : IDisposable
{
    /// <summary>How long a statement waits for another process's write lock before "database is locked".</summary>
    private const int BusyTimeoutMs = 5000;

    private readonly SqliteConnection _connection;
    private readonly Dictionary<string, PreparedCommand> _cache = new(StringComparer.Ordinal);
    private SqliteTransaction? _transaction;

    private DatabaseConnection(SqliteConnection connection, string path)
    {
        _connection = connection;
        Path = path;
    }

    public string Path { get; }

    public static DatabaseConnection Open(string path)
    {
        SystemSqlite.EnsureInitialized();
        var settings = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            // A pooled connection would keep the file (and its WAL lock) open after Dispose.
            Pooling = false,
            // SQLite's own busy handler below does the waiting; Microsoft.Data.Sqlite's retry loop then gives up at
            // once, so "locked" is reported after the same 5 s as before instead of after its default 30 s.
            DefaultTimeout = 1,
        };
        var connection = new SqliteConnection(settings.ToString());
        try
        {
            connection.Open();
            var database = new DatabaseConnection(connection, path);
            database.Execute(string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout={BusyTimeoutMs}"));
            return database;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Runs one or more statements that take no parameters (schema, pragmas).</summary>
    public void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = _transaction;
        _ = command.ExecuteNonQuery();
    }

    /// <summary>The cached command for <paramref name="sql"/> (positional <c>?</c> parameters), with any earlier read finished.</summary>
    public PreparedCommand Prepare(string sql)
    {
        if (!_cache.TryGetValue(sql, out var command))
        {
            command = new PreparedCommand(_connection.CreateCommand(), sql);
            _cache[sql] = command;
        }

        command.Begin(_transaction);
        return command;
    }

    /// <summary>Runs <paramref name="body"/> inside BEGIN IMMEDIATE ... COMMIT, rolling back on any exception.</summary>
    public T InTransaction<T>(Func<T> body)
    {
        // deferred: false is BEGIN IMMEDIATE: the write lock is taken up front, so a transaction never fails halfway
        // because another process started writing after it began reading.
        _transaction = _connection.BeginTransaction(IsolationLevel.Serializable, deferred: false);
        try
        {
            var result = body();
            _transaction.Commit();
            return result;
        }
        catch
        {
            TryRollback(_transaction);
            throw;
        }
        finally
        {
            _transaction.Dispose();
            _transaction = null;
        }
    }

    public void InTransaction(Action body) => InTransaction(() =>
    {
        body();
        return 0;
    });

    private static void TryRollback(SqliteTransaction transaction)
    {
        try
        {
            transaction.Rollback();
        }
        catch (SqliteException)
        {
            // SQLite may already have rolled back (e.g. after SQLITE_FULL); nothing more to undo.
        }
    }

    public void Dispose()
    {
        foreach (var command in _cache.Values)
        {
            command.Dispose();
        }

        _cache.Clear();
        _transaction?.Dispose();
        _connection.Dispose();
    }
}

/// <summary>
/// A prepared command bound by position (1-based, <c>?</c> in SQL), then <see cref="Read"/> for rows or
/// <see cref="Run"/>. Owned by its <see cref="DatabaseConnection"/>; do not dispose.
/// </summary>
internal sealed class PreparedCommand : IDisposable
{
    private readonly SqliteCommand _command;
    private readonly SqliteParameter[] _parameters;
    private SqliteDataReader? _reader;

    internal PreparedCommand(SqliteCommand command, string sql)
    {
        var (text, count) = NumberParameters(sql);
        _command = command;
        _command.CommandText = text;
        _parameters = new SqliteParameter[count];
        for (var i = 0; i < count; i++)
        {
            _parameters[i] = _command.Parameters.Add(new SqliteParameter("?" + (i + 1).ToString(CultureInfo.InvariantCulture), DBNull.Value));
        }
    }

    /// <summary>
    /// Microsoft.Data.Sqlite binds parameters by name and a bare <c>?</c> has none, so the n-th <c>?</c> becomes
    /// <c>?n</c>: SQLite gives both the same position, so the statement means exactly what it did.
    /// </summary>
    internal static (string Sql, int Count) NumberParameters(string sql)
    {
        var text = new StringBuilder(sql.Length + 8);
        var count = 0;
        var quote = '\0';
        foreach (var ch in sql)
        {
            if (quote != '\0')
            {
                quote = ch == quote ? '\0' : quote; // a doubled quote closes and reopens: same outcome
            }
            else if (ch is '\'' or '"')
            {
                quote = ch;
            }
            else if (ch == '?')
            {
                text.Append('?').Append((++count).ToString(CultureInfo.InvariantCulture));
                continue;
            }

            text.Append(ch);
        }

        return (text.ToString(), count);
    }

    internal void Begin(SqliteTransaction? transaction)
    {
        Done();
        _command.Transaction = transaction;
    }

    public PreparedCommand Bind(int index, long value)
    {
        _parameters[index - 1].Value = value;
        return this;
    }

    public PreparedCommand Bind(int index, long? value) => value is { } v ? Bind(index, v) : BindNull(index);

    public PreparedCommand Bind(int index, int? value) => value is { } v ? Bind(index, (long)v) : BindNull(index);

    public PreparedCommand Bind(int index, bool value) => Bind(index, value ? 1L : 0L);

    public PreparedCommand Bind(int index, double? value)
    {
        // SQLite stores NaN as NULL; say so explicitly (Microsoft.Data.Sqlite refuses NaN).
        if (value is not { } v || double.IsNaN(v))
        {
            return BindNull(index);
        }

        _parameters[index - 1].Value = v;
        return this;
    }

    public PreparedCommand Bind(int index, string? value)
    {
        if (value is null)
        {
            return BindNull(index);
        }

        _parameters[index - 1].Value = value;
        return this;
    }

    public PreparedCommand BindNull(int index)
    {
        _parameters[index - 1].Value = DBNull.Value;
        return this;
    }

    /// <summary>Executes a statement that returns no rows; returns the number of changed rows.</summary>
    public int Run()
    {
        Done();
        return _command.ExecuteNonQuery();
    }

    /// <summary>Steps to the next row. False at the end; the command is then ready to run again.</summary>
    public bool Read()
    {
        _reader ??= _command.ExecuteReader();
        if (_reader.Read())
        {
            return true;
        }

        Done();
        return false;
    }

    /// <summary>Finishes a partial read (for "first row only" queries).</summary>
    public void Done()
    {
        _reader?.Dispose();
        _reader = null;
    }

    private SqliteDataReader Row => _reader ?? throw new InvalidOperationException("no current row: call Read() first");

    public bool IsNull(int column) => Row.IsDBNull(column);

    public long GetInt64(int column) => Row.GetInt64(column);

    public int GetInt32(int column) => checked((int)Row.GetInt64(column));

    public long? GetInt64OrNull(int column) => IsNull(column) ? null : GetInt64(column);

    public int? GetInt32OrNull(int column) => IsNull(column) ? null : GetInt32(column);

    public double? GetDoubleOrNull(int column) => IsNull(column) ? null : Row.GetDouble(column);

    public string GetString(int column) => GetStringOrNull(column) ?? "";

    public string? GetStringOrNull(int column) => IsNull(column) ? null : Row.GetString(column);

    /// <summary>Reads the first column of the first row, or null when there is no row.</summary>
    public string? ScalarString() => Scalar(GetStringOrNull);

    public long? ScalarInt64() => Scalar(GetInt64OrNull);

    private T? Scalar<T>(Func<int, T?> read)
    {
        if (!Read())
        {
            return default;
        }

        var value = read(0);
        Done();
        return value;
    }

    public void Dispose()
    {
        Done();
        _command.Dispose();
    }
}
