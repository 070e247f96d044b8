using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace GhostRoll.Storage;

/// <summary>
/// The GhostRoll database (<c>DB_PATH</c>): the global dedupe ledger, the per-session journal, the upload
/// ledger (read and written by GhostRoll.Publishing's UploadLedger; its table is created here) and photo metadata. One connection, serialised by a lock: SQLite work here is tiny next to copying
/// and decoding, and one writer keeps transactions simple. WAL lets <c>ghostroll status</c> and
/// <c>ghostroll sessions</c> read while an import writes. Split by concern into partial files.
/// </summary>
public sealed partial class GhostRollDatabase : IDisposable
{
    private readonly DatabaseConnection _connection;
    private readonly Lock _gate = new();

    private GhostRollDatabase(DatabaseConnection connection) => _connection = connection;

    public string Path => _connection.Path;

    /// <summary>Opens (creating if needed) and migrates the database. Failures become a <see cref="DatabaseException"/> that says what to do.</summary>
    public static GhostRollDatabase Open(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DatabaseException($"cannot create the folder of database {full}: {e.Message}", "Set GHOSTROLL_DB_PATH to a writable location", e);
        }

        DatabaseConnection? connection = null;
        try
        {
            connection = DatabaseConnection.Open(full);
            // WAL: readers never block the import. synchronous=FULL: a commit that returned survives power loss,
            // which is what lets us say "verified and recorded" to the user.
            ExecuteWaitingForDeadlocks(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;");
            var database = new GhostRollDatabase(connection);
            database.Migrate();
            return database;
        }
        catch (SqliteException e)
        {
            connection?.Dispose();
            throw DatabaseException.From(e, full);
        }
    }

    /// <summary>
    /// Switching a new database to WAL takes an exclusive lock, and where waiting for it could deadlock (two processes
    /// creating the same database at once, each already holding a shared lock) SQLite answers "database is locked" at
    /// once instead of calling the busy handler. One of them gets the lock a moment later, so retry for a while; a
    /// database that stays locked (a long write by another import) is still reported as locked.
    /// </summary>
    private static void ExecuteWaitingForDeadlocks(DatabaseConnection connection, string sql)
    {
        var deadline = Environment.TickCount64 + 10_000;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                connection.Execute(sql);
                return;
            }
            catch (SqliteException e) when (DatabaseException.ResultOf(e) == raw.SQLITE_BUSY && Environment.TickCount64 < deadline)
            {
                Thread.Sleep(Math.Min(10 * attempt, 100));
            }
        }
    }

    /// <summary>Runs <c>PRAGMA quick_check</c> (or <c>integrity_check</c>); returns "ok" or the problems found.</summary>
    public string Check(bool full = false) => Read(c =>
    {
        var statement = c.Prepare(full ? "PRAGMA integrity_check" : "PRAGMA quick_check");
        var lines = new List<string>();
        while (statement.Read())
        {
            lines.Add(statement.GetString(0));
        }

        return string.Join("; ", lines);
    });

    public int SchemaVersion => Read(c => (int)(c.Prepare("PRAGMA user_version").ScalarInt64() ?? 0));

    private void Migrate()
    {
        if (CheckedVersion() == Schema.Migrations.Length)
        {
            return; // the usual case: no write lock taken, so opening never waits for a running import
        }

        // Two processes can open a new or old database at the same moment (two cards, or udev starting the import
        // twice for one card). Each migration reads the version inside its own write transaction, so the second
        // process waits for the first and then finds the step done, instead of running it again.
        var pending = true;
        while (pending)
        {
            _connection.InTransaction(() =>
            {
                var version = CheckedVersion();
                pending = version < Schema.Migrations.Length;
                if (pending)
                {
                    _connection.Execute(Schema.Migrations[version]);
                    _connection.Execute($"PRAGMA user_version={(version + 1).ToString(CultureInfo.InvariantCulture)}");
                }
            });
        }
    }

    private int CheckedVersion()
    {
        var version = (int)(_connection.Prepare("PRAGMA user_version").ScalarInt64() ?? 0);
        return version <= Schema.Migrations.Length ? version
            : throw new DatabaseException($"database {Path} was written by a newer GhostRoll (schema {version}, this one knows {Schema.Migrations.Length})", "upgrade GhostRoll", inner: null, joiner: ";");
    }

    // Read and Write are internal for the tables other assemblies own (the publishers' upload ledger lives in
    // GhostRoll.Publishing with its SQL): one connection and one lock serve every table.
    internal T Read<T>(Func<DatabaseConnection, T> query)
    {
        lock (_gate)
        {
            try
            {
                return query(_connection);
            }
            catch (SqliteException e)
            {
                throw DatabaseException.From(e, Path);
            }
        }
    }

    internal T Write<T>(Func<DatabaseConnection, T> change)
    {
        lock (_gate)
        {
            try
            {
                return _connection.InTransaction(() => change(_connection));
            }
            catch (SqliteException e)
            {
                throw DatabaseException.From(e, Path);
            }
        }
    }

    internal void Write(Action<DatabaseConnection> change) => Write(c =>
    {
        change(c);
        return 0;
    });

    internal static string UtcNow() => DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture);

    internal static DateTime ParseUtc(string text) => DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    public void Dispose()
    {
        lock (_gate)
        {
            _connection.Dispose();
        }
    }
}

/// <summary>A database problem, worded for the person at the terminal (what happened, what to do).</summary>
public sealed class DatabaseException : Exception
{
    private readonly string? _problem;

    public DatabaseException(string message) : base(message)
    {
    }

    public DatabaseException(string message, Exception inner) : base(message, inner)
    {
    }

    public DatabaseException() : base("database error")
    {
    }

    /// <summary>A problem with what to do about it; <see cref="Exception.Message"/> is both in one sentence.</summary>
    /// <param name="problem">What went wrong, without a final period.</param>
    /// <param name="advice">What to do, without a final period (the message adds one).</param>
    /// <param name="inner">The exception behind it, if any.</param>
    /// <param name="joiner">What the message puts between problem and advice.</param>
    internal DatabaseException(string problem, string advice, Exception? inner, string joiner = ".") : base($"{problem}{joiner} {advice}.", inner)
    {
        _problem = problem;
        Advice = advice;
    }

    /// <summary>What went wrong, without the advice (the whole message when there is no separate advice).</summary>
    public string Problem => _problem ?? Message;

    /// <summary>What to do about it, or null when the message has no separate advice.</summary>
    public string? Advice { get; }

    public bool IsDiskFull => InnerException is SqliteException e && ResultOf(e) == raw.SQLITE_FULL;

    /// <summary>The primary result code (SQLITE_BUSY = 5, SQLITE_CORRUPT = 11, ...), whether or not SQLite reported an extended one.</summary>
    internal static int ResultOf(SqliteException e) => e.SqliteErrorCode & 0xFF;

    internal static DatabaseException From(SqliteException e, string path)
    {
        var result = ResultOf(e);
        if (result is raw.SQLITE_CORRUPT or raw.SQLITE_NOTADB)
        {
            return new($"database {path} is damaged ({e.Message}). Your photos are safe", $"Move it aside (mv '{path}' '{path}.damaged') and run again: a new database is created and already-imported cards are copied once more", e);
        }

        if (result is raw.SQLITE_BUSY or raw.SQLITE_LOCKED)
        {
            return new($"database {path} is locked by another GhostRoll process (import or watch)", "Wait for it to finish, or stop it, then run again", e);
        }

        if (result == raw.SQLITE_FULL)
        {
            return new($"the disk holding database {path} is full", "Free some space and run again; nothing was half-recorded", e);
        }

        if (result is raw.SQLITE_CANTOPEN or raw.SQLITE_READONLY)
        {
            return new($"cannot write database {path} ({e.Message})", "Check the folder's permissions or set GHOSTROLL_DB_PATH", e);
        }

        return new DatabaseException($"database {path}: {e.Message}", e);
    }
}
