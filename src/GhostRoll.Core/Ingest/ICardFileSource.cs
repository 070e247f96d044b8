using System.Runtime.InteropServices;
using GhostRoll.Interop;
using Microsoft.Win32.SafeHandles;

namespace GhostRoll.Ingest;

/// <summary>
/// Opens card files for reading. The seam exists for tests (fault injection: a read that fails half-way, a card
/// that disappears) and for counting bytes read from the card. Implementations must never write to the card.
/// </summary>
public interface ICardFileSource
{
    /// <summary>Opens a card file read-only for one sequential pass.</summary>
    Stream OpenRead(string fullPath);

    /// <summary>
    /// Opens a scanned card file. A file whose name is not UTF-8 (<see cref="CardFile.NativePath"/>) has no string
    /// path: a source that cannot open it by its bytes refuses it rather than open a different file by its text.
    /// </summary>
    Stream OpenRead(CardFile file) => file.NativePath is null
        ? OpenRead(file.FullPath)
        : throw new IOException($"{file.CardPath}: this card source cannot open a name that is not UTF-8");
}

/// <summary>The real card: read-only, sequential, no buffering of our own (the copier reads in large blocks).</summary>
public sealed class FileSystemCardSource : ICardFileSource
{
    public static FileSystemCardSource Instance { get; } = new();

    public Stream OpenRead(string fullPath) =>
        new FileStream(fullPath, new FileStreamOptions
        {
            Mode = FileMode.Open,
            Access = FileAccess.Read,
            Share = FileShare.ReadWrite | FileShare.Delete,
            BufferSize = 0,
            Options = FileOptions.SequentialScan,
        });

    public Stream OpenRead(CardFile file) => file.NativePath is { } native ? OpenNative(native, file.FullPath) : OpenRead(file.FullPath);

    /// <summary>open(2) on the name's bytes, read-only; <paramref name="display"/> only names it in errors.</summary>
    internal static unsafe FileStream OpenNative(byte[] path, string display)
    {
        int fd;
        fixed (byte* p = (byte[])[.. path, 0])
        {
            fd = Libc.Open(p, Libc.O_RDONLY | Libc.O_CLOEXEC);
        }

        if (fd < 0)
        {
            throw IoErrors.FromErrno(Marshal.GetLastPInvokeError(), display, "open");
        }

        var handle = new SafeFileHandle(fd, ownsHandle: true);
        _ = Libc.PosixFadvise(handle, 0, 0, Libc.POSIX_FADV_SEQUENTIAL); // what FileOptions.SequentialScan does
        return new FileStream(handle, FileAccess.Read, bufferSize: 0);
    }
}
