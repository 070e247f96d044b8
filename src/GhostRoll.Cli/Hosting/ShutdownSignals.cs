using System.Runtime.InteropServices;

namespace GhostRoll.Cli.Hosting;

/// <summary>
/// Turns SIGTERM (systemd stop, card removal handling) and SIGINT (Ctrl-C) into cancellation, so a run stops at a
/// safe point with its journal intact instead of being killed mid-write.
/// </summary>
internal sealed class ShutdownSignals : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly PosixSignalRegistration[] _registrations;
    private int _disposed;

    private ShutdownSignals(CancellationTokenSource source)
    {
        _source = source;
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
        ];
    }

    public static ShutdownSignals Register(CancellationToken outer, out CancellationToken token)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(outer);
        token = source.Token;
        return new ShutdownSignals(source);
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true; // we stop ourselves, cleanly
        // The runtime runs handlers on their own thread, and disposing a registration does not wait for one already
        // running: a SIGTERM that lands as the verb finishes (systemd stops an import unit when its card's device
        // goes, just as the import sees the removal) must not hit the disposed source and crash the process.
        if (Volatile.Read(ref _disposed) == 0)
        {
            try
            {
                _source.Cancel();
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }

    public void Dispose()
    {
        Interlocked.Exchange(ref _disposed, 1);
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _source.Dispose();
    }
}
