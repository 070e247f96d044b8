using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using GhostRoll.Publishing.S3;

namespace GhostRoll.Publishing.ShareLink;

/// <summary>
/// Reads and writes <see cref="LinkRecord"/>s in the bucket (<c>links/&lt;CODE&gt;.json</c>). Records are private
/// objects like everything else; only the appliance writes them, the link service reads them.
/// </summary>
internal sealed class LinkStore(S3Connection connection, S3RetryPolicy retry)
{
    /// <summary>Writes (or overwrites) a record. Throws <see cref="GhostRoll.Pipeline.PublishException"/> saying what to do.</summary>
    public async Task PutAsync(LinkRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var key = LinkRecord.KeyFor(record.Code);
        try
        {
            await retry.ExecuteAsync($"write of {key}", async ct =>
            {
                using var body = new MemoryStream(record.ToJson(), writable: false);
                var request = new PutObjectRequest
                {
                    BucketName = connection.Bucket,
                    Key = key,
                    InputStream = body,
                    AutoCloseStream = false,
                    ContentType = "application/json; charset=utf-8",
                    UseChunkEncoding = false, // Swift answers aws-chunked bodies with 501
                };
                request.Headers.CacheControl = "no-store";
                await connection.Client.PutObjectAsync(request, ct).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw S3Errors.Translate(e, $"write of {key}", connection);
        }
    }

    /// <summary>The record of a code, or null when there is none (or it is not a record).</summary>
    public async Task<LinkRecord?> GetAsync(string code, CancellationToken cancellationToken)
    {
        if (!LinkCode.IsWellFormed(code))
        {
            return null;
        }

        var key = LinkRecord.KeyFor(code);
        try
        {
            return await retry.ExecuteAsync($"read of {key}", async ct =>
            {
                using var response = await connection.Client.GetObjectAsync(connection.Bucket, key, ct).ConfigureAwait(false);
                using var buffer = new MemoryStream();
                await response.ResponseStream.CopyToAsync(buffer, ct).ConfigureAwait(false);
                return LinkRecord.FromJson(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw S3Errors.Translate(e, $"read of {key}", connection);
        }
    }

    /// <summary>Removes a record (the doctor's round-trip test code); the code then answers 404.</summary>
    public async Task DeleteAsync(string code, CancellationToken cancellationToken)
    {
        var key = LinkRecord.KeyFor(code);
        try
        {
            await retry.ExecuteAsync($"delete of {key}", async ct =>
                await connection.Client.DeleteObjectAsync(connection.Bucket, key, ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw S3Errors.Translate(e, $"delete of {key}", connection);
        }
    }
}
