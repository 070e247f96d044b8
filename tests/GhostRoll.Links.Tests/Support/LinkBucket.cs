using System.Net;
using System.Text;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using GhostRoll.Configuration;
using GhostRoll.Gallery.Manifest;
using GhostRoll.Publishing.S3;
using GhostRoll.Publishing.ShareLink;
using GhostRoll.TestSupport.S3;
using Microsoft.Extensions.Logging.Abstractions;

namespace GhostRoll.Links.Tests.Support;

/// <summary>
/// Plays the appliance's part in a fresh private bucket: uploads a session's pictures, writes its manifest.json
/// with URLs presigned as the Pi does (lifetime chosen by the test), and writes <c>links/CODE.json</c> records.
/// Also makes the <see cref="LinkService"/> under test, reading the same bucket with its own client.
/// </summary>
public sealed class LinkBucket
{
    private readonly LoopbackS3Server _server;

    private LinkBucket(LoopbackS3Server server, string bucket)
    {
        _server = server;
        Bucket = bucket;
    }

    public string Bucket { get; }

    public string SessionId { get; } = $"shoot-2026-12-07_{Guid.NewGuid():N}"[..32];

    public string Prefix => $"sessions/{SessionId}/";

    /// <summary>Object key → bytes of every picture uploaded.</summary>
    public Dictionary<string, byte[]> Uploaded { get; } = new(StringComparer.Ordinal);

    public static async Task<LinkBucket> CreateAsync(LoopbackS3Server server) =>
        new(server, await server.CreateBucketAsync("svc"));

    public GhostRollSettings Settings => new()
    {
        S3Bucket = Bucket,
        S3Endpoint = _server.Endpoint,
        S3Region = _server.Region,
        S3ForcePathStyle = true,
    };

    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>(_server.CredentialEnvironment)
    {
        ["GHOSTROLL_S3_BUCKET"] = Bucket,
        ["GHOSTROLL_S3_ENDPOINT"] = _server.Endpoint,
        ["GHOSTROLL_S3_REGION"] = _server.Region,
        ["GHOSTROLL_S3_FORCE_PATH_STYLE"] = "true",
    };

    public LinkService CreateService(TimeSpan? signatureLifetime = null) => new(
        S3Connection.Create(Settings, new BasicAWSCredentials(_server.AccessKey, _server.SecretKey)),
        NullLogger.Instance,
        signatureLifetime: signatureLifetime);

    public async Task PutAsync(string key, byte[] bytes, string contentType)
    {
        using var client = _server.CreateClient();
        using var body = new MemoryStream(bytes);
        // Swift refuses aws-chunked uploads (501): plain payloads from a seekable stream.
        await client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = Bucket,
            Key = key,
            InputStream = body,
            ContentType = contentType,
            UseChunkEncoding = false,
        });
    }

    /// <summary>Uploads <paramref name="photos"/> distinct JPEGs (thumb and share each) and returns their items' keys.</summary>
    public async Task<List<(string Thumb, string Share)>> UploadPhotosAsync(int photos)
    {
        var keys = new List<(string, string)>();
        for (var i = 1; i <= photos; i++)
        {
            var thumb = $"{Prefix}thumb/IMG_{i:0000}.jpg";
            var share = $"{Prefix}share/IMG_{i:0000}.jpg";
            foreach (var (key, variant) in new[] { (thumb, 't'), (share, 's') })
            {
                var bytes = SampleJpeg.Make($"{variant}{i}");
                Uploaded[key] = bytes;
                await PutAsync(key, bytes, "image/jpeg");
            }

            keys.Add((thumb, share));
        }

        return keys;
    }

    /// <summary>A GET URL presigned as the appliance signs it, valid for <paramref name="lifetime"/>.</summary>
    public string PiPresign(string key, TimeSpan lifetime)
    {
        using var client = _server.CreateClient();
        return client.GetPreSignedURL(new GetPreSignedUrlRequest
        {
            BucketName = Bucket,
            Key = key,
            Verb = HttpVerb.GET,
            Expires = DateTime.UtcNow + lifetime,
            Protocol = Protocol.HTTP,
        });
    }

    /// <summary>The manifest the Pi would upload: one item per photo, URLs presigned for <paramref name="lifetime"/>.</summary>
    public GalleryManifest PiManifest(IEnumerable<(string Thumb, string Share)> photos, TimeSpan lifetime, bool complete = true) => new()
    {
        SessionId = SessionId,
        Title = "Shoot 7 December",
        Complete = complete,
        Expected = photos.Count(),
        ExpiresUtc = (DateTime.UtcNow + lifetime).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
        Items = [.. photos.Select((p, i) => new ManifestItem
        {
            Id = $"100CANON/IMG_{i + 1:0000}",
            Name = $"IMG_{i + 1:0000}.JPG",
            Kind = "photo",
            Width = 48,
            Height = 32,
            Thumb = new ManifestImage(PiPresign(p.Thumb, lifetime), 48, 32, 800),
            Share = new ManifestImage(PiPresign(p.Share, lifetime), 48, 32, 800),
        })],
    };

    public Task PutManifestAsync(GalleryManifest manifest) =>
        PutAsync(Prefix + "manifest.json", JsonSerializer.SerializeToUtf8Bytes(manifest, ManifestJsonContext.Default.GalleryManifest), "application/json");

    /// <summary>Writes <c>links/CODE.json</c> for this session and returns the code.</summary>
    public async Task<string> PutLinkAsync(DateTimeOffset? expires = null, DateTimeOffset? revoked = null, string? code = null, int pollSeconds = 5)
    {
        code ??= LinkCode.New();
        var record = new LinkRecord
        {
            Code = code,
            SessionId = SessionId,
            SessionPrefix = Prefix,
            Title = "Shoot 7 December",
            PollSeconds = pollSeconds,
            CreatedUtc = DateTimeOffset.UtcNow.AddDays(-1),
            ExpiresUtc = expires,
            RevokedUtc = revoked,
        };
        await PutAsync(LinkRecord.KeyFor(code), record.ToJson(), "application/json");
        return code;
    }

    /// <summary>GET of a URL as a browser would (no credentials); status and bytes.</summary>
    public static async Task<(HttpStatusCode Status, byte[] Body)> GetAsync(HttpClient http, string url)
    {
        using var response = await http.GetAsync(new Uri(url));
        return (response.StatusCode, await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }
}

/// <summary>A small real JPEG (48x32, decodable by any browser) with a distinct trailer after EOI per name.</summary>
public static class SampleJpeg
{
    private const string Base = "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAAgADADASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/8QAHwEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAECAxEEBSExBhJBUQdhcRMiMoEIFEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk5ebn6Onq8vP09fb3+Pn6/9oADAMBAAIRAxEAPwDmqKKK+YP1IKKKKACiiigDZ/4SvxF/0HtW/wDAyT/Gj/hK/EX/AEHtW/8AAyT/ABrGoq+eXcy9hS/lX3Gz/wAJX4i/6D2rf+Bkn+NH/CV+Iv8AoPat/wCBkn+NY1FHPLuHsKX8q+42f+Er8Rf9B7Vv/AyT/Gj/AISvxF/0HtW/8DJP8axqKOeXcPYUv5V9x//Z";

    public static byte[] Make(string name) => [.. Convert.FromBase64String(Base), .. Encoding.ASCII.GetBytes(name)];
}
