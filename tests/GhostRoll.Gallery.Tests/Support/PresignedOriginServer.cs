using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace GhostRoll.Gallery.Tests.Support;

/// <summary>
/// TEST-ONLY stand-in for "an S3 bucket behind presigned URLs", with exactly the behaviour the gallery page relies
/// on: objects under <c>/bucket/&lt;key&gt;</c> are served only with a valid, unexpired
/// <c>X-Amz-Date/X-Amz-Expires/X-Amz-Signature</c> query; a bad or expired signature and a missing key both answer
/// <c>403 AccessDenied</c> with S3's XML body (a private bucket never says 404 to someone without ListBucket).
/// It is not S3: the publishing area's loopback S3 servers take its place in the joint test after the merge.
/// Listens on 127.0.0.1 only; <see cref="Now"/> can be moved to expire links without waiting.
/// </summary>
public sealed class PresignedOriginServer : IAsyncDisposable
{
    private static readonly byte[] Secret = RandomNumberGenerator.GetBytes(32);
    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private readonly CancellationTokenSource _stop = new();

    public PresignedOriginServer(string bucketDirectory)
    {
        BucketDirectory = bucketDirectory;
        Directory.CreateDirectory(bucketDirectory);
        var port = FreePort();
        Origin = $"http://127.0.0.1:{port}";
        _listener.Prefixes.Add(Origin + "/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public string Origin { get; }

    public string BucketDirectory { get; }

    /// <summary>The server's clock (move it forward to make every link expire).</summary>
    public DateTimeOffset Now { get; set; } = DateTimeOffset.UtcNow;

    /// <summary>Answer 503 to everything, like a phone that lost its connection or a bucket endpoint that is down.</summary>
    public bool Unavailable { get; set; }

    /// <summary>Path and query of every request, in order.</summary>
    public ConcurrentQueue<(string Key, int Status)> Log { get; } = new();

    public int CountRequests(string key) => Log.Count(r => r.Key == key);

    /// <summary>A URL like an S3 presigned GET: signed over key, date and lifetime.</summary>
    public string Presign(string key, TimeSpan lifetime)
    {
        var date = Now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var seconds = ((long)lifetime.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        var path = "/bucket/" + string.Join('/', key.Split('/').Select(Uri.EscapeDataString));
        return $"{Origin}{path}?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date={date}&X-Amz-Expires={seconds}&X-Amz-SignedHeaders=host&X-Amz-Signature={Sign(key, date, seconds)}";
    }

    /// <summary>"Uploads" a file: copies it into the bucket under <paramref name="key"/>.</summary>
    public void Put(string key, string sourceFile)
    {
        var target = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(sourceFile, target, overwrite: true);
    }

    public void PutText(string key, string text)
    {
        var target = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temp = target + ".tmp";
        File.WriteAllText(temp, text);
        File.Move(temp, target, overwrite: true); // objects appear whole, as in S3
    }

    private string PathOf(string key) => Path.Combine(BucketDirectory, key.Replace('/', Path.DirectorySeparatorChar));

    private static string Sign(string key, string date, string seconds) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Secret, Encoding.UTF8.GetBytes($"{key}\n{date}\n{seconds}")));

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => Handle(context));
        }
    }

    private void Handle(HttpListenerContext context)
    {
        var request = context.Request;
        var response = context.Response;
        var key = Uri.UnescapeDataString(request.Url!.AbsolutePath.StartsWith("/bucket/", StringComparison.Ordinal) ? request.Url.AbsolutePath[8..] : "");
        var status = 200;
        try
        {
            var query = System.Web.HttpUtility.ParseQueryString(request.Url.Query);
            var date = query["X-Amz-Date"];
            var seconds = query["X-Amz-Expires"];
            var signature = query["X-Amz-Signature"];
            var file = key.Length > 0 ? PathOf(key) : "";
            string? denial = null;
            if (Unavailable)
            {
                status = 503;
                response.StatusCode = 503;
                return;
            }

            if (date is null || seconds is null || signature is null || !CryptographicOperations.FixedTimeEquals(
                    Encoding.ASCII.GetBytes(signature), Encoding.ASCII.GetBytes(Sign(key, date, seconds))))
            {
                denial = "Query-string authentication requires the Signature, Expires and AWSAccessKeyId parameters";
            }
            else if (DateTimeOffset.ParseExact(date, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)
                         .AddSeconds(long.Parse(seconds, CultureInfo.InvariantCulture)) < Now)
            {
                denial = "Request has expired";
            }
            else if (!File.Exists(file))
            {
                denial = "Access Denied";
            }

            if (denial is not null)
            {
                status = 403;
                var body = Encoding.UTF8.GetBytes($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>AccessDenied</Code><Message>{denial}</Message></Error>");
                response.StatusCode = 403;
                response.ContentType = "application/xml";
                response.OutputStream.Write(body);
                return;
            }

            var bytes = File.ReadAllBytes(file);
            response.ContentType = Path.GetExtension(file).ToLowerInvariant() switch
            {
                ".html" => "text/html; charset=utf-8",
                ".json" => "application/json",
                ".jpg" => "image/jpeg",
                ".webp" => "image/webp",
                ".zip" => "application/zip",
                _ => "application/octet-stream",
            };
            response.ContentLength64 = bytes.Length;
            response.OutputStream.Write(bytes);
        }
        catch (Exception e) when (e is IOException or HttpListenerException)
        {
            status = 500; // the browser went away mid-response (navigation); nothing to report
        }
        finally
        {
            Log.Enqueue((key, status));
            try
            {
                response.Close();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
            }
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        _listener.Close();
        await _loop;
        _stop.Dispose();
    }
}
