using System.Runtime.InteropServices;

namespace GhostRoll.Appliance.Interop;

/// <summary>
/// A Linux file descriptor (lock file, mount table, inotify instance, eventfd), closed exactly once by close(2).
/// The one handle type for descriptors in this assembly. Unlike SafeFileHandle, descriptor 0 is valid.
/// </summary>
internal sealed class FileDescriptorHandle : SafeHandle
{
    public FileDescriptorHandle() : base(new IntPtr(-1), ownsHandle: true)
    {
    }

    internal FileDescriptorHandle(int fd) : this() => SetHandle(new IntPtr(fd));

    public override bool IsInvalid => handle.ToInt64() < 0;

    internal int Fd => (int)handle.ToInt64();

    /// <summary>Wraps the result of a call that returns a new descriptor, or throws the errno it left.</summary>
    internal static FileDescriptorHandle FromResult(int fd, string operation, string? path = null) =>
        fd < 0 ? throw Errno.ToException(Errno.Last, operation, path) : new FileDescriptorHandle(fd);

    protected override bool ReleaseHandle() => Libc.Close((int)handle.ToInt64()) == 0;
}
