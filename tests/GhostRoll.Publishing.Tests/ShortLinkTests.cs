using Amazon.Runtime;
using GhostRoll.Pipeline;
using GhostRoll.Publishing.S3;
using GhostRoll.Publishing.ShareLink;
using GhostRoll.Publishing.Tests.Support;

namespace GhostRoll.Publishing.Tests;

/// <summary>
/// The appliance's half of short links (GHOSTROLL_LINK_SERVICE_URL): the early link becomes a short link whose
/// record is in the bucket before anyone sees it, and <c>ghostroll share</c> changes that record. The service that
/// answers the link reads only that record (lambda/, tested in GhostRoll.Links.Tests).
/// </summary>
public sealed class ShortLinkTests(LoopbackServers servers)
{
    private const string Service = "http://127.0.0.1:8080";

    [Fact]
    public async Task With_a_link_service_share_txt_holds_a_short_scannable_link_whose_record_is_in_the_bucket()
    {
        var swift = await servers.SwiftAsync();
        await using var session = new TestSession(swift, await swift.CreateBucketAsync("short"), tweak: s => s.LinkServiceUrl = Service);
        var before = DateTimeOffset.UtcNow;
        var (publisher, _) = await session.BeginAsync();

        var link = File.ReadAllText(session.Layout.ShareTxt).Trim();
        Assert.Equal(publisher.ShareUrl, link);
        Assert.True(link.Length <= 60, $"{link.Length} characters");
        Assert.StartsWith("HTTP://127.0.0.1:8080/", link, StringComparison.Ordinal); // scheme upper case: QR alphanumeric mode
        Assert.True(ShortLink.IsAlphanumeric(link));
        Assert.Equal(link, await ZbarImg.DecodeAsync(session.Layout.ShareQrPng));
        Assert.Equal(link, session.StatusSink.Written.Last(s => s.Url is not null).Url);
        Assert.Equal(link, session.Database.GetSession(session.SessionId)!.ShareUrl);

        // The record the service will read: this session's prefix, and the default lifetime of 30 days.
        var code = ShortLink.CodeOf(link)!;
        var record = LinkRecord.FromJson(await swift.GetBytesAsync(session.Bucket, LinkRecord.KeyFor(code)))!;
        Assert.Equal(session.SessionId, record.SessionId);
        Assert.Equal(session.Prefix, record.SessionPrefix);
        Assert.Equal(LinkState.Active, record.StateAt(DateTimeOffset.UtcNow));
        Assert.InRange(record.ExpiresUtc!.Value, before.AddDays(30), DateTimeOffset.UtcNow.AddDays(30));

        // The presigned link still works without the service, from the session folder.
        var presigned = File.ReadAllText(session.Layout.SharePresignedTxt).Trim();
        Assert.Equal(publisher.PresignedUrl, presigned);
        Assert.Equal(200, (await Browserless.GetAsync(presigned)).Status);

        // The code opens the gallery: it never reaches the log.
        var log = session.LogText.ToString();
        Assert.Contains("Share link ready", log, StringComparison.Ordinal);
        Assert.DoesNotContain(code, log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_resumed_session_keeps_its_short_link_until_it_is_revoked()
    {
        var swift = await servers.SwiftAsync();
        await using var session = new TestSession(swift, await swift.CreateBucketAsync("resume"), tweak: s => s.LinkServiceUrl = Service);
        var (first, _) = await session.BeginAsync();
        var (second, _) = await session.BeginAsync();
        Assert.Equal(first.ShareUrl, second.ShareUrl);

        using var connection = Connect(session);
        await Links(session, connection).RevokeAsync(session.SessionId, TestContext.Current.CancellationToken);
        var (third, _) = await session.BeginAsync();
        Assert.NotEqual(first.ShareUrl, third.ShareUrl);
        Assert.NotEqual(ShortLink.CodeOf(first.ShareUrl!), ShortLink.CodeOf(third.ShareUrl!));
    }

    [Fact]
    public async Task Share_changes_the_expiry_revokes_and_renews_through_the_record()
    {
        var swift = await servers.SwiftAsync();
        await using var session = new TestSession(swift, await swift.CreateBucketAsync("manage"), tweak: s => s.LinkServiceUrl = Service);
        var (publisher, _) = await session.BeginAsync();
        var old = publisher.ShareUrl!;
        using var connection = Connect(session);
        var links = Links(session, connection);
        var ct = TestContext.Current.CancellationToken;

        var forever = await links.SetExpiryAsync(session.SessionId, null, ct);
        Assert.Null((await StoredAsync(swift, session, old)).ExpiresUtc);
        Assert.Equal(LinkState.Active, forever.State);

        var week = DateTimeOffset.UtcNow.AddDays(7);
        await links.SetExpiryAsync(session.SessionId, week, ct);
        Assert.Equal(week, (await StoredAsync(swift, session, old)).ExpiresUtc!.Value, TimeSpan.FromSeconds(1));

        var revoked = await links.RevokeAsync(session.SessionId, ct);
        Assert.Equal(LinkState.Revoked, revoked.State);
        Assert.Equal(LinkState.Revoked, (await StoredAsync(swift, session, old)).StateAt(DateTimeOffset.UtcNow));
        var refused = await Assert.ThrowsAsync<PublishException>(() => links.SetExpiryAsync(session.SessionId, null, ct));
        Assert.Contains("--renew", refused.Message, StringComparison.Ordinal);

        var renewed = await links.RenewAsync(session.SessionId, null, keepDefault: true, ct);
        Assert.NotEqual(old, renewed.Url);
        Assert.Equal(LinkState.Active, renewed.State);
        Assert.Equal(renewed.Url, File.ReadAllText(session.Layout.ShareTxt).Trim());
        Assert.Equal(renewed.Url, await ZbarImg.DecodeAsync(session.Layout.ShareQrPng));
        Assert.Equal(renewed.Url, session.Database.GetSession(session.SessionId)!.ShareUrl);
        Assert.Equal(session.Prefix, (await StoredAsync(swift, session, renewed.Url)).SessionPrefix);
        Assert.Equal(LinkState.Revoked, (await StoredAsync(swift, session, old)).StateAt(DateTimeOffset.UtcNow));
        Assert.Equal(renewed.Url, (await links.DescribeAsync(session.SessionId, ct)).Url);
    }

    [Fact]
    public async Task Without_a_link_service_the_presigned_link_is_shown_and_cannot_be_revoked()
    {
        var swift = await servers.SwiftAsync();
        await using var session = new TestSession(swift, await swift.CreateBucketAsync("plain"));
        var (publisher, _) = await session.BeginAsync();
        using var connection = Connect(session);
        var links = Links(session, connection);

        var info = await links.DescribeAsync(session.SessionId, TestContext.Current.CancellationToken);
        Assert.Equal(publisher.ShareUrl, info.Url);
        Assert.Null(info.Record);
        Assert.Equal(PresignExpiry.ExpiryOf(info.Url), info.Expires!.Value.UtcDateTime);
        var refused = await Assert.ThrowsAsync<PublishException>(() => links.RevokeAsync(session.SessionId, TestContext.Current.CancellationToken));
        Assert.Contains("GHOSTROLL_LINK_SERVICE_URL", refused.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(session.Layout.SharePresignedTxt));
    }

    [Theory]
    [InlineData("30d", 30 * 24 * 60)]
    [InlineData("12h", 12 * 60)]
    [InlineData("90m", 90)]
    [InlineData("2w", 14 * 24 * 60)]
    [InlineData("never", null)]
    [InlineData("NEVER", null)]
    public void Lifetimes_read_as_people_write_them(string text, int? minutes)
    {
        Assert.True(ShareLinks.TryParseLifetime(text, out var lifetime));
        Assert.Equal(minutes, (int?)lifetime?.TotalMinutes);
    }

    [Theory]
    [InlineData("")]
    [InlineData("30")]
    [InlineData("d")]
    [InlineData("-3d")]
    [InlineData("0d")]
    [InlineData("3y")]
    [InlineData("99999999d")]
    public void Lifetimes_that_mean_nothing_are_refused(string text) =>
        Assert.False(ShareLinks.TryParseLifetime(text, out _));

    [Fact]
    public void Codes_are_random_base32_and_the_link_keeps_a_path_prefix()
    {
        var codes = Enumerable.Range(0, 1000).Select(_ => LinkCode.New()).ToList();
        Assert.All(codes, c => Assert.True(LinkCode.IsWellFormed(c)));
        Assert.Equal(codes.Count, codes.Distinct().Count());
        // Every character of the alphabet turns up, in every position (no structure an attacker could use).
        Assert.Equal(32, codes.SelectMany(c => c).Distinct().Count());

        Assert.Equal("HTTPS://G.EXAMPLE.COM/S/" + codes[0], ShortLink.Compose(new Uri("https://g.example.com/S"), codes[0]));
        Assert.Equal("https://g.example.com/s/" + codes[0], ShortLink.Compose(new Uri("https://g.example.com/s/"), codes[0])); // lower-case path: kept
        Assert.Equal(codes[0], ShortLink.CodeOf(ShortLink.Compose(new Uri("http://10.0.0.2:8080"), codes[0])));
    }

    private static S3Connection Connect(TestSession session) =>
        S3Connection.Create(session.Settings, new BasicAWSCredentials(session.Server.AccessKey, session.Server.SecretKey));

    private static ShareLinks Links(TestSession session, S3Connection connection) =>
        new(session.Settings, session.Database, connection, new S3RetryPolicy { MaxAttempts = 1 }, TimeProvider.System);

    private static async Task<LinkRecord> StoredAsync(GhostRoll.TestSupport.S3.LoopbackS3Server server, TestSession session, string link) =>
        LinkRecord.FromJson(await server.GetBytesAsync(session.Bucket, LinkRecord.KeyFor(ShortLink.CodeOf(link)!)))
        ?? throw new InvalidOperationException($"no record for {link}");
}
