using System.Net;
using System.Text.RegularExpressions;
using GhostRoll.TestSupport;
using GhostRoll.TestSupport.S3;

namespace GhostRoll.Integration.Tests;

/// <summary>
/// `ghostroll share SESSION --title`: the photographer names a gallery after the import, and the page behind the
/// link a friend already has says so in its heading, its browser tab and its link preview (the markup a messaging
/// app reads without running scripts), with a picture a preview can fetch and nothing that locates the shoot.
/// </summary>
public sealed partial class GalleryTitleTests
{
    [Fact]
    public async Task A_title_given_after_the_import_reaches_the_served_page_and_its_link_preview()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var swift = await SwiftS3Server.StartNewAsync(ct);
        var bucket = await swift.CreateBucketAsync("titled");
        using var temp = new TempDirectory("title");
        var ghostroll = new GhostRollProcess(temp.Combine("home")).PublishingTo(swift, bucket);
        var run = await ghostroll.RunAsync("run", TestCards.WithUniqueCopies(temp.Combine("card"), 3));
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        var sessionDir = SessionDirLine().Match(run.Stdout).Groups[1].Value.Trim();
        var link = File.ReadAllText(Path.Combine(sessionDir, "share.txt")).Trim();
        using var http = new HttpClient();
        Assert.DoesNotContain("Ana &amp; Bo", await http.GetStringAsync(new Uri(link), ct), StringComparison.Ordinal);

        const string Title = "Ana & Bo's <wedding>";
        var share = await ghostroll.RunAsync("share", Path.GetFileName(sessionDir), "--title", Title);

        Assert.True(share.ExitCode == 0, share.Stdout + share.Stderr);
        var html = await http.GetStringAsync(new Uri(link), ct); // the link friends already have
        var encoded = WebUtility.HtmlEncode(Title);
        Assert.Contains($"<title>{encoded}", html, StringComparison.Ordinal);
        Assert.Contains($"<meta property=\"og:title\" content=\"{encoded}\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<wedding>", html, StringComparison.Ordinal); // text, never markup
        var image = WebUtility.HtmlDecode(OgImage().Match(html).Groups[1].Value);
        Assert.StartsWith(swift.Endpoint + "/" + bucket + "/", image, StringComparison.Ordinal);
        using var picture = await http.GetAsync(new Uri(image), ct);
        Assert.Equal(HttpStatusCode.OK, picture.StatusCode); // a preview can fetch it
        Assert.Equal("image/jpeg", picture.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotMatch("(?i)gps|latitude|longitude", html);
        // The local gallery on the appliance carries the same title.
        Assert.Contains($"<title>{encoded}", File.ReadAllText(Path.Combine(sessionDir, "index.html")), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"folder\s+(.+)")]
    private static partial Regex SessionDirLine();

    [GeneratedRegex("<meta property=\"og:image\" content=\"([^\"]+)\">")]
    private static partial Regex OgImage();
}
