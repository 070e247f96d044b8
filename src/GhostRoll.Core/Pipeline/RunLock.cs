namespace GhostRoll.Pipeline;

/// <summary>
/// One import at a time per database. udev may start the import unit twice for one card (a reader reports the
/// insertion as a disk "change" and a partition "add"); the second waits here, then finds nothing new. Uses an
/// advisory lock (flock, through .NET's FileShare.None on Unix) on <c>ghostroll.lock</c> beside the database; the
/// kernel drops it if the process dies, so a crash never leaves a stale lock.
/// </summary>
public sealed class RunLock : IDisposable
{
    private readonly FileStream _stream;

    private RunLock(FileStream stream) => _stream = stream;

    public static string PathFor(string databasePath) => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(databasePath))!, "ghostroll.lock");

    /// <summary>Takes the lock, calling <paramref name="onWait"/> once if another process holds it, and waiting until it is free.</summary>
    public static async Task<RunLock> AcquireAsync(string databasePath, Action<string>? onWait, CancellationToken cancellationToken)
    {
        var path = PathFor(databasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var announced = false;
        while (true)
        {
            try
            {
                return new RunLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (!cancellationToken.IsCancellationRequested)
            {
                if (!announced)
                {
                    onWait?.Invoke(path);
                    announced = true;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public void Dispose() => _stream.Dispose();
}
