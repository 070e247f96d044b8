using GhostRoll.Interop;

namespace GhostRoll.Storage;

/// <summary>The destination disk is full. The message says where and what to do.</summary>
public sealed class DiskFullException : IOException
{
    public DiskFullException(string path, string message)
        : base(message, Libc.ENOSPC) => Path = path;

    public DiskFullException(string message)
        : base(message, Libc.ENOSPC) => Path = "";

    public DiskFullException() : base("No space left on device", Libc.ENOSPC) => Path = "";

    public DiskFullException(string message, Exception inner) : base(message, inner) => Path = "";

    public string Path { get; }
}
