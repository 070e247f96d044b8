using GhostRoll.TestSupport.S3;

[assembly: AssemblyFixture(typeof(GhostRoll.Links.Tests.Support.SwiftFixture))]
[assembly: AssemblyFixture(typeof(GhostRoll.Links.Tests.Support.ChromiumFixture))]

namespace GhostRoll.Links.Tests.Support;

/// <summary>
/// One signature-checking S3 server (OpenStack Swift + s3api on loopback) for the assembly, started on first use;
/// every test makes its own bucket (<see cref="LinkBucket"/>).
/// </summary>
public sealed class SwiftFixture : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SwiftS3Server? _server;

    public async Task<SwiftS3Server> GetAsync()
    {
        await _gate.WaitAsync();
        try
        {
            return _server ??= await SwiftS3Server.StartNewAsync();
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _gate.Dispose();
    }
}
