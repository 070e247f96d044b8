using System.Text;
using GhostRoll.Interop;

namespace GhostRoll.Storage;

/// <summary>
/// Replace-by-rename file writes: readers (the display daemon, a browser, <c>ghostroll status</c>) see the
/// old or the new file, never half of one, and a power cut leaves one of the two on disk.
/// </summary>
public static class AtomicFile
{
    public static void WriteAllText(string path, string text, UnixFileMode? mode = null, bool durable = true) =>
        WriteAllBytes(path, Encoding.UTF8.GetBytes(text), mode, durable);

    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes, UnixFileMode? mode = null, bool durable = true)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        var temp = TempNameFor(full);
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (mode is { } m)
            {
                options.UnixCreateMode = m; // set at creation, so secrets are never briefly world-readable
            }

            using (var stream = new FileStream(temp, options))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: durable);
            }

            File.Move(temp, full, overwrite: true);
            if (durable)
            {
                Libc.FsyncDirectory(directory);
            }
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Writes through a callback (large files such as share.zip) and renames into place when it returns.</summary>
    public static void Write(string path, Action<Stream> writer, bool durable = true)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        var temp = TempNameFor(full);
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16))
            {
                writer(stream);
                stream.Flush(flushToDisk: durable);
            }

            File.Move(temp, full, overwrite: true);
            if (durable)
            {
                Libc.FsyncDirectory(directory);
            }
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>
    /// Hidden temporary name in the same directory (same filesystem, so rename is atomic). The final name is shortened
    /// in it when needed: a file name may have up to 255 bytes (NAME_MAX on ext4, exFAT, tmpfs), and a card file with a
    /// long name must still fit once the unique suffix is added, or it could never be copied.
    /// </summary>
    public static string TempNameFor(string fullPath)
    {
        var suffix = $".{Environment.ProcessId}.{Guid.NewGuid():N}{TempSuffix}";
        var name = Path.GetFileName(fullPath);
        var room = NameMaxBytes - 1 - Encoding.UTF8.GetByteCount(suffix);
        while (Encoding.UTF8.GetByteCount(name) > room)
        {
            name = name[..^(char.IsLowSurrogate(name[^1]) && name.Length > 1 ? 2 : 1)];
        }

        return Path.Combine(Path.GetDirectoryName(fullPath)!, $".{name}{suffix}");
    }

    /// <summary>Longest file name in bytes (NAME_MAX, limits.h).</summary>
    private const int NameMaxBytes = 255;

    /// <summary>Suffix of every temporary file GhostRoll writes; resume removes strays with it.</summary>
    public const string TempSuffix = ".ghostroll-tmp";

    /// <summary>
    /// Removes temporary files directly in <paramref name="directory"/> that a GhostRoll process which no longer runs
    /// left behind. A power cut or a SIGKILL in the middle of a write leaves one; session folders are swept when their
    /// session resumes, but the status folder (status.json, the panel images) belongs to no session. A temporary file of
    /// a process that still runs (the display daemon writing the same folder) is left alone. Returns how many went.
    /// </summary>
    public static int RemoveOrphans(string directory)
    {
        List<string> candidates;
        try
        {
            candidates = [.. Directory.EnumerateFiles(directory, ".*" + TempSuffix)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0; // no such folder yet, or not ours to list: nothing of ours can be in it
        }

        var removed = 0;
        foreach (var file in candidates)
        {
            if (OwnerProcess(Path.GetFileName(file)) is { } pid && pid != Environment.ProcessId && !Directory.Exists($"/proc/{pid}"))
            {
                TryDelete(file);
                removed += File.Exists(file) ? 0 : 1;
            }
        }

        return removed;
    }

    /// <summary>The process id in a name made by <see cref="TempNameFor"/> (<c>.NAME.PID.GUID.ghostroll-tmp</c>).</summary>
    internal static int? OwnerProcess(string tempName)
    {
        if (!tempName.EndsWith(TempSuffix, StringComparison.Ordinal))
        {
            return null;
        }

        var stem = tempName[..^TempSuffix.Length];
        var guidDot = stem.LastIndexOf('.');
        var pidDot = guidDot > 0 ? stem.LastIndexOf('.', guidDot - 1) : -1;
        return pidDot >= 0 && int.TryParse(stem.AsSpan(pidDot + 1, guidDot - pidDot - 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid)
            ? pid
            : null;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
