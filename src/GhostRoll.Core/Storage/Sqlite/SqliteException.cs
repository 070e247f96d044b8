namespace GhostRoll.Storage.Sqlite;

/// <summary>A SQLite error with its (extended) result code, so callers can tell "locked" from "corrupt".</summary>
public sealed class SqliteException : Exception
{
    public SqliteException(string message, int resultCode, int extendedCode)
        : base(message)
    {
        ResultCode = resultCode;
        ExtendedResultCode = extendedCode;
    }

    public SqliteException() : this("SQLite error", 1, 1)
    {
    }

    public SqliteException(string message) : this(message, 1, 1)
    {
    }

    public SqliteException(string message, Exception inner) : base(message, inner)
    {
        ResultCode = 1;
        ExtendedResultCode = 1;
    }

    /// <summary>Primary result code (SQLITE_BUSY = 5, SQLITE_CORRUPT = 11, ...).</summary>
    public int ResultCode { get; }

    public int ExtendedResultCode { get; }

    public bool IsBusy => ResultCode is Interop.Sqlite.SQLITE_BUSY or Interop.Sqlite.SQLITE_LOCKED;

    public bool IsCorrupt => ResultCode is Interop.Sqlite.SQLITE_CORRUPT or Interop.Sqlite.SQLITE_NOTADB;

    public bool IsDiskFull => ResultCode == Interop.Sqlite.SQLITE_FULL;

    public bool IsConstraint => ResultCode == Interop.Sqlite.SQLITE_CONSTRAINT;
}
