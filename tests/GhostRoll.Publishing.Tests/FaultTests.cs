using GhostRoll.Pipeline;
using GhostRoll.Publishing.S3;
using GhostRoll.Publishing.Tests.Support;
using GhostRoll.TestSupport.S3;

namespace GhostRoll.Publishing.Tests;

/// <summary>
/// Large objects and failures: share.zip in parts, a server killed mid-upload and restarted, a run interrupted
/// and finished by the next one. Every upload is compared byte for byte; nothing already uploaded is sent again.
/// </summary>
public sealed class FaultTests(LoopbackServers servers)
{
    private const long MiB = 1024 * 1024;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Parts of 5 MiB (the S3 minimum for all but the last part) so a 12 MiB zip makes three.</summary>
    private static readonly UploadTuning SmallParts = new() { MultipartThreshold = 5 * MiB, PartSize = 5 * MiB };

    [Theory]
    [InlineData("swift")]
    [InlineData("s3rver")]
    public async Task Share_zip_goes_up_in_parts_and_reads_back_exactly(string kind)
    {
        var server = await servers.GetAsync(kind);
        await using var session = new TestSession(server, await server.CreateBucketAsync("multipart"));
        var (publisher, context) = await session.BeginAsync(session.Options() with { Tuning = SmallParts });
        await publisher.PublishAsync(context, session.AddPhoto(), Cancel);
        var zip = session.WriteShareZip(minimumBytes: 12 * MiB);

        await publisher.CompleteAsync(context, TestSession.Final(context), Cancel);

        Assert.Equal(3, publisher.Statistics!.PartsUploaded);
        await session.AssertInBucketAsync([.. context.ReadyEntries()]);
        Assert.Equal(zip, await server.GetBytesAsync(session.Bucket, session.Prefix + "share.zip"));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(session.Layout.Root, ".publish")));
    }

    [Fact]
    public async Task Server_killed_mid_upload_and_restarted_during_backoff_the_run_completes()
    {
        await using var server = await S3rverServer.StartNewAsync(Cancel);
        await using var session = new TestSession(server, await server.CreateBucketAsync("killed"));
        var retries = 0;
        var options = session.Options(delay: async (_, ct) =>
        {
            // The retry policy is waiting: bring the server back, as an operator or systemd would.
            if (Interlocked.Increment(ref retries) == 1)
            {
                await server.StartAsync(ct);
            }
        }) with { Tuning = SmallParts };
        var (publisher, context) = await session.BeginAsync(options);
        var photo = session.AddPhoto();
        await publisher.PublishAsync(context, photo, Cancel);
        var zip = session.WriteShareZip(minimumBytes: 12 * MiB);
        publisher.Uploader!.PartUploaded += (_, part) =>
        {
            if (part == 1)
            {
                server.StopAsync().GetAwaiter().GetResult(); // killed, mid-upload
            }
        };

        await publisher.CompleteAsync(context, TestSession.Final(context), Cancel);

        Assert.True(retries >= 1, "the upload should have needed a retry");
        Assert.Equal(zip, await server.GetBytesAsync(session.Bucket, session.Prefix + "share.zip"));
        Assert.Equal(session.LocalBytes(photo.Share!.Path), await server.GetBytesAsync(session.Bucket, session.Prefix + "share/" + photo.Key + ".jpg"));
        Assert.True((await session.BucketManifestAsync()).Complete);
    }

    [Fact]
    public async Task Interrupted_multipart_upload_is_resumed_by_the_next_run_without_resending_parts()
    {
        // Swift keeps unfinished uploads and lists their parts, as S3 does.
        var swift = await servers.SwiftAsync();
        await using var session = new TestSession(swift, await swift.CreateBucketAsync("resume-parts"));
        var photo = session.AddPhoto();
        var zip = session.WriteShareZip(minimumBytes: 12 * MiB);

        using (var run1 = session.Publisher(session.Options() with { Tuning = SmallParts }))
        {
            using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
            var context = session.Context();
            await run1.BeginAsync(context, Cancel);
            await run1.PublishAsync(context, photo, Cancel);
            run1.Uploader!.PartUploaded += (_, part) =>
            {
                if (part == 2)
                {
                    interrupt.Cancel(); // SIGTERM, card pulled, power cut...
                }
            };
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
                run1.CompleteAsync(context, TestSession.Final(context), interrupt.Token));
            Assert.Null(await swift.GetBytesAsync(session.Bucket, session.Prefix + "share.zip"));
        }

        using var run2 = session.Publisher(session.Options() with { Tuning = SmallParts });
        var context2 = session.Context();
        await run2.BeginAsync(context2, Cancel);
        await run2.PublishAsync(context2, photo, Cancel); // replayed: already in the bucket
        await run2.CompleteAsync(context2, TestSession.Final(context2), Cancel);

        await session.AssertInBucketAsync(photo);
        Assert.Equal(2, run2.Statistics!.PartsReused);
        Assert.Equal(1, run2.Statistics.PartsUploaded);
        Assert.Equal([session.Prefix + "share.zip"], run2.Statistics.UploadedKeys);
        Assert.Equal(zip, await swift.GetBytesAsync(session.Bucket, session.Prefix + "share.zip"));
    }

    [Fact]
    public async Task Server_down_between_photos_leaves_the_rest_pending_and_the_next_run_finishes_it()
    {
        await using var server = await S3rverServer.StartNewAsync(Cancel);
        await using var session = new TestSession(server, await server.CreateBucketAsync("down"));
        var first = session.AddPhoto();
        var second = session.AddPhoto();

        using (var run1 = session.Publisher(session.Options(attempts: 3)))
        {
            var context = session.Context(expected: 2);
            await run1.BeginAsync(context, Cancel);
            await run1.PublishAsync(context, first, Cancel);
            session.Database.MarkPublished(session.SessionId, first.Key);
            await server.StopAsync();

            var error = await Assert.ThrowsAsync<PublishException>(() => run1.PublishAsync(context, second, Cancel));
            Assert.Contains("could not be reached", error.Message, StringComparison.Ordinal);
            await Assert.ThrowsAsync<PublishException>(() => run1.CompleteAsync(context, new PublishCompletion(false, context.ReadyEntries()), Cancel));
        }

        await server.StartAsync(Cancel);
        using var run2 = session.Publisher();
        var context2 = session.Context(expected: 2);
        await run2.BeginAsync(context2, Cancel);
        await run2.PublishAsync(context2, second, Cancel);
        await run2.CompleteAsync(context2, TestSession.Final(context2), Cancel);

        Assert.Equal(second.Variants.Select(v => session.Prefix + Sessions.SessionLayout.ObjectKeyFor(v.Path)).Order(), run2.Statistics!.UploadedKeys.Order());
        foreach (var variant in first.Variants.Concat(second.Variants))
        {
            Assert.Equal(session.LocalBytes(variant.Path), await server.GetBytesAsync(session.Bucket, session.Prefix + Sessions.SessionLayout.ObjectKeyFor(variant.Path)));
        }

        var manifest = await session.BucketManifestAsync();
        Assert.True(manifest.Complete);
        Assert.Equal([first.Key, second.Key], manifest.Items.Select(i => i.Id));
    }
}

/// <summary>
/// Long fault injection, behind GRTEST_TORTURE=1: many photos from 8 concurrent uploaders while the server is
/// killed and restarted again and again. Everything must end up in the bucket, exactly, with a complete manifest.
/// </summary>
public sealed class FaultTortureTests
{
    [Fact]
    public async Task Many_concurrent_uploads_survive_repeated_server_kills()
    {
        Assert.SkipUnless(Environment.GetEnvironmentVariable("GRTEST_TORTURE") == "1", "set GRTEST_TORTURE=1 to run");
        var cancel = TestContext.Current.CancellationToken;
        await using var server = await S3rverServer.StartNewAsync(cancel);
        await using var session = new TestSession(server, await server.CreateBucketAsync("torture"), tweak: s => s.UploadWorkers = 8);
        var restart = new SemaphoreSlim(1, 1);
        var options = session.Options(attempts: 12, delay: async (_, ct) =>
        {
            // Whoever waits first brings the server back; the others just retry.
            await restart.WaitAsync(ct);
            try
            {
                if (!server.IsRunning)
                {
                    await server.StartAsync(ct);
                }
            }
            finally
            {
                restart.Release();
            }
        });
        var (publisher, context) = await session.BeginAsync(options, expected: 200);
        var entries = Enumerable.Range(0, 200).Select(_ => session.AddPhoto()).ToArray();
        var published = 0;
        await Parallel.ForEachAsync(entries, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancel }, async (entry, ct) =>
        {
            await publisher.PublishAsync(context, entry, ct);
            if (Interlocked.Increment(ref published) % 50 == 0)
            {
                await restart.WaitAsync(ct);
                try
                {
                    await server.StopAsync(); // killed under load
                }
                finally
                {
                    restart.Release();
                }
            }
        });
        if (!server.IsRunning)
        {
            await server.StartAsync(cancel);
        }

        await publisher.CompleteAsync(context, TestSession.Final(context), cancel);
        await session.AssertInBucketAsync(entries);
        var manifest = await session.BucketManifestAsync();
        Assert.True(manifest.Complete);
        Assert.Equal(200, manifest.Items.Count);
    }
}
