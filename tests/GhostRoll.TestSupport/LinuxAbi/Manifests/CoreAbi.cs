namespace GhostRoll.TestSupport.LinuxAbi.Manifests;

/// <summary>GhostRoll.Core: libc (directory fsync, fadvise, kill, readdir of card folders), statx/utimensat, SQLite.</summary>
public static class CoreAbi
{
    public static AbiManifest Manifest { get; } = new()
    {
        Assembly = "GhostRoll.Core",
        Defines = ["_GNU_SOURCE"],
        Includes = ["<fcntl.h>", "<dirent.h>", "<sys/stat.h>", "<signal.h>", "<errno.h>", "<time.h>", "<sqlite3.h>"],
        PortableHeaders = ["sqlite3.h"],
        Packages = "libc6-dev, libsqlite3-dev",
        Entries = UnixAbi.With(new Dictionary<string, AbiEntry>
        {
            ["Libc.X64.O_DIRECTORY"] = new CConstant("O_DIRECTORY"),
            ["Libc.Arm64.O_DIRECTORY"] = new CConstant("O_DIRECTORY"),
            ["Libc.POSIX_FADV_DONTNEED"] = new CConstant("POSIX_FADV_DONTNEED"),
            ["Libc.POSIX_FADV_SEQUENTIAL"] = new CConstant("POSIX_FADV_SEQUENTIAL"),
            ["Libc.Dirent"] = new CStruct("struct dirent"),
            ["Libc.SIGTERM"] = new CConstant("SIGTERM"),

            ["Statx.AT_FDCWD"] = new CConstant("AT_FDCWD"),
            ["Statx.AT_SYMLINK_NOFOLLOW"] = new CConstant("AT_SYMLINK_NOFOLLOW"),
            ["Statx.STATX_TYPE"] = new CConstant("STATX_TYPE"),
            ["Statx.STATX_MODE"] = new CConstant("STATX_MODE"),
            ["Statx.STATX_MTIME"] = new CConstant("STATX_MTIME"),
            ["Statx.STATX_SIZE"] = new CConstant("STATX_SIZE"),
            ["Statx.S_IFMT"] = new CConstant("S_IFMT"),
            ["Statx.S_IFREG"] = new CConstant("S_IFREG"),
            ["Statx.S_IFDIR"] = new CConstant("S_IFDIR"),
            ["Statx.S_IFLNK"] = new CConstant("S_IFLNK"),
            ["Statx.UTIME_OMIT"] = new CConstant("UTIME_OMIT"),
            ["Statx.StatxTimestamp"] = new CStruct("struct statx_timestamp") { Fields = new Dictionary<string, string> { ["reserved"] = "__reserved" } },
            ["Statx.StatxBuffer"] = new CStruct("struct statx"),
            ["Statx.Timespec"] = new CStruct("struct timespec"),

            ["Sqlite.SQLITE_OK"] = new CConstant("SQLITE_OK"),
            ["Sqlite.SQLITE_ERROR"] = new CConstant("SQLITE_ERROR"),
            ["Sqlite.SQLITE_BUSY"] = new CConstant("SQLITE_BUSY"),
            ["Sqlite.SQLITE_LOCKED"] = new CConstant("SQLITE_LOCKED"),
            ["Sqlite.SQLITE_READONLY"] = new CConstant("SQLITE_READONLY"),
            ["Sqlite.SQLITE_IOERR"] = new CConstant("SQLITE_IOERR"),
            ["Sqlite.SQLITE_CORRUPT"] = new CConstant("SQLITE_CORRUPT"),
            ["Sqlite.SQLITE_FULL"] = new CConstant("SQLITE_FULL"),
            ["Sqlite.SQLITE_CANTOPEN"] = new CConstant("SQLITE_CANTOPEN"),
            ["Sqlite.SQLITE_CONSTRAINT"] = new CConstant("SQLITE_CONSTRAINT"),
            ["Sqlite.SQLITE_NOTADB"] = new CConstant("SQLITE_NOTADB"),
            ["Sqlite.SQLITE_ROW"] = new CConstant("SQLITE_ROW"),
            ["Sqlite.SQLITE_DONE"] = new CConstant("SQLITE_DONE"),
            ["Sqlite.SQLITE_OPEN_READONLY"] = new CConstant("SQLITE_OPEN_READONLY"),
            ["Sqlite.SQLITE_OPEN_READWRITE"] = new CConstant("SQLITE_OPEN_READWRITE"),
            ["Sqlite.SQLITE_OPEN_CREATE"] = new CConstant("SQLITE_OPEN_CREATE"),
            ["Sqlite.SQLITE_OPEN_FULLMUTEX"] = new CConstant("SQLITE_OPEN_FULLMUTEX"),
            ["Sqlite.SQLITE_OPEN_EXRESCODE"] = new CConstant("SQLITE_OPEN_EXRESCODE"),
            ["Sqlite.SQLITE_INTEGER"] = new CConstant("SQLITE_INTEGER"),
            ["Sqlite.SQLITE_FLOAT"] = new CConstant("SQLITE_FLOAT"),
            ["Sqlite.SQLITE_TEXT"] = new CConstant("SQLITE_TEXT"),
            ["Sqlite.SQLITE_BLOB"] = new CConstant("SQLITE_BLOB"),
            ["Sqlite.SQLITE_NULL"] = new CConstant("SQLITE_NULL"),
            ["Sqlite.Transient"] = new CConstant("(intptr_t)SQLITE_TRANSIENT"),
        }),
    };
}
