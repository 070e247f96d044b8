using System.Globalization;
using GhostRoll.Interop;

namespace GhostRoll.Pipeline;

/// <summary>What holds the run lock: a card import, or a publish-only run (ghostroll publish, its timer).</summary>
internal enum RunRole
{
    Import,
    Publish,
}

/// <summary>
/// One run at a time per database. udev may start the import unit twice for one card (a reader reports the
/// insertion as a disk "change" and a partition "add"); the second waits here, then finds nothing new. Uses an
/// advisory lock (flock, through .NET's FileShare.None on Unix) on <c>ghostroll.lock</c> beside the database; the
/// kernel drops it if the process dies, so a crash never leaves a stale lock.
/// <para>
/// A card never waits for uploads: an import that finds the lock held by a publish-only run sends that run SIGTERM,
/// which stops it at a safe point (everything uploaded so far is recorded); the import then finishes the pending
/// uploads itself after copying the card.
/// </para>
/// </summary>
internal sealed class RunLock : IDisposable
{
    private readonly FileStream _stream;
    private readonly string _ownerFile;

    private RunLock(FileStream stream, string ownerFile)
    {
        _stream = stream;
        _ownerFile = ownerFile;
    }

    public static string PathFor(string databasePath) => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(databasePath))!, "ghostroll.lock");

    /// <summary>Takes the lock, calling <paramref name="onWait"/> once if another process holds it, and waiting until it is free.</summary>
    public static async Task<RunLock> AcquireAsync(string databasePath, RunRole role, Action<string>? onWait, CancellationToken cancellationToken)
    {
        var path = PathFor(databasePath);
        var ownerFile = path + ".owner";
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var announced = false;
        var preempted = false;
        while (true)
        {
            try
            {
                var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                // Who holds it, for a waiting import: written after the lock is ours, read without locking.
                File.WriteAllText(ownerFile, string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessId} {role}\n"));
                return new RunLock(stream, ownerFile);
            }
            catch (IOException)
            {
                // Busy. A caller that gave up (SIGTERM, a test's deadline) hears "cancelled", never the busy lock's
                // IOException, even when the token fires between the attempt and this check.
                cancellationToken.ThrowIfCancellationRequested();
                if (!announced)
                {
                    onWait?.Invoke(path);
                    announced = true;
                }

                if (role == RunRole.Import && !preempted)
                {
                    preempted = TryStopPublisher(ownerFile);
                }

                await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>SIGTERMs the holder if, and only if, it is a GhostRoll publish-only run. True when a signal was sent.</summary>
    internal static bool TryStopPublisher(string ownerFile)
    {
        try
        {
            var fields = File.ReadAllText(ownerFile).Split(' ', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length != 2 || fields[1] != nameof(RunRole.Publish) || !int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                return false;
            }

            // The owner file can outlive its writer for an instant; make sure the pid is still a ghostroll process
            // before signalling it (pids are reused).
            var commandLine = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
            if (!commandLine.Contains("ghostroll", StringComparison.Ordinal))
            {
                return false;
            }

            return Libc.Kill(pid, Libc.SIGTERM) == 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        try
        {
            File.Delete(_ownerFile);
        }
        catch (IOException)
        {
        }

        _stream.Dispose();
    }
}
