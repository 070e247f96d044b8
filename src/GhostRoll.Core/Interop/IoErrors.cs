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
    /// True when an exception means the destination ran out of space: the shared rule, plus our own
    /// <see cref="DiskFullException"/> (one made around an inner exception carries no errno).
    /// </summary>
    internal static bool IsDiskFull(Exception e) => e is DiskFullException || Errno.IsDiskFull(e);
}
