using System.IO.Compression;
using System.Net;
using System.Text.Json;
using GhostRoll.Gallery.Manifest;
using GhostRoll.Links.Tests.Support;
using GhostRoll.Publishing.S3;
using GhostRoll.TestSupport;

namespace GhostRoll.Links.Tests;

/// <summary>The service in self-hosted mode against a real, signature-checking S3 server (Swift) on loopback.</summary>
public sealed class SelfHostedTests(SwiftFixture swift)
{
    private static readonly TimeSpan PiLifetime = TimeSpan.FromDays(7) - TimeSpan.FromMinutes(5);

    [Fact]
    public async Task An_active_link_opens_the_gallery_and_every_manifest_url_returns_the_uploaded_bytes()
    {
        var bucket = await LinkBucket.CreateAsync(await swift.GetAsync());
        var photos = await bucket.UploadPhotosAsync(3);
        await bucket.PutManifestAsync(bucket.PiManifest(photos, PiLifetime));
        var code = await bucket.PutLinkAsync(expires: DateTimeOffset.UtcNow.AddDays(30));
        await using var server = await LinkServer.StartAsync(bucket.CreateService());

        using var page = await server.GetAsync($"/{code}");
        var html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        AssertSecurityHeaders(page);
        Assert.Contains("Shoot 7 December", html, StringComparison.Ordinal);
        // The page polls this service (absolute, from the request's host) and may load pictures from the bucket.
        Assert.Contains($"\"manifest_url\":\"{server.Base}/{code}/manifest.json\"", html, StringComparison.Ordinal);
        var swiftOrigin = (await swift.GetAsync()).Endpoint;
        Assert.Matches($"img-src [^;]*{swiftOrigin}", WebUtility.HtmlDecode(html));
        // The link preview a messaging app reads from the markup (it runs no script): the gallery's title and its
        // first picture, signed by this service for its own few hours (the Pi's signatures may be long gone).
        Assert.Contains("<meta property=\"og:title\" content=\"Shoot 7 December", html, StringComparison.Ordinal);
        var preview = WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(html, "<meta property=\"og:image\" content=\"([^\"]+)\">").Groups[1].Value);
        Assert.InRange(PresignExpiry.ExpiryOf(preview) ?? DateTime.MinValue, DateTime.UtcNow.AddHours(5.9), DateTime.UtcNow.AddHours(6.1));
        using (var previewClient = new HttpClient())
        {
            var (previewStatus, previewBytes) = await LinkBucket.GetAsync(previewClient, preview);
            Assert.Equal(HttpStatusCode.OK, previewStatus);
            Assert.Contains(bucket.Uploaded, u => u.Key.Contains("/share/", StringComparison.Ordinal) && u.Value.AsSpan().SequenceEqual(previewBytes));
        }

        var before = DateTimeOffset.UtcNow;
        using var response = await server.GetAsync($"/{code}/manifest.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        AssertSecurityHeaders(response);
        var manifest = JsonSerializer.Deserialize(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken), ManifestJsonContext.Default.GalleryManifest)!;
        Assert.Equal(3, manifest.Items.Count);

        var urls = manifest.Items.SelectMany(i => new[] { i.Thumb!.Url, i.Share!.Url }).ToList();
        foreach (var url in urls)
        {
            // Signed by the service now, for its own few hours, not copied from the Pi's 7-day manifest.
            var expiry = PresignExpiry.ExpiryOf(url) ?? throw new Xunit.Sdk.XunitException($"not a SigV4 presigned URL: {url}");
            Assert.InRange(expiry, before.UtcDateTime.AddHours(5.9), DateTime.UtcNow.AddHours(6.1));
        }

        Assert.Equal(DateTime.Parse(manifest.ExpiresUtc!, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal),
            urls.Select(u => PresignExpiry.ExpiryOf(u)!.Value).Min(), TimeSpan.FromSeconds(1));

        using var anonymous = new HttpClient();
        var fetched = 0;
        foreach (var item in manifest.Items)
        {
            foreach (var (url, key) in new[] { (item.Thumb!.Url, "thumb"), (item.Share!.Url, "share") })
            {
                var (status, body) = await LinkBucket.GetAsync(anonymous, url);
                Assert.Equal(HttpStatusCode.OK, status);
                var expected = bucket.Uploaded[$"{bucket.Prefix}{key}/{item.Name.Replace(".JPG", ".jpg", StringComparison.Ordinal)}"];
                Assert.Equal(expected, body);
                fetched++;
            }
        }

        Assert.Equal(6, fetched);
    }

    [Fact]
    public async Task A_link_still_opens_after_the_sessions_own_presigned_urls_expired()
    {
        var bucket = await LinkBucket.CreateAsync(await swift.GetAsync());
        var photos = await bucket.UploadPhotosAsync(2);
        // The Pi's URLs live one second here (seven days at most in real life).
        var piManifest = bucket.PiManifest(photos, TimeSpan.FromSeconds(1));
        await bucket.PutManifestAsync(piManifest);
        var code = await bucket.PutLinkAsync();
        await using var server = await LinkServer.StartAsync(bucket.CreateService());

        using var anonymous = new HttpClient();
        var piUrl = piManifest.Items[0].Share!.Url;
        await Eventually.UntilAsync(async () => (await LinkBucket.GetAsync(anonymous, piUrl)).Status == HttpStatusCode.Forbidden,
            every: TimeSpan.FromMilliseconds(100), what: "the Pi's 1-second presigned URL to be refused by S3 (403, expired)");

        using var response = await server.GetAsync($"/{code}/manifest.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var manifest = JsonSerializer.Deserialize(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken), ManifestJsonContext.Default.GalleryManifest)!;
        var (status, body) = await LinkBucket.GetAsync(anonymous, manifest.Items[0].Share!.Url);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(bucket.Uploaded[photos[0].Share], body);
    }

    [Fact]
    public async Task Revoked_and_expired_links_answer_410_with_a_friendly_page_and_unknown_or_malformed_codes_404()
    {
        var bucket = await LinkBucket.CreateAsync(await swift.GetAsync());
        var photos = await bucket.UploadPhotosAsync(1);
        await bucket.PutManifestAsync(bucket.PiManifest(photos, PiLifetime));
        var revoked = await bucket.PutLinkAsync(revoked: DateTimeOffset.UtcNow.AddMinutes(-1));
        var expired = await bucket.PutLinkAsync(expires: DateTimeOffset.UtcNow.AddMinutes(-1));
        var unknown = GhostRoll.Publishing.ShareLink.LinkCode.New();
        await using var server = await LinkServer.StartAsync(bucket.CreateService());

        foreach (var route in new[] { "", "/manifest.json" })
        {
            using var r = await server.GetAsync($"/{revoked}{route}");
            Assert.Equal(HttpStatusCode.Gone, r.StatusCode);
            Assert.Contains("This link was revoked", await r.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
            Assert.Contains("ask the photographer for a new one", await r.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.OrdinalIgnoreCase);
            AssertSecurityHeaders(r);

            using var e = await server.GetAsync($"/{expired}{route}");
            Assert.Equal(HttpStatusCode.Gone, e.StatusCode);
            Assert.Contains("This link has expired", await e.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);

            using var u = await server.GetAsync($"/{unknown}{route}");
            Assert.Equal(HttpStatusCode.NotFound, u.StatusCode);
            AssertSecurityHeaders(u);
        }

        foreach (var path in new[]
                 {
                     "/", "/favicon.ico", "/ABC", $"/{unknown[..19]}1", $"/{unknown}X", $"/{unknown}/other.json",
                     $"/{unknown}/manifest.json/x", $"/links/{unknown}.json", $"/{bucket.Prefix}manifest.json", "/%2e%2e/links",
                 })
        {
            using var m = await server.GetAsync(path);
            Assert.True(m.StatusCode == HttpStatusCode.NotFound, $"{path} answered {(int)m.StatusCode}, expected 404");
        }

        using var post = await server.Http.PostAsync(new Uri($"{server.Base}/{revoked}"), new StringContent(""), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
    }

    [Fact]
    public async Task Urls_outside_the_session_prefix_are_dropped_not_signed()
    {
        var bucket = await LinkBucket.CreateAsync(await swift.GetAsync());
        var photos = await bucket.UploadPhotosAsync(1);
        var code = await bucket.PutLinkAsync();
        var other = "sessions/shoot-other-session/share/IMG_0001.jpg";
        await bucket.PutAsync(other, SampleJpeg.Make("other"), "image/jpeg");
        var hostile = new[]
        {
            bucket.PiPresign($"links/{code}.json", PiLifetime),                                  // the link record itself
            bucket.PiPresign(other, PiLifetime),                                                  // another session
            $"http://127.0.0.1:1/{bucket.Bucket}/{bucket.Prefix}%2E%2E/%2E%2E/links/{code}.json",  // escaped dot segments
            $"http://127.0.0.1:1/{bucket.Bucket}/{bucket.Prefix}../../links/{code}.json",          // literal dot segments
            $"http://127.0.0.1:1/another-bucket/{bucket.Prefix}share/IMG_0001.jpg",               // another bucket
            "javascript:alert(1)",
            $"{bucket.Prefix}share/IMG_0001.jpg",                                                  // not a URL
        };
        var manifest = bucket.PiManifest(photos, PiLifetime);
        var good = manifest.Items[0];
        await bucket.PutManifestAsync(manifest with
        {
            Items = [good, .. hostile.Select((url, i) => good with
            {
                Id = $"hostile-{i}",
                Thumb = new ManifestImage(url, 48, 32, 1),
                Share = new ManifestImage(url, 48, 32, 1),
                Enhanced = url,
                Video = new ManifestFile(url, 1),
            })],
            DownloadAll = new ManifestFile(hostile[0], 1),
        });
        await using var server = await LinkServer.StartAsync(bucket.CreateService());

        using var response = await server.GetAsync($"/{code}/manifest.json");
        var json = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var signed = JsonSerializer.Deserialize(json, ManifestJsonContext.Default.GalleryManifest)!;
        Assert.Equal(1 + hostile.Length, signed.Items.Count);
        Assert.NotNull(signed.Items[0].Share);
        foreach (var item in signed.Items.Skip(1))
        {
            Assert.True(item.Thumb is null && item.Share is null && item.Enhanced is null && item.Video is null, $"{item.Id} kept a URL");
        }

        Assert.Null(signed.DownloadAll);
        Assert.DoesNotContain("links/", json, StringComparison.Ordinal);
        Assert.DoesNotContain("links%2F", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("shoot-other-session", json, StringComparison.Ordinal);
        Assert.DoesNotContain("another-bucket", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_session_without_a_manifest_yet_gets_an_empty_incomplete_one_and_gzip_is_offered()
    {
        var bucket = await LinkBucket.CreateAsync(await swift.GetAsync());
        var code = await bucket.PutLinkAsync();
        await using var server = await LinkServer.StartAsync(bucket.CreateService());

        using var empty = await server.GetAsync($"/{code}/manifest.json");
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        var manifest = JsonSerializer.Deserialize(await empty.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken), ManifestJsonContext.Default.GalleryManifest)!;
        Assert.Empty(manifest.Items);
        Assert.False(manifest.Complete);

        await bucket.PutManifestAsync(bucket.PiManifest(await bucket.UploadPhotosAsync(3), PiLifetime));
        using var zipped = await server.GetAsync($"/{code}/manifest.json", gzip: true);
        Assert.Equal("gzip", Assert.Single(zipped.Content.Headers.ContentEncoding));
        await using var unzip = new GZipStream(await zipped.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken), CompressionMode.Decompress);
        var unzipped = await JsonSerializer.DeserializeAsync(unzip, ManifestJsonContext.Default.GalleryManifest, TestContext.Current.CancellationToken);
        Assert.Equal(3, unzipped!.Items.Count);
    }

    internal static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }
}
