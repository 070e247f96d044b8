using GhostRoll.TestSupport.S3;

[assembly: AssemblyFixture(typeof(GhostRoll.Publishing.Tests.Support.LoopbackServers))]

namespace GhostRoll.Publishing.Tests.Support;

/// <summary>
/// One Swift (signature-verifying) and one s3rver (fast) for the whole test assembly, started on first use.
/// Tests isolate themselves with a bucket each; fault tests that stop a server start their own instance.
/// </summary>
public sealed class LoopbackServers : IAsyncDisposable
{
    private readonly Lazy<Task<SwiftS3Server>> _swift = new(() => SwiftS3Server.StartNewAsync());
    private readonly Lazy<Task<S3rverServer>> _s3rver = new(() => S3rverServer.StartNewAsync());

    public Task<SwiftS3Server> SwiftAsync() => _swift.Value;

    public Task<S3rverServer> S3rverAsync() => _s3rver.Value;

    /// <summary>By kind name, for theories that run against both servers.</summary>
    public async Task<LoopbackS3Server> GetAsync(string kind) => kind switch
    {
        "swift" => await SwiftAsync(),
        "s3rver" => await S3rverAsync(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "swift or s3rver"),
    };

    public async ValueTask DisposeAsync()
    {
        if (_swift.IsValueCreated)
        {
            await (await _swift.Value).DisposeAsync();
        }

        if (_s3rver.IsValueCreated)
        {
            await (await _s3rver.Value).DisposeAsync();
        }
    }
}
