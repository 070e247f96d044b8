using System.Security.Cryptography;

namespace GhostRoll.Publishing.S3;

/// <summary>
/// SHA-256 (the upload ledger's identity of content) and MD5 (what S3 returns as the ETag of a plain PUT or a
/// part, so we can verify the server stored exactly our bytes) of a file or a range of it, in one read.
/// </summary>
internal readonly record struct FileDigest(string Sha256, string Md5, long Length)
{
    private const int BufferSize = 1 << 17;

    public static async Task<FileDigest> ComputeAsync(string path, CancellationToken cancellationToken, long offset = 0, long? length = null)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
#pragma warning disable CA5351 // MD5 is not used for security: it is the S3 ETag we compare against.
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
#pragma warning restore CA5351
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);
        stream.Position = offset;
        var remaining = length ?? stream.Length - offset;
        var total = 0L;
        var buffer = new byte[BufferSize];
        while (remaining > 0)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, remaining)), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            sha.AppendData(buffer, 0, read);
            md5.AppendData(buffer, 0, read);
            remaining -= read;
            total += read;
        }

        return new FileDigest(Convert.ToHexStringLower(sha.GetHashAndReset()), Convert.ToHexStringLower(md5.GetHashAndReset()), total);
    }

    /// <summary>True when an ETag is a plain MD5 (not a multipart or SSE-KMS ETag) that differs from <paramref name="md5"/>.</summary>
    public static bool ETagContradicts(string? etag, string md5)
    {
        var value = etag?.Trim('"') ?? "";
        return value.Length == 32 && value.All(char.IsAsciiHexDigit) && !value.Equals(md5, StringComparison.OrdinalIgnoreCase);
    }
}
