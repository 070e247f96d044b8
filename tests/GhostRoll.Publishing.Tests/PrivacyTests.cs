using Amazon.Runtime;
using GhostRoll.Publishing.S3;
using GhostRoll.Publishing.Tests.Support;
using GhostRoll.Sessions;

namespace GhostRoll.Publishing.Tests;

/// <summary>
/// Against Swift, which verifies SigV4: the bucket is private and only an intact, unexpired presigned link opens
/// an object. (Swift answers an unsigned GET with 400 from its own API; AWS would say 403: both return no object.)
/// </summary>
public sealed class PrivacyTests(LoopbackServers servers)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Only_an_intact_unexpired_presigned_link_returns_the_photo()
    {
        var swift = await servers.SwiftAsync();
        await using var session = new TestSession(swift, await swift.CreateBucketAsync("private"));
        var (publisher, context) = await session.BeginAsync();
        var entry = session.AddPhoto();
        await publisher.PublishAsync(context, entry, Cancel);
        var bytes = session.LocalBytes(entry.Share!.Path);
        var key = session.Prefix + SessionLayout.ObjectKeyFor(entry.Share.Path);
        using var connection = S3Connection.Create(session.Settings, new BasicAWSCredentials(swift.AccessKey, swift.SecretKey));

        // Valid link: 200 and exactly the bytes.
        var url = new LinkSigner(connection, DateTime.UtcNow.AddHours(1)).Sign(key);
        var valid = await Browserless.GetAsync(url);
        Assert.Equal(200, valid.Status);
        Assert.Equal(bytes, valid.Body);

        // No signature at all: the object stays closed (Swift 400 / AWS 403) ...
        var anonymous = await Browserless.GetAsync($"{swift.Endpoint}/{session.Bucket}/{key}");
        Assert.Contains(anonymous.Status, new[] { 400, 401, 403 });
        Assert.False(Contains(anonymous.Body, bytes[..64]), "an unsigned request returned the photo");

        // ... and so do the listings (Swift's own API may answer 412 to them): no key names come back.
        foreach (var listing in new[] { $"{swift.Endpoint}/{session.Bucket}?prefix={session.Prefix}", $"{swift.Endpoint}/{session.Bucket}" })
        {
            var denied = await Browserless.GetAsync(listing);
            Assert.InRange(denied.Status, 400, 499);
            Assert.DoesNotContain("100TEST", System.Text.Encoding.UTF8.GetString(denied.Body), StringComparison.Ordinal);
        }

        // One character of the signature changed: 403.
        var at = url.IndexOf("X-Amz-Signature=", StringComparison.Ordinal) + "X-Amz-Signature=".Length;
        var tampered = url[..at] + (url[at] == '0' ? '1' : '0') + url[(at + 1)..];
        var forged = await Browserless.GetAsync(tampered);
        Assert.Equal(403, forged.Status);
        Assert.False(Contains(forged.Body, bytes[..64]));

        // The link for another key cannot be bent to this one.
        var otherKey = session.Prefix + SessionLayout.ObjectKeyFor(entry.Thumb!.Path);
        var bent = new LinkSigner(connection, DateTime.UtcNow.AddHours(1)).Sign(otherKey).Replace("thumbs/", "share/", StringComparison.Ordinal);
        Assert.Equal(403, (await Browserless.GetAsync(bent)).Status);
    }

    [Fact]
    public async Task An_expired_link_is_refused()
    {
        var swift = await servers.SwiftAsync();
        await using var session = new TestSession(swift, await swift.CreateBucketAsync("expired"));
        var (publisher, context) = await session.BeginAsync();
        using var connection = S3Connection.Create(session.Settings, new BasicAWSCredentials(swift.AccessKey, swift.SecretKey));
        var url = new LinkSigner(connection, DateTime.UtcNow.AddSeconds(2)).Sign(session.Prefix + "index.html");
        Assert.Equal(200, (await Browserless.GetAsync(url)).Status);

        await Task.Delay(TimeSpan.FromSeconds(3.5), Cancel); // let it expire (waiting, not measuring)

        var expired = await Browserless.GetAsync(url);
        Assert.Equal(403, expired.Status);
        Assert.Contains("expired", System.Text.Encoding.UTF8.GetString(expired.Body), StringComparison.OrdinalIgnoreCase);
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
