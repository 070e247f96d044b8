using System.Text.RegularExpressions;
using GhostRoll.TestSupport;
using GhostRoll.TestSupport.S3;

namespace GhostRoll.Integration.Tests.Reliability;

/// <summary>
/// Two network faults a photographer meets in the field and cannot see: an appliance whose clock is wrong (a Pi has
/// no battery-backed clock; before NTP answers it can be minutes off) and an S3 endpoint whose name does not resolve
/// (no DNS yet, or a typo). The real binary runs against a SigV4-verifying S3 server (OpenStack Swift), which refuses
/// requests signed more than 15 minutes away from its own clock.
/// </summary>
public sealed partial class ClockAndNameResolutionTests
{
    /// <summary>libfaketime from Debian: shifts what the process reads as the time of day, nothing else.</summary>
    private static readonly string FakeTimeLibrary = Path.Combine("/usr/lib", $"{(System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture == System.Runtime.InteropServices.Architecture.Arm64 ? "aarch64" : "x86_64")}-linux-gnu", "faketime", "libfaketime.so.1");

    [Fact]
    public async Task An_appliance_clock_20_minutes_fast_still_publishes_a_gallery_whose_links_work()
    {
        Assert.True(File.Exists(FakeTimeLibrary), $"{FakeTimeLibrary} is missing: apt-get install faketime");
        var ct = TestContext.Current.CancellationToken;
        await using var swift = await SwiftS3Server.StartNewAsync(ct);
        var bucket = await swift.CreateBucketAsync("skewed");
        using var temp = new TempDirectory("skew");
        var ghostroll = new GhostRollProcess(temp.Combine("home")).PublishingTo(swift, bucket);
        ghostroll.Environment["LD_PRELOAD"] = FakeTimeLibrary;
        ghostroll.Environment["FAKETIME"] = "+20m";
        ghostroll.Environment["FAKETIME_DONT_FAKE_MONOTONIC"] = "1"; // timeouts and backoff keep real time, as on a Pi

        var run = await ghostroll.RunAsync("run", TestCards.WithUniqueCopies(temp.Combine("card"), 4));

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        var sessionDir = SessionDirLine().Match(run.Stdout).Groups[1].Value.Trim();
        // The binary really lived 20 minutes ahead (its session is named after its clock), beyond the server's 15.
        var started = DateTime.ParseExact(Path.GetFileName(sessionDir)[6..23], "yyyy-MM-dd_HHmmss", System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(started - DateTime.Now, TimeSpan.FromMinutes(16), TimeSpan.FromMinutes(24));
        var keys = await swift.ListKeysAsync(bucket, $"sessions/{Path.GetFileName(sessionDir)}/");
        Assert.Equal(4, keys.Count(k => k.Contains("/share/", StringComparison.Ordinal)));
        // The link was signed with the corrected time: it opens now, on a phone whose clock is right.
        var link = File.ReadAllText(Path.Combine(sessionDir, "share.txt")).Trim();
        using var http = new HttpClient();
        using var page = await http.GetAsync(new Uri(link), ct);
        Assert.True(page.IsSuccessStatusCode, $"{(int)page.StatusCode} {await page.Content.ReadAsStringAsync(ct)}");
    }

    [Fact]
    public async Task An_endpoint_name_that_does_not_resolve_is_reported_once_and_publish_finishes_once_it_is_fixed()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var swift = await SwiftS3Server.StartNewAsync(ct);
        var bucket = await swift.CreateBucketAsync("nodns");
        using var temp = new TempDirectory("nodns");
        // .invalid never resolves (RFC 2606), on any network.
        var ghostroll = new GhostRollProcess(temp.Combine("home")).PublishingTo(swift, bucket, $"http://s3.ghostroll-test.invalid:{new Uri(swift.Endpoint).Port}");

        var offline = await ghostroll.RunAsync("run", TestCards.WithUniqueCopies(temp.Combine("card"), 4));

        Assert.True(offline.ExitCode == 3, offline.Stdout + offline.Stderr); // imported, publishing left for later
        Assert.Contains("publish  pending", offline.Stdout, StringComparison.Ordinal);
        // The bounded retries of the first request say so as they go; beyond those, one message says what failed and
        // what to check, not one per file.
        var problems = offline.Stderr.Split('\n')
            .Where(l => (l.Contains(" WARN ", StringComparison.Ordinal) || l.Contains(" ERROR ", StringComparison.Ordinal)) && !l.Contains("retrying in", StringComparison.Ordinal))
            .ToList();
        var problem = Assert.Single(problems);
        Assert.Contains("s3.ghostroll-test.invalid", problem, StringComparison.Ordinal);
        Assert.Contains("GHOSTROLL_S3_ENDPOINT", problem, StringComparison.Ordinal);
        Assert.True(offline.Stderr.Split('\n').Count(l => l.Contains("retrying in", StringComparison.Ordinal)) <= 6, offline.Stderr);

        ghostroll.Environment["GHOSTROLL_S3_ENDPOINT"] = swift.Endpoint; // the user fixes the setting (or DNS comes up)
        var publish = await ghostroll.RunAsync("publish");

        Assert.True(publish.ExitCode == 0, publish.Stdout + publish.Stderr);
        var sessionDir = SessionDirLine().Match(offline.Stdout).Groups[1].Value.Trim();
        var keys = await swift.ListKeysAsync(bucket, $"sessions/{Path.GetFileName(sessionDir)}/");
        Assert.Equal(4, keys.Count(k => k.Contains("/share/", StringComparison.Ordinal)));
    }

    [GeneratedRegex(@"folder\s+(.+)")]
    private static partial Regex SessionDirLine();
}
