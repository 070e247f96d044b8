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
        _source.Cancel();
    }

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _source.Dispose();
    }
}
