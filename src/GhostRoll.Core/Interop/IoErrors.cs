using GhostRoll.Storage;

namespace GhostRoll.Interop;

/// <summary>Maps errno values to exceptions in one place, keeping the native code for callers that care.</summary>
internal static class IoErrors
{
    internal static IOException FromErrno(int errno, string path, string operation)
    {
        var message = $"{operation} failed for '{path}': {Errno.Describe(errno)}";
        return Errno.MeansDiskFull(errno)
            ? new DiskFullException(path, message)
            : new IOException(message, errno);
    }

    /// <summary>
    /// True when an exception means the destination ran out of space. .NET surfaces ENOSPC as an
    /// IOException whose HResult is the errno on Unix, or with the strerror text only.
    /// </summary>
    internal static bool IsDiskFull(Exception e) =>
        e is DiskFullException
        || (e is IOException io && (Errno.MeansDiskFull(io.HResult)
            || io.Message.Contains("No space left on device", StringComparison.Ordinal)
            || io.Message.Contains("disk was full", StringComparison.Ordinal) // .NET's message when preallocation (fallocate) hits ENOSPC
            || io.Message.Contains("Disk quota exceeded", StringComparison.Ordinal)));
}
