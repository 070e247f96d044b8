namespace GhostRoll.Interop;

/// <summary>
/// The appliance's part of the shared <see cref="Errno"/> (src/Shared/Interop/Unix): the one place that turns an errno
/// from the appliance's libc calls into an exception that says what happened.
/// </summary>
internal static partial class Errno
{
    /// <summary>An <see cref="IOException"/> whose HResult is the errno, with a hint where the errno alone misleads.</summary>
    internal static IOException ToException(int errno, string operation, string? path = null)
    {
        var what = path is null ? $"{operation} failed" : $"{operation} failed for '{path}'";
        return new($"{what}: {Describe(errno)}{Hint(errno, operation)}", errno);
    }

    /// <summary>The card (or its reader slot) is gone: reads and mounts fail with these once it is pulled.</summary>
    internal static bool MeansCardGone(int errno) => errno is Libc.ENOENT or Libc.ENXIO or Libc.ENODEV or Libc.ENOMEDIUM or Libc.EIO;

    private static string Hint(int errno, string operation)
    {
        var inotify = operation.StartsWith("inotify", StringComparison.Ordinal);
        return errno switch
        {
            // ENOSPC from inotify_add_watch means the per-user watch limit, not a full disk (inotify(7)).
            Libc.ENOSPC when inotify => " (inotify watch limit reached; raise fs.inotify.max_user_watches)",
            Libc.EMFILE when inotify || operation == "eventfd" => " (too many inotify instances or open files; raise fs.inotify.max_user_instances)",
            _ => "",
        };
    }
}
