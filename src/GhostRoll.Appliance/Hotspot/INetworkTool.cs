using GhostRoll.Media;

namespace GhostRoll.Appliance.Hotspot;

/// <summary>
/// Runs NetworkManager's <c>nmcli</c> and <c>iw</c>: the system edge of the hotspot, behind an interface so the
/// decisions can be tested with a fake that answers in nmcli's documented terse format.
/// </summary>
public interface INetworkTool
{
    /// <summary>Runs <paramref name="tool"/> ("nmcli" or "iw") with <paramref name="arguments"/>, never through a shell.</summary>
    Task<ToolRun> RunAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken);
}

/// <summary>The real tools, each call under a deadline (nmcli waits on D-Bus, which can hang while NetworkManager restarts).</summary>
public sealed class SystemNetworkTool : INetworkTool
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    public Task<ToolRun> RunAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        ExternalTool.RunAsync(tool, arguments, Deadline, cancellationToken);
}
