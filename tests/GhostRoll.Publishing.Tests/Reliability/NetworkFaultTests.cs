using GhostRoll.Pipeline;
using GhostRoll.Publishing.Tests.Support;
using GhostRoll.TestSupport;

namespace GhostRoll.Publishing.Tests.Reliability;

/// <summary>
/// A flaky network in front of a real S3 server (<see cref="FaultyS3Proxy"/>): 503 SlowDown, 500, resets at the first
/// byte and mid-transfer, a server that stalls and then drops the connection, at seeded random connections. A run
/// gives up within its bounded retries and leaves the rest pending; runs after the server is back finish it. Nothing
/// is uploaded twice: a key the ledger records in one run is never sent again, and the ledger and the bucket list the
/// same objects. Missing credentials are covered end to end by CliTests. Quick: 3 trials with 2-second stalls;
/// GRTEST_RELIABILITY_FULL=1: 20, half of the stalls lasting 30 seconds, and the silent server is given up on after the
/// product's own answer timeout (60 s) instead of a shortened one.
/// </summary>
public sealed class NetworkFaultTests(LoopbackServers servers)
{
    /// <summary>A guard against hangs only (a loaded 2-core machine, or qemu-aarch64); a run normally takes a few seconds.</summary>
    private static readonly TimeSpan RunDeadline = TimeSpan.FromMinutes(ReliabilityRuns.Full ? 20 : TestHost.UnderQemuUser ? 10 : 3);

    /// <summary>The full run's long stalls: a link that goes silent for half a minute, as a congested uplink or a failing Wi-Fi does.</summary>
    private static readonly TimeSpan? LongStall = ReliabilityRuns.Full ? TimeSpan.FromSeconds(30) : null;

    [Fact]
    public async Task Uploads_through_a_failing_network_complete_once_the_server_is_back_and_nothing_is_sent_twice()
    {
        var server = await servers.S3rverAsync();
        var trials = ReliabilityRuns.Trials(quick: 3, full: 20);
        var faults = new Dictionary<NetworkFault, int>();
        int runs = 0, pendingRuns = 0, longStalls = 0;
        for (var seed = 1; seed <= trials; seed++)
        {
            await using var proxy = new FaultyS3Proxy(server.Port, seed) { FaultRate = 0.6, LongStallFor = LongStall };
            await using var session = new TestSession(server, await server.CreateBucketAsync($"net{seed}"), tweak: s => s.S3Endpoint = proxy.Endpoint);
            var entries = Enumerable.Range(0, 6).Select(_ => session.AddPhoto()).ToArray();
            var sent = new HashSet<string>(StringComparer.Ordinal);
            var complete = false;
            for (var run = 1; run <= 4 && !complete; run++)
            {
                proxy.FaultRate = run == 1 ? 0.6 : 0; // the first run meets the faults, later ones a server that is back
                runs++;
                complete = await PublishRunAsync(session, entries, sent, $"seed {seed}, run {run}");
                pendingRuns += complete ? 0 : 1;
            }

            Assert.True(complete, $"seed {seed}: still not complete after the server came back");
            await session.AssertInBucketAsync(entries);
            Assert.True((await session.BucketManifestAsync()).Complete);
            var ledger = session.Uploads.UploadsUnder(session.Prefix).Keys.Order(StringComparer.Ordinal);
            var bucket = (await server.ListKeysAsync(session.Bucket, session.Prefix)).Where(k => !k.EndsWith("/index.html", StringComparison.Ordinal) && !k.EndsWith("/manifest.json", StringComparison.Ordinal));
            Assert.Equal(ledger, bucket); // the ledger and the server agree (index and manifest change, so they are not ledgered)
            foreach (var (kind, count) in proxy.Injected)
            {
                faults[kind] = faults.GetValueOrDefault(kind) + count;
            }

            longStalls += proxy.LongStalls;
        }

        ReliabilityRuns.Report($"network: {trials} trials, {runs} publish runs ({pendingRuns} left work pending), faults injected: " +
                               string.Join(", ", faults.OrderBy(f => f.Key).Select(f => $"{f.Value} {f.Key}")) +
                               (LongStall is { } stall ? $" ({longStalls} of the stalls {stall.TotalSeconds:0} s)" : "") + "; 0 objects uploaded twice, ledger = bucket");
    }

    [Fact]
    public async Task A_server_that_never_answers_is_given_up_on_after_the_answer_timeout_and_the_upload_completes()
    {
        var server = await servers.S3rverAsync();
        await using var proxy = new FaultyS3Proxy(server.Port, seed: 1) { FaultRate = 0, StallFor = TimeSpan.FromHours(1) };
        await using var session = new TestSession(server, await server.CreateBucketAsync("silent"), tweak: s => s.S3Endpoint = proxy.Endpoint);
        var entries = Enumerable.Range(0, 2).Select(_ => session.AddPhoto()).ToArray();
        var options = session.Options(attempts: 3);
        // The product waits 60 s for an answer; the quick run waits 2 s to stay short (what it tests is that the
        // attempt is abandoned and retried at all: without the limit the SDK would wait 5 minutes); the full run
        // keeps the product's own limit.
        if (!ReliabilityRuns.Full)
        {
            var answer = TimeSpan.FromSeconds(TestHost.UnderQemuUser ? 20 : 2);
            options = options with { Retry = options.Retry with { AnswerTimeout = answer }, EarlyLinkRetry = options.EarlyLinkRetry with { AnswerTimeout = answer } };
        }
        proxy.Script(NetworkFault.Stall, NetworkFault.Stall); // two requests meet a server that accepts and then says nothing

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(RunDeadline);
        using var publisher = new S3Publisher(session.Settings, session.Uploads, options);
        var context = session.Context(expected: entries.Length);
        await publisher.BeginAsync(context, deadline.Token);
        foreach (var entry in entries)
        {
            await publisher.PublishAsync(context, entry, deadline.Token);
            session.Database.MarkPublished(session.SessionId, entry.Key);
        }

        await publisher.CompleteAsync(context, new PublishCompletion(true, context.ReadyEntries()), deadline.Token);
        Assert.Equal(2, proxy.Injected[NetworkFault.Stall]);
        await session.AssertInBucketAsync(entries);
        Assert.True((await session.BucketManifestAsync()).Complete);
    }

    /// <summary>One publishing run as the pipeline drives it; true when the session ended complete. Adds the keys it uploaded to <paramref name="sent"/>, failing on any key sent before.</summary>
    private static async Task<bool> PublishRunAsync(TestSession session, IReadOnlyList<GalleryEntry> entries, HashSet<string> sent, string what)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(RunDeadline);
        using var publisher = new S3Publisher(session.Settings, session.Uploads, session.Options(attempts: 3));
        var context = session.Context(expected: entries.Count);
        var ok = true;
        try
        {
            await publisher.BeginAsync(context, deadline.Token);
            foreach (var entry in entries.Where(e => session.Database.UnpublishedItems(session.SessionId).Contains(e.Key)))
            {
                try
                {
                    await publisher.PublishAsync(context, entry, deadline.Token);
                    session.Database.MarkPublished(session.SessionId, entry.Key);
                }
                catch (PublishException)
                {
                    ok = false; // left for the next run, as the pipeline does
                }
            }

            await publisher.CompleteAsync(context, new PublishCompletion(ok, context.ReadyEntries()), deadline.Token);
        }
        catch (PublishException)
        {
            ok = false;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            Assert.Fail($"{what}: publishing did not finish within {RunDeadline.TotalSeconds:0} s (retries must be bounded)");
        }

        foreach (var key in publisher.Statistics?.UploadedKeys ?? [])
        {
            Assert.True(key.EndsWith("/share.zip", StringComparison.Ordinal) || sent.Add(key), $"{what}: {key} was uploaded again although the ledger had it");
        }

        return ok;
    }
}
