using System.Text.Json;
using System.Text.Json.Serialization;
using Amazon.S3;
using Amazon.S3.Model;
using GhostRoll.Storage;

namespace GhostRoll.Publishing.S3;

/// <summary>
/// Resumable multipart uploads. The upload id is kept in a small state file next to the session, so a run that
/// was interrupted (server down, card pulled, power cut) continues where it stopped: the parts the server
/// already holds (ListParts) are kept when their ETag equals the MD5 of our bytes for that range, and only the
/// missing or different parts are sent.
/// </summary>
internal sealed partial class ObjectUploader
{
    private async Task UploadMultipartAsync(UploadItem item, FileDigest digest, CancellationToken cancellationToken)
    {
        var statePath = StatePath(item.Key);
        var partCount = (int)((digest.Length + _tuning.PartSize - 1) / _tuning.PartSize);
        var state = ReadState(statePath);
        var existing = new Dictionary<int, PartDetail>();

        if (state is not null && (state.Sha256 != digest.Sha256 || state.PartSize != _tuning.PartSize || state.Key != item.Key))
        {
            // The file changed since the interrupted attempt: its parts are useless.
            await AbortQuietlyAsync(state, cancellationToken).ConfigureAwait(false);
            state = null;
        }

        if (state is not null)
        {
            existing = await ListPartsAsync(item.Key, state.UploadId, cancellationToken).ConfigureAwait(false) ?? [];
            if (existing.Count == 0)
            {
                state = null; // unknown upload id (aborted or expired by a lifecycle rule): start over
            }
        }

        if (state is null)
        {
            var uploadId = await _retry.ExecuteAsync($"start of the multipart upload of {item.Key}", async ct =>
            {
                var request = new InitiateMultipartUploadRequest { BucketName = _connection.Bucket, Key = item.Key, ContentType = item.ContentType };
                request.Headers.CacheControl = item.CacheControl;
                if (item.ContentDisposition is not null)
                {
                    request.Headers.ContentDisposition = item.ContentDisposition;
                }

                return (await _connection.Client.InitiateMultipartUploadAsync(request, ct).ConfigureAwait(false)).UploadId;
            }, cancellationToken).ConfigureAwait(false);
            state = new MultipartState(item.Key, uploadId, digest.Sha256, _tuning.PartSize);
            AtomicFile.WriteAllBytes(statePath, JsonSerializer.SerializeToUtf8Bytes(state, PublishingJsonContext.Default.MultipartState));
        }
        else
        {
            Log.MultipartResumed(_logger, item.Key, existing.Count, partCount);
        }

        var etags = new List<PartETag>(partCount);
        for (var part = 1; part <= partCount; part++)
        {
            var offset = (part - 1) * _tuning.PartSize;
            var length = Math.Min(_tuning.PartSize, digest.Length - offset);
            var local = await FileDigest.ComputeAsync(item.LocalPath, cancellationToken, offset, length).ConfigureAwait(false);
            if (existing.TryGetValue(part, out var stored) && stored.Size == length && !FileDigest.ETagContradicts(stored.ETag, local.Md5)
                && stored.ETag?.Trim('"').Length == 32)
            {
                etags.Add(new PartETag(part, stored.ETag));
                Statistics.PartReused();
                continue;
            }

            var number = part;
            var etag = await _retry.ExecuteAsync($"part {number}/{partCount} of {item.Key}", length, async ct =>
            {
                var response = await _connection.Client.UploadPartAsync(new UploadPartRequest
                {
                    BucketName = _connection.Bucket,
                    Key = item.Key,
                    UploadId = state.UploadId,
                    PartNumber = number,
                    FilePath = item.LocalPath,
                    FilePosition = offset,
                    PartSize = length,
                    IsLastPart = number == partCount,
                    UseChunkEncoding = false,
                }, ct).ConfigureAwait(false);
                if (FileDigest.ETagContradicts(response.ETag, local.Md5))
                {
                    throw new IOException($"{item.Key} part {number}: the server's ETag {response.ETag} does not match the local MD5 {local.Md5}");
                }

                return response.ETag;
            }, cancellationToken).ConfigureAwait(false);
            etags.Add(new PartETag(number, etag));
            Statistics.Part(length);
            PartUploaded?.Invoke(item.Key, number);
        }

        await _retry.ExecuteAsync($"completion of the multipart upload of {item.Key}", ct =>
            _connection.Client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
            {
                BucketName = _connection.Bucket,
                Key = item.Key,
                UploadId = state.UploadId,
                PartETags = etags,
            }, ct), cancellationToken).ConfigureAwait(false);
        TryDelete(statePath);
    }

    /// <summary>Parts the server holds for an upload id, or null when the upload is unknown.</summary>
    private async Task<Dictionary<int, PartDetail>?> ListPartsAsync(string key, string uploadId, CancellationToken cancellationToken)
    {
        var parts = new Dictionary<int, PartDetail>();
        var request = new ListPartsRequest { BucketName = _connection.Bucket, Key = key, UploadId = uploadId };
        try
        {
            ListPartsResponse response;
            do
            {
                response = await _retry.ExecuteAsync($"listing the parts of {key}", ct => _connection.Client.ListPartsAsync(request, ct), cancellationToken).ConfigureAwait(false);
                foreach (var part in response.Parts ?? [])
                {
                    if (part.PartNumber is { } n)
                    {
                        parts[n] = part;
                    }
                }

                request.PartNumberMarker = response.NextPartNumberMarker?.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            while (response.IsTruncated == true);
        }
        catch (AmazonS3Exception e) when (!S3Errors.IsTransient(e, cancellationToken))
        {
            // NoSuchUpload (aborted, expired), or a server without ListParts (s3rver: 405): resuming is only an
            // optimisation, so start a new upload.
            return null;
        }

        return parts;
    }

    private async Task AbortQuietlyAsync(MultipartState state, CancellationToken cancellationToken)
    {
        try
        {
            await _connection.Client.AbortMultipartUploadAsync(new AbortMultipartUploadRequest
            {
                BucketName = _connection.Bucket, Key = state.Key, UploadId = state.UploadId,
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonS3Exception)
        {
            // Already gone; a bucket lifecycle rule (AbortIncompleteMultipartUpload) cleans up anything left.
        }
    }

    private string StatePath(string key) => StateFilePath("multipart-", key) + ".json";

    private static MultipartState? ReadState(string path)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(path), PublishingJsonContext.Default.MultipartState);
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>An unfinished multipart upload, remembered between runs.</summary>
internal sealed record MultipartState(string Key, string UploadId, string Sha256, long PartSize);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(MultipartState))]
internal sealed partial class PublishingJsonContext : JsonSerializerContext;
