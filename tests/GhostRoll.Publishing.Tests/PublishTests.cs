using GhostRoll.Media;
using GhostRoll.Pipeline;
using GhostRoll.Publishing.Tests.Support;
using GhostRoll.Sessions;

namespace GhostRoll.Publishing.Tests;

/// <summary>Upload-as-ready, the progressive manifest, enhanced links, clips, share.zip: against both real servers.</summary>
public sealed class PublishTests(LoopbackServers servers)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("swift")]
    [InlineData("s3rver")]
    public async Task Published_entries_are_in_the_bucket_byte_for_byte_and_listed_with_working_links(string kind)
    {
        var server = await servers.GetAsync(kind);
        await using var session = new TestSession(server, await server.CreateBucketAsync("publish"));
        var (publisher, context) = await session.BeginAsync(expected: 3);
        var entries = new[] { session.AddPhoto(), session.AddPhoto(), session.AddPhoto() };

        // Concurrently, as UPLOAD_WORKERS would.
        await Task.WhenAll(entries.Select(e => publisher.PublishAsync(context, e, Cancel)));
        var zip = session.WriteShareZip();
        await publisher.CompleteAsync(context, TestSession.Final(context), Cancel);

        foreach (var variant in entries.SelectMany(e => e.Variants))
        {
            var key = session.Prefix + SessionLayout.ObjectKeyFor(variant.Path);
            Assert.Equal(session.LocalBytes(variant.Path), await server.GetBytesAsync(session.Bucket, key));
        }

        Assert.Equal(zip, await server.GetBytesAsync(session.Bucket, session.Prefix + "share.zip"));

        // The layout of the original tool, nothing else.
        var keys = await server.ListKeysAsync(session.Bucket, session.Prefix);
        Assert.All(keys, k => Assert.Matches(@"/(index\.html|manifest\.json|share\.zip|share/100TEST/IMG_\d{4}\.jpg|thumbs/100TEST/IMG_\d{4}\.jpg)$", k));
        Assert.Equal(3 + 6, keys.Count);

        // What the page sees: a complete manifest in gallery order whose links fetch exactly our bytes.
        var manifest = await session.BucketManifestAsync();
        Assert.True(manifest.Complete);
        Assert.Equal(entries.Select(e => e.Key), manifest.Items.Select(i => i.Id));
        var first = manifest.Items[0];
        Assert.Equal("2020-02-18T08:55:01", first.Taken);
        Assert.Equal("Canon EOS RP", first.Camera);
        var share = await Browserless.GetAsync(first.Share!.Url);
        Assert.Equal(200, share.Status);
        Assert.Equal(session.LocalBytes(entries[0].Share!.Path), share.Body);
        Assert.Equal("image/jpeg", share.ContentType);
        Assert.Equal(session.LocalBytes(entries[0].Thumb!.Path), (await Browserless.GetAsync(first.Thumb!.Url)).Body);
        Assert.Equal(zip, (await Browserless.GetAsync(manifest.DownloadAll!.Url)).Body);
        Assert.Equal(zip.Length, manifest.DownloadAll.Bytes);
        Assert.Equal(3, session.Status.Current.Counts.UploadedDone);
        Assert.Equal(3, session.Status.Current.Counts.UploadedTotal);
    }

    [Fact]
    public async Task Awscli_sees_the_objects_private_with_content_type_and_cache_control()
    {
        var swift = await servers.SwiftAsync();
        await using var session = new TestSession(swift, await swift.CreateBucketAsync("awscli"));
        var (publisher, context) = await session.BeginAsync();
        var entry = session.AddPhoto();
        await publisher.PublishAsync(context, entry, Cancel);

        var key = session.Prefix + SessionLayout.ObjectKeyFor(entry.Share!.Path);
        var head = await swift.AwsCliAsync("s3api", "head-object", "--bucket", session.Bucket, "--key", key);
        Assert.True(head.ExitCode == 0, head.Stderr);
        Assert.Contains("\"ContentType\": \"image/jpeg\"", head.Stdout, StringComparison.Ordinal);
        Assert.Contains("immutable", head.Stdout, StringComparison.Ordinal);
        var index = await swift.AwsCliAsync("s3api", "head-object", "--bucket", session.Bucket, "--key", session.Prefix + "index.html");
        Assert.Contains("\"CacheControl\": \"private, no-cache\"", index.Stdout, StringComparison.Ordinal);

        var copy = Path.Combine(session.Layout.Root, "awscli-copy.jpg");
        var get = await swift.AwsCliAsync("s3", "cp", $"s3://{session.Bucket}/{key}", copy);
        Assert.True(get.ExitCode == 0, get.Stderr);
        Assert.Equal(session.LocalBytes(entry.Share.Path), File.ReadAllBytes(copy));

        // No grant beyond the owner: the bucket default, never a public ACL.
        var acl = await swift.AwsCliAsync("s3api", "get-object-acl", "--bucket", session.Bucket, "--key", key);
        Assert.True(acl.ExitCode == 0, acl.Stderr);
        Assert.DoesNotContain("AllUsers", acl.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("AuthenticatedUsers", acl.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Manifest_grows_as_photos_land_and_is_final_only_at_the_end()
    {
        // Swift: its PUTs replace objects atomically, as S3 does (s3rver lets a GET read a half-written overwrite).
        var server = await servers.SwiftAsync();
        await using var session = new TestSession(server, await server.CreateBucketAsync("progressive"));
        var (publisher, context) = await session.BeginAsync(expected: 3);
        var manifestUrl = publisher.ManifestUrl!;

        for (var n = 1; n <= 3; n++)
        {
            await publisher.PublishAsync(context, session.AddPhoto(), Cancel);
            var seen = await Browserless.PollManifestAsync(manifestUrl, m => m.Items.Count == n);
            Assert.False(seen.Complete);
            Assert.Equal(3, seen.Expected);
        }

        await publisher.CompleteAsync(context, TestSession.Final(context), Cancel);
        var final = await Browserless.PollManifestAsync(manifestUrl, m => m.Complete);
        Assert.Equal(3, final.Items.Count);
        await session.AssertInBucketAsync([.. context.ReadyEntries()]);
    }

    [Fact]
    public async Task Manifest_updates_are_rate_limited_while_photos_land()
    {
        var server = await servers.S3rverAsync();
        await using var session = new TestSession(server, await server.CreateBucketAsync("ratelimit"));
        var (publisher, context) = await session.BeginAsync(session.Options() with { ManifestInterval = TimeSpan.FromHours(1) });

        var entries = Enumerable.Range(0, 8).Select(_ => session.AddPhoto()).ToArray();
        foreach (var entry in entries)
        {
            await publisher.PublishAsync(context, entry, Cancel);
        }

        // One interim update may start at once; the rest wait for the interval (an hour here) and collapse.
        Assert.InRange(publisher.ManifestUpdates, 0, 1);
        await publisher.CompleteAsync(context, TestSession.Final(context), Cancel);
        var manifest = await session.BucketManifestAsync();
        Assert.True(manifest.Complete);
        Assert.Equal(8, manifest.Items.Count);
        await session.AssertInBucketAsync(entries);
    }

    [Fact]
    public async Task Enhanced_links_are_signed_up_front_and_work_once_the_enhancer_writes_the_object()
    {
        var swift = await servers.SwiftAsync();
        await using var session = new TestSession(swift, await swift.CreateBucketAsync("enhanced"));
        var (publisher, context) = await session.BeginAsync();
        var entry = session.AddPhoto();
        await publisher.PublishAsync(context, entry, Cancel);
        await publisher.CompleteAsync(context, TestSession.Final(context), Cancel);
        var item = (await session.BucketManifestAsync()).Items.Single();

        await session.AssertInBucketAsync(entry);
        Assert.Contains($"/{session.Prefix}enhanced/{entry.Key}.jpg?", item.Enhanced, StringComparison.Ordinal);
        Assert.NotEqual(200, (await Browserless.GetAsync(item.Enhanced!)).Status); // not made yet

        // Minutes later the Lambda (or a local enhancer) writes it: the same link now shows it.
        var enhanced = "enhanced-bytes"u8.ToArray();
        using (var client = swift.CreateClient())
        {
            await client.PutObjectAsync(new Amazon.S3.Model.PutObjectRequest
            {
                BucketName = session.Bucket, Key = $"{session.Prefix}enhanced/{entry.Key}.jpg", InputStream = new MemoryStream(enhanced), UseChunkEncoding = false,
            }, Cancel);
        }

        var fetched = await Browserless.GetAsync(item.Enhanced!);
        Assert.Equal(200, fetched.Status);
        Assert.Equal(enhanced, fetched.Body);
    }

    [Theory]
    [InlineData(1024L * 1024 * 1024, true)]
    [InlineData(1024L, false)]
    [InlineData(0L, false)]
    public async Task Clips_are_uploaded_up_to_the_size_limit(long limitBytes, bool uploaded)
    {
        var server = await servers.S3rverAsync();
        await using var session = new TestSession(server, await server.CreateBucketAsync("clip"), tweak: s => s.VideoUploadMaxBytes = limitBytes);
        var (publisher, context) = await session.BeginAsync();
        var clip = session.AddClip();
        await publisher.PublishAsync(context, clip, Cancel);
        await publisher.CompleteAsync(context, TestSession.Final(context), Cancel);

        var item = (await session.BucketManifestAsync()).Items.Single();
        Assert.Equal("video", item.Kind);
        Assert.Null(item.Enhanced);
        Assert.NotNull(item.Thumb);
        var key = session.Prefix + "originals/DCIM/100CANON/MVI_0121.AVI";
        if (uploaded)
        {
            var fetched = await Browserless.GetAsync(item.Video!.Url);
            // What is published is the clip without its metadata (ClipPrivacyTests), byte for byte: the remux is
            // bit-exact, so scrubbing the local original again gives exactly the uploaded bytes.
            using var temp = new GhostRoll.TestSupport.TempDirectory("clip-expected");
            using var expected = await new Clips.ClipScrubber().ScrubAsync(session.Layout.FullPath(clip.VideoPath!), temp.Path, Cancel);
            Assert.True(expected.Path is not null, expected.Reason);
            Assert.Equal(await File.ReadAllBytesAsync(expected.Path, Cancel), fetched.Body);
            Assert.Equal("video/x-msvideo", fetched.ContentType);
        }
        else
        {
            Assert.Null(item.Video);
            Assert.Null(await server.GetBytesAsync(session.Bucket, key));
        }
    }

    [Fact]
    public async Task Nothing_is_uploaded_twice_and_changed_content_is_uploaded_again()
    {
        var server = await servers.S3rverAsync();
        await using var session = new TestSession(server, await server.CreateBucketAsync("idempotent"));
        var entries = new[] { session.AddPhoto(), session.AddPhoto() };
        using (var run1 = session.Publisher())
        {
            var context = session.Context();
            await run1.BeginAsync(context, Cancel);
            foreach (var e in entries)
            {
                await run1.PublishAsync(context, e, Cancel);
                await run1.PublishAsync(context, e, Cancel); // a replay after a crash
            }

            Assert.Equal(4, run1.Statistics!.ObjectsUploaded);
            Assert.Equal(4, run1.Statistics.Skipped);
        }

        // The share image of the second entry is re-derived with different bytes.
        File.AppendAllText(session.Layout.FullPath(entries[1].Share!.Path), "re-derived");
        using var run2 = session.Publisher();
        var context2 = session.Context();
        await run2.BeginAsync(context2, Cancel);
        foreach (var e in entries)
        {
            await run2.PublishAsync(context2, e, Cancel);
        }

        var shareKey = session.Prefix + SessionLayout.ObjectKeyFor(entries[1].Share!.Path);
        Assert.Equal([shareKey], run2.Statistics!.UploadedKeys);
        await session.AssertInBucketAsync(entries);
    }

    [Fact]
    public async Task A_resumed_run_lists_what_earlier_runs_uploaded_from_its_first_manifest()
    {
        var server = await servers.S3rverAsync();
        await using var session = new TestSession(server, await server.CreateBucketAsync("resume-manifest"));
        var first = session.AddPhoto();
        using (var run1 = session.Publisher())
        {
            var context = session.Context();
            await run1.BeginAsync(context, Cancel);
            await run1.PublishAsync(context, first, Cancel);
        }

        session.Database.MarkPublished(session.SessionId, first.Key);
        session.AddPhoto(); // derived, not yet uploaded
        using var run2 = session.Publisher();
        await run2.BeginAsync(session.Context(expected: 2), Cancel);

        var manifest = await session.BucketManifestAsync();
        Assert.Equal([first.Key], manifest.Items.Select(i => i.Id));
        Assert.Equal(2, manifest.Expected);
        await session.AssertInBucketAsync(first);
    }

    [Fact]
    public async Task Missing_derivative_leaves_the_entry_unpublished_with_a_clear_reason()
    {
        var server = await servers.S3rverAsync();
        await using var session = new TestSession(server, await server.CreateBucketAsync("missing"));
        var (publisher, context) = await session.BeginAsync();
        var entry = session.AddPhoto();
        File.Delete(session.Layout.FullPath(entry.Thumb!.Path));

        var error = await Assert.ThrowsAsync<PublishException>(() => publisher.PublishAsync(context, entry, Cancel));
        Assert.Contains("missing locally", error.Message, StringComparison.Ordinal);
        await publisher.CompleteAsync(context, TestSession.Final(context), Cancel);
        var manifest = await session.BucketManifestAsync();
        Assert.Empty(manifest.Items);
        Assert.False(manifest.Complete, "a session with an unpublished entry is not complete");
    }
}
