using GhostRoll.TestSupport;
using GhostRoll.TestSupport.S3;

[assembly: AssemblyFixture(typeof(GhostRoll.Links.Tests.Support.SwiftFixture))]
[assembly: AssemblyFixture(typeof(GhostRoll.Links.Tests.Support.ChromiumFixture))]

namespace GhostRoll.Links.Tests.Support;

/// <summary>
/// One signature-checking S3 server (OpenStack Swift + s3api on loopback) for the assembly, started on first use;
/// every test makes its own bucket (<see cref="LinkBucket"/>).
/// </summary>
public sealed class SwiftFixture : StartedOnce<SwiftS3Server>
{
    protected override Task<SwiftS3Server> StartAsync() => SwiftS3Server.StartNewAsync();
}
