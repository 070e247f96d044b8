using System.Runtime.CompilerServices;
using System.Text.Json;
using GhostRoll.Gallery.Manifest;
using GhostRoll.TestSupport;

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

    /// <summary>Polls the manifest the way the page does until <paramref name="until"/> holds.</summary>
    public static async Task<GalleryManifest> PollManifestAsync(
        string manifestUrl, Func<GalleryManifest, bool> until, [CallerArgumentExpression(nameof(until))] string what = "")
    {
        GalleryManifest? last = null;
        var status = 0;
        await Eventually.UntilAsync(
            async () =>
            {
                var fetched = await GetAsync(manifestUrl);
                status = fetched.Status;
                last = status == 200 ? ParseManifest(fetched.Body) : null;
                return last is not null && until(last);
            },
            every: TimeSpan.FromMilliseconds(50),
            seen: () => last is null ? $"HTTP {status}" : $"{last.Items.Count} items, complete: {last.Complete}",
            what: $"the manifest to reach {what}");
        return last!;
    }
}
