using System.Runtime.InteropServices;

namespace GhostRoll.Appliance.Interop;

/// <summary>The one place that turns an errno from the appliance's libc calls into an exception that says what happened.</summary>
internal static class Errno
{
    internal static int Last => Marshal.GetLastPInvokeError();

    internal static IOException ToException(int errno, string operation, string path) =>
        new($"{operation} failed for '{path}': {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})", errno);

    /// <summary>The card (or its reader slot) is gone: reads and mounts fail with these once it is pulled.</summary>
    internal static bool MeansCardGone(int errno) => errno is Libc.ENOENT or Libc.ENXIO or Libc.ENODEV or Libc.ENOMEDIUM or Libc.EIO;
}
