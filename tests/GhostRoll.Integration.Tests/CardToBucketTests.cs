using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using GhostRoll.Gallery.Manifest;
using GhostRoll.Storage;
using GhostRoll.Integration.Tests.Support;
using GhostRoll.TestSupport;
using GhostRoll.TestSupport.Browser;
using GhostRoll.TestSupport.S3;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GhostRoll.Integration.Tests;

/// <summary>
/// The product promise, end to end: the real binary imports real camera cards into a private bucket on a
/// SigV4-verifying S3 server (OpenStack Swift), the share link works, the bucket stays private, and the gallery
/// behind the link shows every photo in a real browser without any request leaving loopback.
/// </summary>
public sealed partial class CardToBucketTests
{
    [Fact]
    public async Task A_card_becomes_a_private_presigned_gallery_that_opens_in_a_browser()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var swift = await SwiftS3Server.StartNewAsync(ct);
        var bucket = await swift.CreateBucketAsync("gallery");
        using var temp = new TempDirectory("e2e");
        var card = TestCards.FromFixtures(temp.Combine("card"), "basic", "raw", "odd");
        var ghostroll = new GhostRollProcess(temp.Combine("home")).PublishingTo(swift, bucket);

        var run = await ghostroll.RunAsync("run", card);

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        var link = LinkLine().Match(run.Stdout).Groups[1].Value;
        Assert.StartsWith(swift.Endpoint + "/" + bucket + "/sessions/shoot-", link, StringComparison.Ordinal);
        Assert.DoesNotContain(link[(link.IndexOf("X-Amz-Signature=", StringComparison.Ordinal) + 16)..], run.Stderr, StringComparison.Ordinal); // never in the log
        var sessionDir = SessionDirLine().Match(run.Stdout).Groups[1].Value.Trim();
        Assert.Equal(link, File.ReadAllText(Path.Combine(sessionDir, "share.txt")).Trim());
        Assert.Equal(link, ZbarImg.Decode(Path.Combine(sessionDir, "share-qr.png")));

        using var http = new HttpClient();
        var index = await http.GetAsync(new Uri(link), ct);
        Assert.Equal(HttpStatusCode.OK, index.StatusCode);
        var html = await index.Content.ReadAsStringAsync(ct);

        // Private: the same object without a signature gives no bytes.
        var unsigned = await http.GetAsync(new Uri(link[..link.IndexOf('?', StringComparison.Ordinal)]), ct);
        Assert.Contains((int)unsigned.StatusCode, new[] { 400, 401, 403 });
        Assert.DoesNotContain("manifest_url", await unsigned.Content.ReadAsStringAsync(ct), StringComparison.Ordinal); // an error page, not ours

        // The manifest behind the page lists every gallery entry of the session, complete, with working signed URLs.
        var manifestUrl = WebUtility.HtmlDecode(ManifestUrl().Match(html).Groups[1].Value).Replace("\\u0026", "&", StringComparison.Ordinal);
        var manifest = JsonSerializer.Deserialize(await http.GetByteArrayAsync(new Uri(manifestUrl), ct), ManifestJsonContext.Default.GalleryManifest)!;
        using var db = GhostRollDatabase.Open(Path.Combine(temp.Path, "home", "db", "ghostroll.db"));
        var entries = db.GalleryEntries(Path.GetFileName(sessionDir));
        Assert.True(manifest.Complete);
        Assert.Equal(entries.Count, manifest.Items.Count);
        Assert.Equal(entries.Select(e => e.Key), manifest.Items.Select(i => i.Id));
        foreach (var (entry, item) in entries.Zip(manifest.Items).Where(p => p.First.Share is not null))
        {
            var share = await http.GetByteArrayAsync(new Uri(item.Share!.Url), ct);
            Assert.Equal(File.ReadAllBytes(Path.Combine(sessionDir, entry.Share!.Path)), share); // exactly our bytes
            File.WriteAllBytes(Path.Combine(temp.Path, "served.jpg"), share);
            AssertRevealsNothing(Path.Combine(temp.Path, "served.jpg"), $"the served share image of {entry.Key}");
        }

        Assert.NotNull(manifest.DownloadAll);
        Assert.Equal(new FileInfo(Path.Combine(sessionDir, "share.zip")).Length, (await http.GetByteArrayAsync(new Uri(manifest.DownloadAll!.Url), ct)).LongLength);
        // No location anywhere in what is shared: no such field, and none of the fixtures' coordinates.
        var json = JsonSerializer.Serialize(manifest, ManifestJsonContext.Default.GalleryManifest);
        Assert.DoesNotMatch("\"[a-z_]*(gps|lat|lon|location)[a-z_]*\"\\s*:", json);
        foreach (var coordinate in new[] { "50.956", "41.895", "51.762", "53.359", "56.153", "32.092", "-118.10", "12.482", "-6.258", "10.199", "34.862" })
        {
            Assert.DoesNotContain(coordinate, json, StringComparison.Ordinal);
        }

        // Every object in the bucket, read back through the signature-checking server: nothing says where or with
        // which device (exiftool reads every tag), and pictures keep at most capture time and camera.
        await AssertNothingPublishedRevealsLocationOrDeviceAsync(swift, bucket, temp.Combine("bucket"), ct);

        // The page in a real browser: every thumbnail decodes, and nothing but loopback is asked for.
        await using var chromium = await HeadlessChromium.LaunchAsync();
        await using var browser = await chromium.NewSessionAsync(DeviceProfile.Desktop);
        await browser.Page.GotoAsync(link);
        var tiles = browser.Page.Locator("#grid .tile");
        await Expect(tiles).ToHaveCountAsync(entries.Count);
        await Expect(browser.Page.Locator("#status")).ToContainTextAsync("complete");
        await browser.Page.WaitForFunctionAsync(
            "() => [...document.querySelectorAll('#grid .tile img')].filter(i => i.getBoundingClientRect().top < innerHeight).every(i => i.complete && i.naturalWidth > 0)",
            null);
        await browser.Page.ScreenshotAsync(new() { Path = Path.Combine(Artifacts.Dir("integration"), "bucket-gallery-desktop.png"), FullPage = false });
        Assert.Empty(browser.Requests.LeavingLoopback());

        // Re-inserting the card: nothing new, nothing uploaded again.
        var keysBefore = await swift.ListKeysAsync(bucket);
        var again = await ghostroll.RunAsync("run", card);
        Assert.Equal(0, again.ExitCode);
        Assert.StartsWith("no new files", again.Stdout, StringComparison.Ordinal);
        Assert.Equal(keysBefore, await swift.ListKeysAsync(bucket));
    }

    [Fact]
    public async Task Uploads_that_fail_leave_the_session_publish_pending_and_ghostroll_publish_finishes_it()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var s3 = await S3rverServer.StartNewAsync(ct);
        var bucket = await s3.CreateBucketAsync("pending");
        using var temp = new TempDirectory("e2e");
        var ghostroll = new GhostRollProcess(temp.Combine("home")).PublishingTo(s3, bucket);
        await s3.StopAsync(); // the network is down while the card is imported

        var offline = await ghostroll.RunAsync("run", Fixtures.Card("orientation"));

        Assert.Equal(3, offline.ExitCode); // finished, work left for later
        Assert.Contains("publish  pending", offline.Stdout, StringComparison.Ordinal);
        var sessionDir = SessionDirLine().Match(offline.Stdout).Groups[1].Value.Trim();
        Assert.Equal(18, Directory.GetFiles(Path.Combine(sessionDir, "derived", "share"), "*.jpg", SearchOption.AllDirectories).Length); // local work all done

        var status = await ghostroll.RunAsync("run", Fixtures.Card("orientation"));
        Assert.NotEqual(0, status.ExitCode); // still offline: never reported as "no new files"
        Assert.DoesNotContain("no new files (", status.Stdout, StringComparison.Ordinal);

        // What ghostroll-publish.timer runs, with stdout in the journal: every pending session, and no link in the log.
        await s3.StartAsync(ct);
        ghostroll.StdoutIsJournal = true;
        var publish = await ghostroll.RunAsync("publish");

        Assert.True(publish.ExitCode == 0, publish.Stdout + publish.Stderr);
        Assert.Contains($"link     in {sessionDir}/share.txt", publish.Stdout, StringComparison.Ordinal);
        var shared = File.ReadAllText(Path.Combine(sessionDir, "share.txt")).Trim();
        var signature = shared[(shared.IndexOf("X-Amz-Signature=", StringComparison.Ordinal) + 16)..];
        Assert.Matches("^[0-9a-f]{64}$", signature);
        Assert.DoesNotContain(signature, publish.Stdout + publish.Stderr, StringComparison.Ordinal);
        var keys = await s3.ListKeysAsync(bucket, $"sessions/{Path.GetFileName(sessionDir)}/");
        Assert.Equal(18, keys.Count(k => k.Contains("/share/", StringComparison.Ordinal) && k.EndsWith(".jpg", StringComparison.Ordinal)));
        Assert.Equal(18, keys.Count(k => k.Contains("/thumbs/", StringComparison.Ordinal)));
        Assert.Contains(keys, k => k.EndsWith("/share.zip", StringComparison.Ordinal));
        var manifest = JsonSerializer.Deserialize(await s3.GetBytesAsync(bucket, $"sessions/{Path.GetFileName(sessionDir)}/manifest.json") ?? [], ManifestJsonContext.Default.GalleryManifest)!;
        Assert.True(manifest.Complete);
        Assert.Equal(18, manifest.Items.Count);
    }

    [GeneratedRegex(@"link\s+(\S+)")]
    private static partial Regex LinkLine();

    [GeneratedRegex(@"folder\s+(.+)")]
    private static partial Regex SessionDirLine();

    [GeneratedRegex("\"manifest_url\"\\s*:\\s*\"([^\"]+)\"")]
    private static partial Regex ManifestUrl();

    /// <summary>Tag names (with their group) that give away where a picture or clip was taken, or which device took it.</summary>
    private static readonly string[] Revealing = ["GPS", "Location", "ISO6709", "Coordinates", "Latitude", "Longitude", "SerialNumber", "MakerNote"];

    private static readonly string[] PictureExtensions = [".jpg", ".jpeg", ".webp", ".png"];

    /// <summary>
    /// Downloads every object of <paramref name="bucket"/> (and every member of the zip files among them) and checks
    /// each with exiftool: no tag that reveals a location, a serial number or maker notes, and pictures keep at most
    /// capture time and camera. Fails on an empty bucket and when a kind of derivative the import makes was missing.
    /// </summary>
    private static async Task AssertNothingPublishedRevealsLocationOrDeviceAsync(SwiftS3Server swift, string bucket, string scratch, CancellationToken ct)
    {
        Directory.CreateDirectory(scratch);
        var checkedKinds = new Dictionary<string, int>(StringComparer.Ordinal);
        var keys = await swift.ListKeysAsync(bucket);
        Assert.NotEmpty(keys);
        foreach (var (key, index) in keys.Select((k, i) => (k, i)))
        {
            var bytes = await swift.GetBytesAsync(bucket, key);
            Assert.True(bytes is not null, $"{key} is listed but cannot be read back");
            var file = Path.Combine(scratch, $"{index}{Path.GetExtension(key).ToLowerInvariant()}");
            await File.WriteAllBytesAsync(file, bytes, ct);
            AssertRevealsNothing(file, key);
            var kind = key.Split('/') is [_, _, var folder, _, ..] ? folder : Path.GetFileName(key);
            checkedKinds[kind] = checkedKinds.GetValueOrDefault(kind) + 1;
            if (key.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
            {
                using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
                Assert.NotEmpty(zip.Entries);
                foreach (var (member, m) in zip.Entries.Select((e, i) => (e, i)))
                {
                    var extracted = Path.Combine(scratch, $"{index}-{m}{Path.GetExtension(member.Name).ToLowerInvariant()}");
                    member.ExtractToFile(extracted);
                    AssertRevealsNothing(extracted, $"{key}: {member.FullName}");
                    checkedKinds["zip member"] = checkedKinds.GetValueOrDefault("zip member") + 1;
                }
            }
        }

        // The derivatives of a photo card, the "Download all" archive and the location-free clips were all looked at.
        foreach (var kind in new[] { "thumbs", "share", "enhanced", "originals", "zip member" })
        {
            Assert.True(checkedKinds.GetValueOrDefault(kind) > 0, $"no {kind} object was checked; checked: {string.Join(", ", checkedKinds.Select(k => $"{k.Value} {k.Key}"))}");
        }
    }

    /// <summary>exiftool reads every tag of the file: none may reveal a location or a device; a picture keeps at most capture time and camera.</summary>
    private static void AssertRevealsNothing(string file, string what)
    {
        var revealing = ExifTool("-a", "-u", "-G1", file).Where(t => Revealing.Any(r => t.Contains(r, StringComparison.OrdinalIgnoreCase))).ToList();
        Assert.True(revealing.Count == 0, $"{what} was published with {string.Join(", ", revealing)}");
        if (PictureExtensions.Contains(Path.GetExtension(file)))
        {
            var kept = ExifTool("-G1", "-EXIF:all", "-XMP:all", "-IPTC:all", "-MakerNotes:all", "-GPS:all", file);
            var extra = kept.Except(["[IFD0] Make", "[IFD0] Model", "[ExifIFD] DateTimeOriginal", "[ExifIFD] OffsetTimeOriginal"]).ToList();
            Assert.True(extra.Count == 0, $"{what} keeps {string.Join(", ", extra)}");
        }
    }

    /// <summary><c>exiftool -s -s ARGS</c>: the "[group] name" of every tag it printed.</summary>
    private static List<string> ExifTool(params string[] arguments)
    {
        using var p = Process.Start(new ProcessStartInfo("exiftool", ["-s", "-s", .. arguments])
        {
            RedirectStandardOutput = true, UseShellExecute = false,
        })!;
        var tags = p.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(':')[0].Trim()).ToList();
        p.WaitForExit();
        return tags;
    }
}
