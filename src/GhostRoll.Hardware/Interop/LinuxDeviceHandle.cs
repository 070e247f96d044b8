using System.Runtime.InteropServices;

namespace GhostRoll.Hardware.Interop;

/// <summary>
/// An open device file descriptor. Subclasses exist so a chip fd cannot be passed where a line-request fd belongs;
/// closing goes back through the same <see cref="ILinuxKernel"/> that opened it.
/// </summary>
internal abstract unsafe class LinuxDeviceHandle : SafeHandle
{
    private static readonly IntPtr Invalid = new(-1);

    protected LinuxDeviceHandle(ILinuxKernel kernel, string path, int fd)
        : base(Invalid, ownsHandle: true)
    {
        Kernel = kernel;
        Path = path;
        SetHandle(fd);
    }

    public ILinuxKernel Kernel { get; }

    /// <summary>The device node, for error messages.</summary>
    public string Path { get; }

    public override bool IsInvalid => handle == Invalid;

    /// <summary>ioctl with a pointer argument; errors become one <see cref="HardwareIOException"/>.</summary>
    public int Ioctl(nuint request, void* argument, string operation) =>
        KernelErrors.Check(Kernel.Ioctl(this, request, argument), Path, operation);

    /// <summary>Opens a device node read-write and close-on-exec (a child process must never inherit the bus).</summary>
    protected static int OpenDevice(ILinuxKernel kernel, string path) =>
        KernelErrors.Check(kernel.Open(path, Libc.O_RDWR | Libc.O_CLOEXEC), path, "open");

    // close(2) frees the descriptor even when it reports an error (EINTR included), so there is nothing to retry.
    protected override bool ReleaseHandle()
    {
        _ = Kernel.Close((int)handle);
        return true;
    }
}

/// <summary>An open <c>/dev/gpiochipN</c>.</summary>
internal sealed class GpioChipHandle : LinuxDeviceHandle
{
    private GpioChipHandle(ILinuxKernel kernel, string path, int fd) : base(kernel, path, fd)
    {
    }

    public static GpioChipHandle Open(ILinuxKernel kernel, string path) => new(kernel, path, OpenDevice(kernel, path));
}

/// <summary>A GPIO line request (the anonymous fd GPIO_V2_GET_LINE returns); closing it releases the lines.</summary>
internal sealed class GpioLineRequestHandle : LinuxDeviceHandle
{
    public GpioLineRequestHandle(ILinuxKernel kernel, string chipPath, int fd) : base(kernel, chipPath, fd)
    {
    }
}
