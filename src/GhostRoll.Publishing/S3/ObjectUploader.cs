using System.Net;
using System.Security.Cryptography;
using System.Text;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Logging;

namespace GhostRoll.Publishing.S3;

/// <summary>A local file and where it goes in the bucket, with the headers the browser needs.</summary>
/// <param name="Key">Full object key (with the session prefix).</param>
internal sealed record UploadItem(string LocalPath, string Key, string ContentType, string CacheControl, string? ContentDisposition = null);

/// <summary>Object sizes that switch to multipart uploads (S3 parts: 5 MiB to 5 GiB, at most 10,000 of them).</summary>
public sealed record UploadTuning
{
    public long MultipartThreshold { get; init; } = 32L * 1024 * 1024;

    public long PartSize { get; init; } = 8L * 1024 * 1024;
}

/// <summary>What the uploader did in this run (for logs, benchmarks and tests).</summary>
public sealed class UploadStatistics
{
    private long _objects;
    private long _bytes;
    private long _skipped;
    private long _partsUploaded;
    private long _partsReused;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _keys = new();

    public long ObjectsUploaded => Interlocked.Read(ref _objects);

    public long BytesUploaded => Interlocked.Read(ref _bytes);

    /// <summary>Files not uploaded because the ledger says the same content is already at the key.</summary>
    public long Skipped => Interlocked.Read(ref _skipped);

    public long PartsUploaded => Interlocked.Read(ref _partsUploaded);

    /// <summary>Multipart parts found intact in the bucket from an interrupted earlier attempt.</summary>
    public long PartsReused => Interlocked.Read(ref _partsReused);

    /// <summary>Keys whose content was sent in this run (ledgered files, not index/manifest).</summary>
    public IReadOnlyCollection<string> UploadedKeys => _keys;

    internal void Uploaded(string key, long bytes)
    {
        Interlocked.Increment(ref _objects);
        Interlocked.Add(ref _bytes, bytes);
        _keys.Enqueue(key);
    }

    internal void Skip() => Interlocked.Increment(ref _skipped);

    internal void Part(long bytes)
    {
        Interlocked.Increment(ref _partsUploaded);
        Interlocked.Add(ref _bytes, bytes);
    }

    internal void PartReused() => Interlocked.Increment(ref _partsReused);
}

/// <summary>
/// Puts files into the bucket exactly once per content: the <c>uploads(s3_key, local_sha256)</c> ledger says what
/// is already there, so a replayed or resumed publish sends only what is missing or changed. Bodies are plain
/// (never aws-chunked: Swift answers 501, s3rver stores the chunk framing) and read from seekable file streams;
/// the ETag the server returns is checked against our MD5. Objects are private: no ACL is ever sent, so they
/// get the bucket's default (private). Large files (share.zip, clips) go as resumable multipart uploads.
/// </summary>
internal sealed partial class ObjectUploader
{
    private readonly S3Connection _connection;
    private readonly UploadLedger _uploads;
    private readonly S3RetryPolicy _retry;
    private readonly ILogger _logger;
    private readonly UploadTuning _tuning;
    private readonly string _stateDir;

    /// <param name="stateDir">Where multipart upload ids are kept between runs (inside the session folder).</param>
    public ObjectUploader(S3Connection connection, UploadLedger uploads, S3RetryPolicy retry, ILogger logger, UploadTuning tuning, string stateDir)
    {
        _connection = connection;
        _uploads = uploads;
        _retry = retry;
        _logger = logger;
        _tuning = tuning;
        _stateDir = stateDir;
    }

    public UploadStatistics Statistics { get; } = new();

    /// <summary>Raised after each multipart part is stored (key, part number); fault tests stop servers here.</summary>
    public event Action<string, int>? PartUploaded;

    /// <summary>
    /// Uploads a file unless the ledger already has this content at this key. Returns true when bytes were sent.
    /// Throws <see cref="GhostRoll.Pipeline.PublishException"/> (translated) when retries are exhausted.
    /// </summary>
    public async Task<bool> UploadFileAsync(UploadItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        var digest = await FileDigest.ComputeAsync(item.LocalPath, cancellationToken).ConfigureAwait(false);
        if (_uploads.UploadedSha(item.Key) == digest.Sha256)
        {
            Statistics.Skip();
            Log.AlreadyUploaded(_logger, item.Key);
            return false;
        }

        var marker = SentMarkerPath(item.Key);
        var stored = false;
        try
        {
            if (digest.Length >= _tuning.MultipartThreshold)
            {
                await UploadMultipartAsync(item, digest, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                // The server may hold an attempt whose answer we never saw: the process was killed (or the connection
                // lost) between the server's 2xx and the ledger row below. The marker says an earlier run sent this
                // key; a retry in this run knows it sent. Before sending again, the object's ETag (the MD5 of a
                // single-part object) tells whether the server already has exactly these bytes.
                var sent = File.Exists(marker);
                await _retry.ExecuteAsync($"upload of {item.Key}", digest.Length, async ct =>
                {
                    if (sent && await HoldsAsync(item.Key, digest, ct).ConfigureAwait(false))
                    {
                        stored = true;
                        return;
                    }

                    if (!sent)
                    {
                        MarkSent(marker);
                        sent = true;
                    }

                    await PutFileAsync(item, digest, ct).ConfigureAwait(false);
                }, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw e as GhostRoll.Pipeline.PublishException ?? S3Errors.Translate(e, $"upload of {item.Key}", _connection);
        }

        // Recorded only after the server confirmed the whole object; until then the marker stays.
        _uploads.RecordUpload(item.Key, digest.Sha256, digest.Length);
        TryDelete(marker);
        if (stored)
        {
            Statistics.Skip();
            Log.AlreadyUploaded(_logger, item.Key);
            return false;
        }

        Statistics.Uploaded(item.Key, digest.Length);
        Log.Uploaded(_logger, item.Key, digest.Length);
        return true;
    }

    /// <summary>Puts a small generated object (index.html, manifest.json). Not ledgered: these change during a session.</summary>
    public async Task PutBytesAsync(string key, ReadOnlyMemory<byte> body, string contentType, string cacheControl, CancellationToken cancellationToken, S3RetryPolicy? retry = null)
    {
        try
        {
            await (retry ?? _retry).ExecuteAsync($"upload of {key}", body.Length, async ct =>
            {
                using var stream = new MemoryStream(body.ToArray(), writable: false);
                var request = new PutObjectRequest
                {
                    BucketName = _connection.Bucket,
                    Key = key,
                    InputStream = stream,
                    AutoCloseStream = false,
                    ContentType = contentType,
                    UseChunkEncoding = false,
                };
                request.Headers.CacheControl = cacheControl;
                await _connection.Client.PutObjectAsync(request, ct).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw S3Errors.Translate(e, $"upload of {key}", _connection);
        }
    }

    /// <summary>True when the server has an object at the key with our length and our MD5 as its ETag.</summary>
    private async Task<bool> HoldsAsync(string key, FileDigest digest, CancellationToken cancellationToken)
    {
        try
        {
            var head = await _connection.Client.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = _connection.Bucket, Key = key }, cancellationToken).ConfigureAwait(false);
            return head.ContentLength == digest.Length && string.Equals(head.ETag?.Trim('"'), digest.Md5, StringComparison.OrdinalIgnoreCase);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    /// <summary>
    /// An empty file per key that has been sent but is not yet in the ledger, beside the multipart state. Not made
    /// durable: a kill keeps it (the page cache survives the process); a power cut may lose it, and then the object
    /// is simply sent again.
    /// </summary>
    private void MarkSent(string marker)
    {
        try
        {
            Directory.CreateDirectory(_stateDir);
            File.WriteAllBytes(marker, []);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Without the marker an answer lost to a kill means the object is sent again: more traffic, never less data.
        }
    }

    private string SentMarkerPath(string key) => StateFilePath("sent-", key);

    /// <summary>A per-key file in the state folder, named by a hash of the key (keys may hold any character).</summary>
    private string StateFilePath(string kind, string key) =>
        Path.Combine(_stateDir, kind + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..16]);

    private async Task PutFileAsync(UploadItem item, FileDigest digest, CancellationToken cancellationToken)
    {
        var request = new PutObjectRequest
        {
            BucketName = _connection.Bucket,
            Key = item.Key,
            // A fresh seekable stream per attempt: the SDK hashes it for the signature, then sends it plainly.
            FilePath = item.LocalPath,
            ContentType = item.ContentType,
            UseChunkEncoding = false,
        };
        request.Headers.CacheControl = item.CacheControl;
        if (item.ContentDisposition is not null)
        {
            request.Headers.ContentDisposition = item.ContentDisposition;
        }

        var response = await _connection.Client.PutObjectAsync(request, cancellationToken).ConfigureAwait(false);
        if (FileDigest.ETagContradicts(response.ETag, digest.Md5))
        {
            // The server stored different bytes than we hashed (file changed underneath, or corruption in
            // transit): an IOException is transient, so the retry policy sends it again.
            throw new IOException($"{item.Key}: the server's ETag {response.ETag} does not match the local MD5 {digest.Md5}");
        }
    }
}
