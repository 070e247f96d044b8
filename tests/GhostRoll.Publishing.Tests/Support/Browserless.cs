using System.Diagnostics;
using System.Text.Json;
using GhostRoll.Gallery.Manifest;

namespace GhostRoll.Publishing.Tests.Support;

/// <summary>What a browser does with a presigned link, without a browser: plain unsigned HTTP GETs.</summary>
public static class Browserless
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public sealed record Fetched(int Status, byte[] Body, string? ContentType, string? CacheControl);

    public static async Task<Fetched> GetAsync(string url)
    {
        using var response = await Http.GetAsync(new Uri(url), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        return new Fetched((int)response.StatusCode, body, response.Content.Headers.ContentType?.ToString(), response.Headers.CacheControl?.ToString());
    }

    public static GalleryManifest ParseManifest(byte[] json) =>
        JsonSerializer.Deserialize(json, ManifestJsonContext.Default.GalleryManifest) ?? throw new InvalidDataException("empty manifest");

    /// <summary>Polls the manifest the way the page does until <paramref name="until"/> holds (bounded: fails after 30 s).</summary>
    public static async Task<GalleryManifest> PollManifestAsync(string manifestUrl, Func<GalleryManifest, bool> until)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var fetched = await GetAsync(manifestUrl);
            if (fetched.Status == 200 && ParseManifest(fetched.Body) is var manifest && until(manifest))
            {
                return manifest;
            }

            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), "the manifest never reached the expected state");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
