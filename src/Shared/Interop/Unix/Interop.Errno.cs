using System.Runtime.InteropServices;

namespace GhostRoll.Interop;

/// <summary>
/// errno handling shared by every assembly: the text of an errno, the disk-full rule and the one EINTR retry loop.
/// Each assembly's own error class (IoErrors, KernelErrors, the appliance's part of this class) turns these into
/// exceptions that say what to do.
/// </summary>
internal static partial class Errno
{
    /// <summary>The errno of the last [LibraryImport] call made with SetLastError.</summary>
    internal static int Last => Marshal.GetLastPInvokeError();

    /// <summary>strerror's text with the number, as every message quotes it: "No such file or directory (errno 2)".</summary>
    internal static string Describe(int errno) => $"{Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})";

    /// <summary>ENOSPC or EDQUOT: the destination ran out of space (or of the user's quota).</summary>
    internal static bool MeansDiskFull(int errno) => errno is Libc.ENOSPC or Libc.EDQUOT;

    /// <summary>
    /// True when an exception means the destination ran out of space (or quota): the one disk-full rule of every
    /// assembly. .NET puts the errno in an IOException's HResult on Unix, but some of its own exceptions carry only
    /// text: strerror's, or "... because the disk was full" when preallocation (fallocate) hits ENOSPC.
    /// </summary>
    internal static bool IsDiskFull(Exception e) =>
        e is IOException io && (MeansDiskFull(io.HResult)
            || io.Message.Contains("No space left on device", StringComparison.Ordinal)
            || io.Message.Contains("disk was full", StringComparison.Ordinal)
            || io.Message.Contains("Disk quota exceeded", StringComparison.Ordinal));

    /// <summary>
    /// Runs a syscall wrapper again while a signal interrupts it (EINTR); returns its non-negative result or -errno.
    /// Not for close(2) (see <see cref="Libc.Close"/>).
    /// </summary>
    internal static int RetryInterrupted<TState>(TState state, Func<TState, int> call)
    {
        while (true)
        {
            var result = call(state);
            if (result >= 0)
            {
                return result;
            }

            var errno = Last;
            if (errno != Libc.EINTR)
            {
                return -errno;
            }
        }
    }
}
