using Amazon.Runtime;
using GhostRoll.Configuration;
using GhostRoll.Doctor;
using GhostRoll.Publishing.Doctor;
using GhostRoll.Publishing.Tests.Support;
using GhostRoll.TestSupport.S3;

namespace GhostRoll.Publishing.Tests;

/// <summary>The S3 checks of 'ghostroll doctor', against the real servers.</summary>
public sealed class DoctorTests(LoopbackServers servers)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static GhostRollSettings SettingsFor(LoopbackS3Server server, string bucket) => new()
    {
        S3Bucket = bucket, S3Endpoint = server.Endpoint, S3ForcePathStyle = true, S3Region = server.Region,
    };

    private static DoctorResult Find(IReadOnlyList<DoctorResult> checks, string name) => Assert.Single(checks, c => c.Check == name);

    [Fact]
    public async Task Healthy_private_bucket_passes_and_the_long_link_is_flagged_for_the_panel()
    {
        var swift = await servers.SwiftAsync();
        var bucket = await swift.CreateBucketAsync("doctor");
        var checks = await new S3Doctor(SettingsFor(swift, bucket), new BasicAWSCredentials(swift.AccessKey, swift.SecretKey)).RunAsync(Cancel);

        Assert.DoesNotContain(checks, c => c.Status == DoctorStatus.Fail);
        Assert.Equal(DoctorStatus.Ok, Find(checks, "s3 upload").Status);
        Assert.Equal(DoctorStatus.Ok, Find(checks, "s3 private").Status);
        Assert.Equal(DoctorStatus.Ok, Find(checks, "s3 clock").Status);
        Assert.Equal(DoctorStatus.Ok, Find(checks, "s3 credentials").Status);
        var link = Find(checks, "s3 share link");
        Assert.Equal(DoctorStatus.Warn, link.Status);
        Assert.Contains("1 px per module", link.Message, StringComparison.Ordinal);
        Assert.Empty(await swift.ListKeysAsync(bucket)); // the probe cleaned up after itself
    }

    [Fact]
    public async Task A_link_service_that_does_not_answer_fails_and_the_test_link_is_cleaned_up()
    {
        var swift = await servers.SwiftAsync();
        var bucket = await swift.CreateBucketAsync("doctor-links");
        var settings = SettingsFor(swift, bucket);
        settings.LinkServiceUrl = $"http://127.0.0.1:{LoopbackPorts.Free(1)[0]}";
        var checks = await new S3Doctor(settings, new BasicAWSCredentials(swift.AccessKey, swift.SecretKey)).RunAsync(Cancel);

        var service = Find(checks, "link service");
        Assert.Equal(DoctorStatus.Fail, service.Status);
        Assert.Contains("does not answer", service.Message, StringComparison.Ordinal);
        Assert.Contains("ghostroll-links --listen", service.Advice, StringComparison.Ordinal);
        Assert.DoesNotContain(checks, c => c.Check == "s3 share link"); // short links: the presigned length does not matter
        Assert.Empty(await swift.ListKeysAsync(bucket));
    }

    [Fact]
    public async Task Something_else_at_the_link_service_url_fails_with_what_to_check()
    {
        // The bucket's own endpoint is an HTTP server that is not a link service: it does not answer 200 for the code.
        var swift = await servers.SwiftAsync();
        var bucket = await swift.CreateBucketAsync("doctor-other");
        var settings = SettingsFor(swift, bucket);
        settings.LinkServiceUrl = swift.Endpoint;
        var checks = await new S3Doctor(settings, new BasicAWSCredentials(swift.AccessKey, swift.SecretKey)).RunAsync(Cancel);

        var service = Find(checks, "link service");
        Assert.Equal(DoctorStatus.Fail, service.Status);
        Assert.Contains("for a test link", service.Message, StringComparison.Ordinal);
        Assert.Contains("GHOSTROLL_LINK_SERVICE_URL", service.Advice, StringComparison.Ordinal);
        Assert.Empty(await swift.ListKeysAsync(bucket));
    }

    [Fact]
    public async Task Wrong_secret_fails_with_what_to_check()
    {
        var swift = await servers.SwiftAsync();
        var bucket = await swift.CreateBucketAsync("doctor-secret");
        var checks = await new S3Doctor(SettingsFor(swift, bucket), new BasicAWSCredentials(swift.AccessKey, "not-the-secret")).RunAsync(Cancel);

        var upload = Find(checks, "s3 upload");
        Assert.Equal(DoctorStatus.Fail, upload.Status);
        Assert.Contains("AWS_SECRET_ACCESS_KEY", upload.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-secret", string.Join('\n', checks), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bucket_anyone_can_read_is_a_failure()
    {
        // s3rver serves anonymous requests: exactly what a misconfigured public bucket does.
        var s3rver = await servers.S3rverAsync();
        var checks = await new S3Doctor(SettingsFor(s3rver, await s3rver.CreateBucketAsync("doctor-public")), new BasicAWSCredentials(s3rver.AccessKey, s3rver.SecretKey)).RunAsync(Cancel);

        var privacy = Find(checks, "s3 private");
        Assert.Equal(DoctorStatus.Fail, privacy.Status);
        Assert.Contains("Block Public Access", privacy.Advice, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Temporary_credentials_are_flagged_because_links_die_with_them()
    {
        var s3rver = await servers.S3rverAsync();
        var checks = await new S3Doctor(SettingsFor(s3rver, await s3rver.CreateBucketAsync("doctor-temp")), new SessionAWSCredentials(s3rver.AccessKey, s3rver.SecretKey, "session-token")).RunAsync(Cancel);

        var temporary = Find(checks, "s3 temporary credentials");
        Assert.Equal(DoctorStatus.Warn, temporary.Status);
        Assert.Contains("stop working", temporary.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreachable_endpoint_fails_the_probe_and_cannot_compare_clocks()
    {
        var port = LoopbackPorts.Free(1)[0];
        var settings = new GhostRollSettings { S3Bucket = "photos", S3Endpoint = $"http://127.0.0.1:{port}", S3ForcePathStyle = true };
        var checks = await new S3Doctor(settings, new BasicAWSCredentials("a", "b")).RunAsync(Cancel);

        Assert.Equal(DoctorStatus.Fail, Find(checks, "s3 upload").Status);
        Assert.Contains("could not be reached", Find(checks, "s3 upload").Message, StringComparison.Ordinal);
        Assert.Equal(DoctorStatus.Warn, Find(checks, "s3 clock").Status);
    }

    [Fact]
    public async Task Local_only_mode_is_fine_and_says_so()
    {
        var checks = await new S3Doctor(new GhostRollSettings()).RunAsync(Cancel);
        var only = Assert.Single(checks);
        Assert.Equal(DoctorStatus.Ok, only.Status);
        Assert.Contains("local-only", only.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lifetime_reports_the_safety_margin_below_the_sigv4_limit()
    {
        var checks = await new S3Doctor(new GhostRollSettings { S3Bucket = "photos", S3Endpoint = $"http://127.0.0.1:{LoopbackPorts.Free(1)[0]}", PresignExpirySeconds = 604800 },
            new BasicAWSCredentials("a", "b")).RunAsync(Cancel);
        var lifetime = Find(checks, "s3 link lifetime");
        Assert.Equal(DoctorStatus.Ok, lifetime.Status);
        Assert.Contains("6 days 23 h 55 min", lifetime.Message, StringComparison.Ordinal);
    }
}
