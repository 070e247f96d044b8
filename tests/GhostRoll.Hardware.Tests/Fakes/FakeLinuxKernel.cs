using System.Runtime.InteropServices;
using GhostRoll.Hardware.Interop;
using GhostRoll.Interop;

namespace GhostRoll.Hardware.Tests.Fakes;

/// <summary>
/// A stand-in for the Linux kernel below the drivers: device nodes, file descriptors and ioctls, modelled on the
/// UAPI headers and their documentation. Device fakes decode ioctl arguments at the byte offsets the headers define
/// (not through the driver's C# structs) and recognise request numbers written out by hand, so a wrong struct or
/// request in the driver fails here the way it would fail on a Pi. Counts open descriptors for leak checks.
/// </summary>
internal sealed unsafe class FakeLinuxKernel : ILinuxKernel
{
    internal const int EBADF = 9;

    private readonly Dictionary<string, FakeDeviceNode> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<int, FakeOpenFile> _files = [];
    private int _nextFd = 3;

    public Dictionary<string, string> Attributes { get; } = new(StringComparer.Ordinal);

    /// <summary>Descriptors opened and not yet closed (device nodes and GPIO line requests).</summary>
    public int OpenFiles => _files.Count;

    /// <summary>Every open(2) without O_CLOEXEC (a child process would inherit the bus).</summary>
    public List<string> OpenedWithoutCloseOnExec { get; } = [];

    public T Add<T>(string path, T node)
        where T : FakeDeviceNode
    {
        _nodes[path] = node;
        return node;
    }

    public int Open(string path, int flags)
    {
        if (!_nodes.TryGetValue(path, out var node))
        {
            return -Libc.ENOENT;
        }

        if (node.OpenError != 0)
        {
            return -node.OpenError;
        }

        if ((flags & 0x80000) == 0)
        {
            OpenedWithoutCloseOnExec.Add(path);
        }

        return AddFile(node.Open(this));
    }

    /// <summary>Registers an open file and returns its descriptor (GPIO line requests are fds without a node).</summary>
    public int AddFile(FakeOpenFile file)
    {
        var fd = _nextFd++;
        _files[fd] = file;
        return fd;
    }

    public int Close(int fd)
    {
        if (!_files.Remove(fd, out var file))
        {
            return -EBADF;
        }

        file.Close();
        return 0;
    }

    public int Ioctl(SafeHandle fd, nuint request, void* argument) =>
        _files.TryGetValue((int)fd.DangerousGetHandle(), out var file) ? file.Ioctl(request, (byte*)argument) : -EBADF;

    public bool Exists(string path) => _nodes.ContainsKey(path);

    public IReadOnlyList<string> ListDevices(string directory, string prefix) =>
        [.. _nodes.Keys.Where(p => p.StartsWith($"{directory}/{prefix}", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    public string? ReadAttribute(string path) => Attributes.GetValueOrDefault(path);
}

/// <summary>A device node: opening it yields a file with its own state.</summary>
internal abstract class FakeDeviceNode
{
    /// <summary>errno open(2) fails with (EACCES for a user outside the device's group), or 0.</summary>
    public int OpenError { get; set; }

    public abstract FakeOpenFile Open(FakeLinuxKernel kernel);
}

/// <summary>A node that only has to exist here (spidev, i2c-dev: System.Device.Gpio opens those itself).</summary>
internal sealed class PresentNode : FakeDeviceNode
{
    public override FakeOpenFile Open(FakeLinuxKernel kernel) => new File();

    private sealed class File : FakeOpenFile;
}

/// <summary>An open file description; unknown requests fail with ENOTTY as the kernel's do.</summary>
internal abstract unsafe class FakeOpenFile
{
    public virtual int Ioctl(nuint request, byte* argument) => -Libc.ENOTTY;

    public virtual void Close()
    {
    }
}
