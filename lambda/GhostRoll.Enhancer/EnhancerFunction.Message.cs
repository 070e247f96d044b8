using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using GhostRoll.Imaging;
using GhostRoll.Publishing.S3;

namespace GhostRoll.Enhancer;

public sealed partial class EnhancerFunction
{
    /// <summary>User metadata on the enhanced object naming the share image's ETag it was made from (idempotency).</summary>
    public const string SourceETagMetadata = "ghostroll-source-etag";

    /// <summary>User metadata with the recipe the enhancer chose (replayable; left out if it does not fit a header).</summary>
    public const string RecipeMetadata = "ghostroll-recipe";

    /// <summary>"true" when the enhancer changed the picture, "false" when it judged it fine as it was.</summary>
    public const string ChangedMetadata = "ghostroll-changed";

    /// <summary>As the appliance's own images: private, cached by the browser for the link's 7 days.</summary>
    public const string CacheControl = "private, max-age=604800";

    /// <summary>Share images are about 1 MB (2048 px, quality 85-92); anything far bigger is not one.</summary>
    public const long MaxSourceBytes = 48L << 20;

    /// <summary>Recipes are small; S3 allows 2 KB of user metadata in all.</summary>
    private const int MaxRecipeMetadata = 1536;

    private async Task<MessageOutcome> EnhanceAsync(string id, ShareImageKey share, string? eventETag, CancellationToken cancellationToken)
    {
        var s3 = _options.S3;
        var bucket = _options.Bucket;

        // 1. Already done for this source? One HEAD, and no download when the event's ETag matches.
        string? doneFor;
        try
        {
            doneFor = await EnhancedSourceETagAsync(share.EnhancedKey, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is AmazonS3Exception || S3Errors.IsTransient(e, cancellationToken))
        {
            return new MessageOutcome(id, OutcomeKind.Retry, $"{share.EnhancedKey}: {Describe(e)}");
        }

        if (doneFor is not null && eventETag is not null && ETagsEqual(doneFor, eventETag))
        {
            return new MessageOutcome(id, OutcomeKind.AlreadyEnhanced, share.EnhancedKey);
        }

        // 2. The share image.
        byte[] source;
        string sourceETag;
        try
        {
            using var response = await s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = share.SourceKey }, cancellationToken).ConfigureAwait(false);
            if (response.ContentLength > MaxSourceBytes)
            {
                return new MessageOutcome(id, OutcomeKind.Dropped, $"{share.SourceKey} is {response.ContentLength} bytes, too large for a share image");
            }

            source = new byte[response.ContentLength];
            await response.ResponseStream.ReadExactlyAsync(source, cancellationToken).ConfigureAwait(false);
            sourceETag = response.ETag ?? "";
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            // Deleted since it was created (a new upload makes a new event): nothing will ever be there to enhance.
            return new MessageOutcome(id, OutcomeKind.Dropped, $"{share.SourceKey} does not exist ({e.ErrorCode})") { SourceNotFound = true };
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.Forbidden)
        {
            // Without s3:ListBucket (the role has none) S3 answers 403 for a missing key too, but it is also what a
            // wrong role, bucket policy or KMS key gives: retried, so a misconfiguration ends in the DLQ and its alarm.
            return new MessageOutcome(id, OutcomeKind.Retry, $"{share.SourceKey}: access denied ({e.ErrorCode}): missing, or the role may not read it") { SourceNotFound = true };
        }
        catch (Exception e) when (S3Errors.IsTransient(e, cancellationToken))
        {
            return new MessageOutcome(id, OutcomeKind.Retry, $"{share.SourceKey}: {Describe(e)}");
        }

        if (doneFor is not null && ETagsEqual(doneFor, sourceETag))
        {
            return new MessageOutcome(id, OutcomeKind.AlreadyEnhanced, share.EnhancedKey);
        }

        // 3. Enhance. Deterministic: bytes that failed once fail again, so those are dropped, not retried.
        if (source is not [0xFF, 0xD8, 0xFF, ..])
        {
            return new MessageOutcome(id, OutcomeKind.Dropped, $"{share.SourceKey} is not a JPEG");
        }

        EnhancedImage enhanced;
        try
        {
            enhanced = _options.Enhance(source);
        }
        catch (Exception e) when (e is ImagingException or InvalidDataException)
        {
            return new MessageOutcome(id, OutcomeKind.Dropped, $"{share.SourceKey} could not be enhanced ({e.GetType().Name}: {e.Message})");
        }

        cancellationToken.ThrowIfCancellationRequested();

        // 4. The enhanced image, naming its source's ETag. A plain (not aws-chunked) body from a seekable stream:
        // S3-compatible servers such as Swift refuse chunked uploads.
        var put = new PutObjectRequest
        {
            BucketName = bucket,
            Key = share.EnhancedKey,
            InputStream = new MemoryStream(enhanced.Jpeg, writable: false),
            ContentType = "image/jpeg",
            UseChunkEncoding = false,
            AutoCloseStream = true,
        };
        put.Headers.CacheControl = CacheControl;
        put.Metadata[SourceETagMetadata] = TrimQuotes(sourceETag);
        put.Metadata[ChangedMetadata] = enhanced.Changed ? "true" : "false";
        if (enhanced.RecipeJson is { Length: > 0 and <= MaxRecipeMetadata } recipe && recipe.All(char.IsAscii) && !recipe.Any(char.IsControl))
        {
            put.Metadata[RecipeMetadata] = recipe;
        }

        try
        {
            await s3.PutObjectAsync(put, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is AmazonS3Exception || S3Errors.IsTransient(e, cancellationToken))
        {
            return new MessageOutcome(id, OutcomeKind.Retry, $"{share.EnhancedKey}: upload failed: {Describe(e)}");
        }

        return new MessageOutcome(id, OutcomeKind.Enhanced, $"{share.EnhancedKey} ({enhanced.Jpeg.Length} bytes{(enhanced.Changed ? "" : ", unchanged")})");
    }

    /// <summary>
    /// The source ETag recorded on the enhanced object, or null when there is none. A missing key answers 404, or
    /// 403 without s3:ListBucket (AWS): both mean "not made yet"; a real denial shows up at the upload.
    /// </summary>
    private async Task<string?> EnhancedSourceETagAsync(string enhancedKey, CancellationToken cancellationToken)
    {
        try
        {
            var head = await _options.S3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = _options.Bucket, Key = enhancedKey }, cancellationToken)
                .ConfigureAwait(false);
            return head.Metadata[SourceETagMetadata] is { Length: > 0 } etag ? etag : null;
        }
        catch (AmazonS3Exception e) when (e.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden)
        {
            return null;
        }
    }

    private static bool ETagsEqual(string a, string b) => string.Equals(TrimQuotes(a), TrimQuotes(b), StringComparison.Ordinal);

    /// <summary>S3 sends ETags quoted in headers ("…") and bare in events.</summary>
    private static string TrimQuotes(string etag) => etag.Trim().Trim('"');

    private static string Describe(Exception e) => e is AmazonS3Exception s3
        ? $"{(int)s3.StatusCode} {s3.ErrorCode}"
        : $"{e.GetType().Name}: {e.Message}";
}
