using System.Runtime.InteropServices;
using GhostRoll.Storage;

namespace GhostRoll.Interop;

/// <summary>Maps errno values to exceptions in one place, keeping the native code for callers that care.</summary>
internal static class IoErrors
{
    internal static IOException FromErrno(int errno, string path, string operation)
    {
        var text = Marshal.GetPInvokeErrorMessage(errno);
        var message = $"{operation} failed for '{path}': {text} (errno {errno})";
        return errno is Libc.ENOSPC or Libc.EDQUOT
            ? new DiskFullException(path, message)
            : new IOException(message, errno);
    }

    /// <summary>
    /// True when an exception means the destination ran out of space. .NET surfaces ENOSPC as an
    /// IOException whose HResult is the errno on Unix, or with the strerror text only.
    /// </summary>
    internal static bool IsDiskFull(Exception e) =>
        e is DiskFullException
        || (e is IOException io && (io.HResult is Libc.ENOSPC or Libc.EDQUOT
            || io.Message.Contains("No space left on device", StringComparison.Ordinal)
            || io.Message.Contains("disk was full", StringComparison.Ordinal) // .NET's message when preallocation (fallocate) hits ENOSPC
            || io.Message.Contains("Disk quota exceeded", StringComparison.Ordinal)));
}
