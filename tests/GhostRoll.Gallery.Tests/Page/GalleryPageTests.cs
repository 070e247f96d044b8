using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AngleSharp.Html.Parser;
using GhostRoll.Gallery.Manifest;

namespace GhostRoll.Gallery.Tests.Page;

/// <summary>The rendered page as markup: its policy, its escaping and its weight (a size, not a time).</summary>
public sealed class GalleryPageTests
{
    private static GalleryManifest Manifest(params string[] names) => new()
    {
        SessionId = "shoot-2026-03-14_101500_000000",
        Title = "t",
        Items = [.. names.Select((n, i) => new ManifestItem { Id = $"100HACK/{i}", Name = n, Kind = "photo", Camera = n })],
    };

    private static AngleSharp.Html.Dom.IHtmlDocument Parse(string html) => new HtmlParser().ParseDocument(html);

    private static string Csp(AngleSharp.Html.Dom.IHtmlDocument document) =>
        document.QuerySelector("meta[http-equiv='Content-Security-Policy']")!.GetAttribute("content")!;

    private static string HashOf(string text) => $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)))}'";

    [Fact]
    public void The_policy_runs_exactly_our_inline_code_and_nothing_else()
    {
        var document = Parse(GalleryPage.Render(new GalleryPageModel { Title = "t", InlineManifest = Manifest("a.jpg") }));
        var csp = Csp(document).Split(';', StringSplitOptions.TrimEntries).ToDictionary(d => d.Split(' ')[0], d => d.Split(' ')[1..]);
        var code = document.QuerySelectorAll("script").Single(s => s.GetAttribute("type") is null);
        var style = document.QuerySelector("style")!;

        Assert.Equal(["'none'"], csp["default-src"]);
        Assert.Equal([HashOf(code.TextContent)], csp["script-src"]);
        Assert.Equal([HashOf(style.TextContent)], csp["style-src"]);
        Assert.Equal(["'none'"], csp["base-uri"]);
        Assert.Equal(["'none'"], csp["form-action"]);
        Assert.DoesNotContain("unsafe", Csp(document), StringComparison.Ordinal);
        // Local gallery: own folder only, nothing with a host name.
        Assert.All(csp["img-src"].Concat(csp["connect-src"]), s => Assert.Contains(s, new[] { "'self'", "file:", "blob:" }));
    }

    [Fact]
    public void The_S3_page_may_talk_only_to_the_bucket_it_came_from()
    {
        var html = GalleryPage.Render(new GalleryPageModel
        {
            Title = "t",
            ManifestUrl = "https://my-bucket.s3.eu-west-1.amazonaws.com/sessions/s/manifest.json?X-Amz-Signature=abc",
        });
        var csp = Csp(Parse(html));
        Assert.Contains("connect-src 'self' https://my-bucket.s3.eu-west-1.amazonaws.com;", csp, StringComparison.Ordinal);
        Assert.Contains("img-src 'self' https://my-bucket.s3.eu-west-1.amazonaws.com blob:;", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("file:", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("X-Amz-Signature", csp, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("manifest.json")]
    [InlineData("file:///etc/passwd")]
    public void Only_an_http_manifest_url_is_accepted(string url) =>
        Assert.Throws<ArgumentException>(() => GalleryPage.Render(new GalleryPageModel { Title = "t", ManifestUrl = url }));

    [Fact]
    public void Names_cannot_break_out_of_the_inline_manifest()
    {
        string[] names = ["</script><script>alert(1)</script>.jpg", "<!--<script>.jpg", "a\u2028b\u2029.jpg", "{{MANIFEST}}.jpg", "\"'&<>.jpg"];
        var manifest = Manifest(names) with { Title = "</title><script>alert(2)</script>{{SCRIPT}}" };
        var html = GalleryPage.Render(new GalleryPageModel { Title = manifest.Title, InlineManifest = manifest });
        var document = Parse(html);

        Assert.Equal(3, document.QuerySelectorAll("script").Length); // config, manifest, code
        Assert.Equal(manifest.Title, document.Title);
        Assert.Equal(manifest.Title, document.QuerySelector("h1")!.TextContent);
        var embedded = JsonSerializer.Deserialize(document.QuerySelector("#gr-manifest")!.TextContent, ManifestJsonContext.Default.GalleryManifest)!;
        Assert.Equal(names, embedded.Items.Select(i => i.Name));
        Assert.Equal(names, embedded.Items.Select(i => i.Camera));
    }

    [Fact]
    public void Page_weight_without_images_is_under_40_KB()
    {
        // The budget is for the page itself (markup, CSS, JS); photos and their manifest entries come on top.
        // 40 KB since the viewer gained its slide strip, drag-to-close, clips and Live Photos (about 37 KB then;
        // it was 30 KB before): still one round trip on a phone, and less than PhotoSwipe's script alone.
        var local = Encoding.UTF8.GetByteCount(GalleryPage.Render(new GalleryPageModel { Title = "Photos", InlineManifest = Manifest() }));
        var remote = Encoding.UTF8.GetByteCount(GalleryPage.Render(new GalleryPageModel
        {
            Title = "Photos",
            ManifestUrl = "https://b.s3.amazonaws.com/sessions/shoot-2026-03-14_101500_000000/manifest.json?" + new string('x', 400),
        }));
        Assert.InRange(local, 1, 40 * 1024);
        Assert.InRange(remote, 1, 40 * 1024);
    }

    [Fact]
    public void No_outside_url_appears_in_the_page_code()
    {
        // No CDN, font or analytics: the only absolute URLs a page may hold are the ones it is given.
        var html = GalleryPage.Render(new GalleryPageModel { Title = "t", InlineManifest = Manifest("a.jpg") });
        Assert.DoesNotContain("http://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("//cdn", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_link_preview_is_in_the_markup_with_the_title_counts_and_dates_and_a_picture_only_from_the_bucket()
    {
        ManifestItem Photo(int i, string url) => new()
        {
            Id = $"100CANON/{i}", Name = $"IMG_{i}.JPG", Kind = "photo", Taken = $"2026-06-2{i}T10:00:00+02:00",
            Share = new ManifestImage(url, 2048, 1365, 400_000),
        };
        var local = new GalleryManifest
        {
            SessionId = "shoot-2026-06-21_101500_000000",
            Title = "Ana & Bo's <wedding>",
            Photographer = "Lu",
            Items = [Photo(1, "derived/share/100CANON/1.jpg"), Photo(3, "derived/share/100CANON/3.jpg"), new ManifestItem { Id = "v", Name = "MVI.MP4", Kind = "video" }],
        };
        var document = Parse(GalleryPage.Render(new GalleryPageModel { Title = local.Title, InlineManifest = local }));
        string? Meta(string key) => document.QuerySelector($"meta[property='{key}'], meta[name='{key}']")?.GetAttribute("content");

        Assert.Equal("Ana & Bo's <wedding> \u00b7 Lu", document.Title); // the tab, before any script runs
        Assert.Equal("Ana & Bo's <wedding> \u00b7 Lu", Meta("og:title"));
        Assert.Equal("2 photos and 1 clip \u00b7 21\u201323 Jun 2026 \u00b7 Photos by Lu", Meta("og:description"));
        Assert.Null(Meta("og:image")); // a page on disk has no address a messaging app could fetch
        Assert.Equal("summary", Meta("twitter:card"));

        // The bucket's page: the first photo's presigned share image; the dates are not repeated when they are the title.
        const string Signed = "https://b.s3.amazonaws.com/s/share/100CANON/1.jpg?X-Amz-Signature=abc&X-Amz-Expires=600";
        var remote = local with { Title = "21\u201323 Jun 2026", Photographer = null, Items = [Photo(1, Signed), Photo(3, Signed + "3")] };
        document = Parse(GalleryPage.Render(new GalleryPageModel
        {
            Title = "x", ManifestUrl = "https://b.s3.amazonaws.com/s/manifest.json?X-Amz-Signature=abc", PreviewManifest = remote,
        }));
        Assert.Equal("21\u201323 Jun 2026", document.Title);
        Assert.Equal("2 photos", Meta("og:description"));
        Assert.Equal(Signed, Meta("og:image"));
        Assert.Equal("2048", Meta("og:image:width"));
        Assert.Equal("summary_large_image", Meta("twitter:card"));
        Assert.Null(document.QuerySelector("#gr-manifest")); // the preview is markup only: the page still polls
    }
}
