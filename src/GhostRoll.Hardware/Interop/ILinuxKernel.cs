using System.Runtime.InteropServices;

namespace GhostRoll.Hardware.Interop;

/// <summary>
/// The boundary between the drivers and Linux: device nodes, ioctls, sysfs. Calls return kernel-style results
/// (a value &gt;= 0, or <c>-errno</c>) so failures stay data until <see cref="KernelErrors"/> turns them into one
/// clear exception. <see cref="LinuxKernel"/> is the real one; tests substitute a fake that models the
/// gpiochip character device from its UAPI documentation, so every struct the GPIO code builds is exercised. SPI and
/// I2C go through System.Device.Gpio, which makes its own libc calls; only device presence and sysfs come from here.
/// </summary>
internal unsafe interface ILinuxKernel
{
    /// <summary>open(2): a new file descriptor, or -errno.</summary>
    int Open(string path, int flags);

    /// <summary>close(2): 0, or -errno (never retried: Linux frees the fd even when close reports EINTR).</summary>
    int Close(int fd);

    /// <summary>ioctl(2) with a pointer argument: the request's result, or -errno.</summary>
    int Ioctl(SafeHandle fd, nuint request, void* argument);

    bool Exists(string path);

    /// <summary>Device nodes in <paramref name="directory"/> whose names start with <paramref name="prefix"/>, sorted.</summary>
    IReadOnlyList<string> ListDevices(string directory, string prefix);

    /// <summary>A small sysfs attribute's text, or null when it does not exist or cannot be read.</summary>
    string? ReadAttribute(string path);
}

/// <summary>The real kernel, through libc.</summary>
internal sealed unsafe class LinuxKernel : ILinuxKernel
{
    public static LinuxKernel Instance { get; } = new();

    private LinuxKernel()
    {
    }

    public int Open(string path, int flags) => Errno.RetryInterrupted((path, flags), static a => Libc.Open(a.path, a.flags));

    public int Close(int fd) => Libc.Close(fd) == 0 ? 0 : -Errno.Last;

    public int Ioctl(SafeHandle fd, nuint request, void* argument) =>
        Errno.RetryInterrupted((fd, request, (nint)argument), static a => Libc.Ioctl(a.fd, a.request, (void*)a.Item3));

    public bool Exists(string path) => File.Exists(path);

    public IReadOnlyList<string> ListDevices(string directory, string prefix)
    {
        try
        {
            return [.. Directory.EnumerateFileSystemEntries(directory, prefix + "*").Order(StringComparer.Ordinal)];
        }
        catch (DirectoryNotFoundException)
        {
            return [];
        }
    }

    public string? ReadAttribute(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
