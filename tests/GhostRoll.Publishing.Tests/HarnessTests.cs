using System.Text;
using Amazon.S3.Model;
using GhostRoll.Publishing.Tests.Support;
using GhostRoll.TestSupport.S3;

namespace GhostRoll.Publishing.Tests;

/// <summary>The loopback servers themselves: they store bytes, the independent awscli sees them, and they survive a restart.</summary>
public sealed class HarnessTests(LoopbackServers servers)
{
    [Theory]
    [InlineData("swift")]
    [InlineData("s3rver")]
    public async Task Stored_object_reads_back_through_sdk_and_awscli(string kind)
    {
        var server = await servers.GetAsync(kind);
        var bucket = await server.CreateBucketAsync("harness");
        var body = Encoding.UTF8.GetBytes("hello from " + kind);
        using (var client = server.CreateClient())
        {
            await client.PutObjectAsync(new PutObjectRequest
            {
                BucketName = bucket, Key = "a/b.txt", InputStream = new MemoryStream(body), UseChunkEncoding = false,
            }, TestContext.Current.CancellationToken);
        }

        Assert.Equal(body, await server.GetBytesAsync(bucket, "a/b.txt"));
        var cli = await server.AwsCliAsync("s3api", "list-objects-v2", "--bucket", bucket);
        Assert.True(cli.ExitCode == 0, cli.Stderr);
        Assert.Contains("a/b.txt", cli.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task S3rver_restarted_on_the_same_port_keeps_its_objects()
    {
        await using var server = await S3rverServer.StartNewAsync(TestContext.Current.CancellationToken);
        var bucket = await server.CreateBucketAsync("restart");
        using (var client = server.CreateClient())
        {
            await client.PutObjectAsync(new PutObjectRequest
            {
                BucketName = bucket, Key = "k", ContentBody = "kept", UseChunkEncoding = false,
            }, TestContext.Current.CancellationToken);
        }

        await server.StopAsync();
        Assert.False(LoopbackPorts.Accepts(server.Port));
        await server.StartAsync(TestContext.Current.CancellationToken);
        Assert.Equal("kept"u8.ToArray(), await server.GetBytesAsync(bucket, "k"));
    }
}
