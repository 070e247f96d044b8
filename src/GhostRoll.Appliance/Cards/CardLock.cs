using GhostRoll.Appliance.Interop;

namespace GhostRoll.Appliance.Cards;

/// <summary>
/// An exclusive flock(2) per card, so two starts for the same card (udev's <c>add</c> and <c>change</c>, a hand-run
/// import next to the unit) never import it at once. The kernel drops the lock when the process dies, so a crash
/// never leaves a card locked. The lock file lives in a runtime folder, never on the card.
/// </summary>
internal sealed class CardLock : IDisposable
{
    private readonly FileDescriptorHandle _handle;

    private CardLock(FileDescriptorHandle handle, string path)
    {
        _handle = handle;
        Path = path;
    }

    public string Path { get; }

    /// <summary>Takes the lock, or returns null when another process holds it.</summary>
    public static CardLock? TryAcquire(string directory, string key)
    {
        Directory.CreateDirectory(directory);
        var path = System.IO.Path.Combine(directory, SafeName(key) + ".lock");
        // O_RDONLY is enough for flock, and lets an unprivileged import lock a file the root mount unit created.
        var handle = Libc.OpenHandle(path, Libc.O_RDONLY | Libc.O_CREAT, 0b110_110_100, "open lock file");
        if (Libc.Flock(handle, Libc.LOCK_EX | Libc.LOCK_NB) == 0)
        {
            return new CardLock(handle, path);
        }

        var errno = Errno.Last;
        handle.Dispose();
        return errno == Libc.EAGAIN ? null : throw Errno.ToException(errno, "lock", path);
    }

    /// <summary>Kernel names are safe already; folder paths (watch mode) become a readable, unique file name.</summary>
    internal static string SafeName(string key)
    {
        var chars = key.Trim('/').Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_').ToArray();
        var name = new string(chars);
        if (name.Length is 0 or > 64 || name != key)
        {
            var hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)))[..12].ToLowerInvariant();
            name = (name.Length > 48 ? name[^48..] : name) + "-" + hash;
        }

        return name;
    }

    public void Dispose() => _handle.Dispose();
}
