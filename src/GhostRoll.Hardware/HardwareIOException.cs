namespace GhostRoll.Hardware;

/// <summary>
/// A failed system call on a hardware device: what was attempted, on which node, the errno (0 when the
/// failure carried none), and what to do about it. <see cref="Exception.HResult"/> carries the errno as well.
/// </summary>
internal sealed class HardwareIOException : IOException
{
    internal HardwareIOException(int errno, string devicePath, string operation, string message, Exception? inner = null)
        : base(message, inner)
    {
        HResult = errno;
        Errno = errno;
        DevicePath = devicePath;
        Operation = operation;
    }

    public int Errno { get; }

    public string DevicePath { get; }

    public string Operation { get; }
}
