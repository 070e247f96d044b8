namespace GhostRoll.TestSupport.LinuxAbi.Manifests;

/// <summary>GhostRoll.Core: libc (directory fsync, fadvise, kill, readdir of card folders), statx/utimensat.</summary>
public static class CoreAbi
{
    public static AbiManifest Manifest { get; } = new()
    {
        Assembly = "GhostRoll.Core",
        Defines = ["_GNU_SOURCE"],
        Includes = ["<fcntl.h>", "<dirent.h>", "<sys/stat.h>", "<signal.h>", "<errno.h>", "<time.h>"],
        Packages = "libc6-dev",
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
        }),
    };
}
