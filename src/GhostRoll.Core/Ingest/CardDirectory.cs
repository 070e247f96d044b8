using System.Runtime.InteropServices;
using GhostRoll.Interop;

namespace GhostRoll.Ingest;

/// <summary>
/// A card folder read at the byte level (openat + fdopendir + readdir). .NET's directory enumeration decodes names
/// as UTF-8 and replaces what is not with U+FFFD, so a name written by a PC in a code page could be listed but never
/// opened again. Here names stay bytes, and entries are stat'ed and opened relative to the open folder.
/// </summary>
internal sealed unsafe class CardDirectory : IDisposable
{
    private readonly DirectoryStreamHandle _stream;

    private CardDirectory(DirectoryStreamHandle stream, string path)
    {
        _stream = stream;
        Path = path;
    }

    /// <summary>For error messages: the folder's card path as text.</summary>
    public string Path { get; }

    /// <summary>Opens a folder by its (UTF-8) path.</summary>
    public static CardDirectory Open(string path)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(path + "\0");
        fixed (byte* p = bytes)
        {
            return FromFd(Libc.Open(p, Libc.O_RDONLY | Libc.O_DIRECTORY | Libc.O_CLOEXEC), path);
        }
    }

    /// <summary>Opens the sub-folder <paramref name="name"/> (bytes as listed) of this folder.</summary>
    public CardDirectory OpenChild(ReadOnlySpan<byte> name, string path)
    {
        Span<byte> terminated = stackalloc byte[name.Length + 1];
        name.CopyTo(terminated);
        terminated[^1] = 0;
        fixed (byte* p = terminated)
        {
            return FromFd(Libc.OpenAt(Fd, p, Libc.O_RDONLY | Libc.O_DIRECTORY | Libc.O_CLOEXEC), path);
        }
    }

    /// <summary>The descriptor of the open folder, for statx relative to it.</summary>
    public int Fd
    {
        get
        {
            var fd = Libc.DirFd(_stream);
            return fd >= 0 ? fd : throw IoErrors.FromErrno(Marshal.GetLastPInvokeError(), Path, "dirfd");
        }
    }

    /// <summary>Every entry's name as bytes, without <c>.</c> and <c>..</c>.</summary>
    public List<byte[]> ReadNames()
    {
        var names = new List<byte[]>();
        while (true)
        {
            var entry = Libc.ReadDir(_stream);
            if (entry is null)
            {
                // readdir returns null both at the end and on an error; only an error sets errno (cleared before the call).
                var errno = Marshal.GetLastPInvokeError();
                return errno == 0 ? names : throw IoErrors.FromErrno(errno, Path, "read directory");
            }

            var name = MemoryMarshal.CreateReadOnlySpanFromNullTerminated(entry->d_name);
            if (!name.SequenceEqual("."u8) && !name.SequenceEqual(".."u8))
            {
                names.Add(name.ToArray());
            }
        }
    }

    public void Dispose() => _stream.Dispose();

    private static CardDirectory FromFd(int fd, string path)
    {
        if (fd < 0)
        {
            throw IoErrors.FromErrno(Marshal.GetLastPInvokeError(), path, "open directory");
        }

        var stream = Libc.FdOpenDir(fd);
        if (stream.IsInvalid)
        {
            var errno = Marshal.GetLastPInvokeError();
            _ = Libc.Close(fd); // fdopendir owns the descriptor only when it succeeds
            stream.Dispose();
            throw IoErrors.FromErrno(errno, path, "open directory");
        }

        return new CardDirectory(stream, path);
    }
}
