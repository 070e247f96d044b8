using GhostRoll.Appliance.Interop;
using GhostRoll.Ingest;

namespace GhostRoll.Appliance.Watch;

/// <summary>
/// Wakes watch mode when a card may have appeared or gone: inotify(7) on the mount roots and their subfolders
/// (a desktop creates <c>/media/$USER/auto-import</c>) and POLLPRI on <c>/proc/self/mountinfo</c> (proc(5): the
/// kernel flags it on every mount and unmount, which catches a card mounted over an existing folder). Both are
/// optional: when neither is available the wait is a plain timeout, so watch mode degrades to polling.
/// </summary>
internal sealed class MountRootSignal : IDisposable
{
    private const uint Mask = Libc.IN_CREATE | Libc.IN_DELETE | Libc.IN_MOVED_FROM | Libc.IN_MOVED_TO
        | Libc.IN_DELETE_SELF | Libc.IN_MOVE_SELF | Libc.IN_UNMOUNT | Libc.IN_ONLYDIR;

    private readonly InotifyWatch? _watch;
    private readonly FileDescriptorHandle? _mountInfo;

    public MountRootSignal(string mountInfoPath = MountTable.SelfPath)
    {
        try
        {
            _watch = InotifyWatch.Open("mount roots", inotifyOptional: true);
        }
        catch (IOException)
        {
            _watch = null; // no eventfd either: this process is out of descriptors, so poll
        }

        try
        {
            _mountInfo = Libc.OpenHandle(mountInfoPath, Libc.O_RDONLY, 0, "open mount table");
        }
        catch (IOException)
        {
            _mountInfo = null;
        }
    }

    /// <summary>True when at least one event source works (otherwise watch mode only polls).</summary>
    public bool HasEventSource => _watch is not null && (_watch.HasInotify || _mountInfo is not null);

    /// <summary>
    /// Watches these folders. Called before every wait: adding an existing watch is a no-op in the kernel, and a
    /// folder that was removed and re-created (a new inode) gets a new watch.
    /// </summary>
    public void Watch(IEnumerable<string> folders)
    {
        if (_watch is not { HasInotify: true })
        {
            return;
        }

        foreach (var folder in folders)
        {
            _ = _watch.TryAdd(folder, Mask); // a folder that just vanished is simply not watched
        }
    }

    /// <summary>Waits until something changed under a root or in the mount table, or <paramref name="timeout"/> passed.</summary>
    /// <returns>True when woken by an event, false on timeout.</returns>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        HasEventSource ? Task.Run(() => Wait(_watch!, timeout, cancellationToken), cancellationToken) : DelayAsync(timeout, cancellationToken);

    private static async Task<bool> DelayAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        await Task.Delay(timeout, cancellationToken).ConfigureAwait(false);
        return false;
    }

    private bool Wait(InotifyWatch watch, TimeSpan timeout, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (timeout <= TimeSpan.Zero)
        {
            return false;
        }

        // A stop (Ctrl-C, SIGTERM) wakes the wait at once.
        InotifyWatch.Ready ready;
        using (cancellationToken.Register(static w => ((InotifyWatch)w!).Wake(), watch))
        {
            ready = watch.Wait(timeout, _mountInfo, Libc.POLLPRI);
        }

        cancellationToken.ThrowIfCancellationRequested();
        if ((ready & InotifyWatch.Ready.Events) != 0)
        {
            watch.ReadEvents(null); // what changed does not matter: a rescan follows
        }

        return (ready & (InotifyWatch.Ready.Events | InotifyWatch.Ready.Other)) != 0;
    }

    public void Dispose()
    {
        _watch?.Dispose();
        _mountInfo?.Dispose();
    }
}
