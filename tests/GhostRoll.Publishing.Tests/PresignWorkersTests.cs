using System.Diagnostics;
using GhostRoll.Publishing.Tests.Support;

namespace GhostRoll.Publishing.Tests;

/// <summary>
/// PRESIGN_WORKERS is the number of links signed at once: the first manifest of a resumed session signs a link for
/// every file already in the bucket. (The setting existed and was never read: links were signed one by one.)
/// </summary>
public sealed class PresignWorkersTests(LoopbackServers servers)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task A_resumed_session_signs_its_links_PRESIGN_WORKERS_at_a_time(int workers)
    {
        var server = await servers.S3rverAsync();
        await using var session = new TestSession(server, await server.CreateBucketAsync($"presign{workers}"), tweak: s => s.PresignWorkers = workers);
        var entries = Enumerable.Range(0, 6).Select(_ => session.AddPhoto()).ToArray();
        using (var first = session.Publisher())
        {
            var context = session.Context();
            await first.BeginAsync(context, Cancel);
            foreach (var entry in entries)
            {
                await first.PublishAsync(context, entry, Cancel);
            }
        }

        // The next run: each signature waits (up to a shared deadline) until `workers` signatures are under way, so
        // signing one at a time cannot reach 3, and more than `workers` at once would show as a higher maximum.
        var inside = 0;
        var most = 0;
        var signed = 0;
        var deadline = Stopwatch.StartNew();
        void Signing(string key)
        {
            var now = Interlocked.Increment(ref inside);
            Interlocked.Increment(ref signed);
            for (var seen = Volatile.Read(ref most); now > seen; seen = Volatile.Read(ref most))
            {
                Interlocked.CompareExchange(ref most, now, seen);
            }

            while (Volatile.Read(ref most) < workers && deadline.Elapsed < TimeSpan.FromSeconds(20))
            {
                Thread.Sleep(5);
            }

            Thread.Sleep(10); // long enough for an extra signer to overlap if there were one
            Interlocked.Decrement(ref inside);
        }

        var second = session.Publisher(session.Options() with { Signing = Signing });
        await second.BeginAsync(session.Context(), Cancel);

        Assert.True(signed >= 6 * 3, $"expected the links of 6 photos (share, thumb, enhanced) to be signed, saw {signed}");
        Assert.True(most == workers, $"PRESIGN_WORKERS={workers}: at most {most} links were signed at once (waited {deadline.Elapsed.TotalSeconds:0.0} s)");
        var manifest = await session.BucketManifestAsync();
        Assert.Equal(entries.Length, manifest.Items.Count);
        Assert.All(manifest.Items, i => Assert.NotNull(i.Share?.Url));
    }
}
