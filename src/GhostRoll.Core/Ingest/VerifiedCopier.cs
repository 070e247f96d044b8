using System.Buffers;
using System.Security.Cryptography;
using GhostRoll.Interop;
using GhostRoll.Storage;

namespace GhostRoll.Ingest;

/// <summary>Outcome of copying one card file.</summary>
/// <param name="CardBytesRead">Bytes read from the card (for the read-amplification benchmark).</param>
/// <param name="Kept">False when the caller declined the content (a duplicate): nothing was left on disk.</param>
internal readonly record struct CopyResult(string Sha256, long Bytes, long CardBytesRead, bool AdoptedExisting, bool Kept = true);

/// <summary>The copy did not match its source; nothing was kept.</summary>
internal sealed class CopyVerificationException : IOException
{
    public CopyVerificationException(string message) : base(message)
    {
    }

    public CopyVerificationException() : base("copy verification failed")
    {
    }

    public CopyVerificationException(string message, Exception inner) : base(message, inner)
    {
    }
}

/// <summary>
/// Copies one card file so that either a complete, verified copy exists under its final name or nothing does:
/// <list type="number">
/// <item>read the card once in large blocks, hashing (SHA-256) while writing to a hidden temporary file in the
/// destination folder (preallocated, so a full disk fails up front);</item>
/// <item>set the camera's mtime, fsync;</item>
/// <item>verify: size equals what the card reported and what was read; with <c>VERIFY_COPIES</c>, drop the copy's
/// pages from the cache and re-read it from disk, comparing SHA-256;</item>
/// <item>rename into place and fsync the folder, so the name survives power loss.</item>
/// </list>
/// Only then may the caller record the file as ingested. The card is opened read-only, once.
/// </summary>
internal sealed class VerifiedCopier(ICardFileSource source, bool verify)
{
    /// <summary>1 MiB blocks: large enough for SD cards and USB readers to stream, small enough for a Pi Zero.</summary>
    public const int BlockSize = 1 << 20;

    /// <summary>Reads and hashes a card file without copying it (used when its size matches something already ingested).</summary>
    public Task<(string Sha256, long Bytes)> HashAsync(string cardFile, CancellationToken cancellationToken) =>
        HashAsync(() => source.OpenRead(cardFile), cancellationToken);

    /// <summary>Reads and hashes a scanned card file (any name, UTF-8 or not).</summary>
    public Task<(string Sha256, long Bytes)> HashAsync(CardFile cardFile, CancellationToken cancellationToken) =>
        HashAsync(() => source.OpenRead(cardFile), cancellationToken);

    private static async Task<(string Sha256, long Bytes)> HashAsync(Func<Stream> open, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BlockSize);
        try
        {
            await using var input = open();
            return await HashStreamAsync(input, buffer, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Copies <paramref name="cardFile"/> to <paramref name="destination"/>. If the destination already exists with the
    /// same content (a crash after the rename but before the database commit), it is adopted; if it exists with other
    /// content, a <see cref="CopyVerificationException"/> is thrown and nothing is overwritten.
    /// <paramref name="keep"/> sees the verified SHA-256 before the rename: returning false (a duplicate) discards the
    /// copy, so a duplicate never gets a final name even if the process dies right then.
    /// </summary>
    public Task<CopyResult> CopyAsync(string cardFile, long expectedSize, long mtimeNs, string destination, Func<string, bool>? keep, CancellationToken cancellationToken) =>
        CopyAsync(() => source.OpenRead(cardFile), cardFile, expectedSize, mtimeNs, destination, keep, cancellationToken);

    /// <summary>Copies a scanned card file (any name, UTF-8 or not) with its listed size and mtime; see the overload above.</summary>
    public Task<CopyResult> CopyAsync(CardFile cardFile, string destination, Func<string, bool>? keep, CancellationToken cancellationToken) =>
        CopyAsync(() => source.OpenRead(cardFile), cardFile.FullPath, cardFile.SizeBytes, cardFile.MtimeNs, destination, keep, cancellationToken);

    private async Task<CopyResult> CopyAsync(Func<Stream> open, string cardFile, long expectedSize, long mtimeNs, string destination, Func<string, bool>? keep, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(destination)!;
        Directory.CreateDirectory(directory);
        var temp = AtomicFile.TempNameFor(destination);
        var buffer = ArrayPool<byte>.Shared.Rent(BlockSize);
        try
        {
            string sha;
            long written = 0;
            using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            {
                await using (var input = open())
                await using (var output = new FileStream(temp, new FileStreamOptions
                {
                    Mode = FileMode.CreateNew,
                    Access = FileAccess.Write,
                    Share = FileShare.None,
                    BufferSize = 0,
                    PreallocationSize = expectedSize,
                }))
                {
                    int read;
                    while ((read = await input.ReadAsync(buffer.AsMemory(0, BlockSize), cancellationToken).ConfigureAwait(false)) > 0)
                    {
                        hash.AppendData(buffer, 0, read);
                        await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                        written += read;
                    }

                    if (output.Length != written)
                    {
                        output.SetLength(written); // preallocation rounds up on some filesystems
                    }

                    FileStatus.SetMtime(temp, mtimeNs);
                    output.Flush(flushToDisk: true);
                }

                sha = Convert.ToHexStringLower(hash.GetHashAndReset());
            }

            if (written != expectedSize)
            {
                throw new CopyVerificationException($"{cardFile}: read {written} bytes but the card listed {expectedSize}; the file changed or the card is failing");
            }

            if (verify)
            {
                var (copySha, copyBytes) = await HashFromDiskAsync(temp, buffer, cancellationToken).ConfigureAwait(false);
                if (copySha != sha || copyBytes != written)
                {
                    throw new CopyVerificationException($"{destination}: the copy read back from disk does not match the card (SHA-256 {copySha[..12]}… vs {sha[..12]}…); the destination disk may be failing");
                }
            }

            if (keep is not null && !keep(sha))
            {
                File.Delete(temp);
                return new CopyResult(sha, written, written, AdoptedExisting: false, Kept: false);
            }

            var adopted = false;
            if (File.Exists(destination))
            {
                // A previous run renamed this file into place and was killed before recording it.
                var (existingSha, existingBytes) = await HashFromDiskAsync(destination, buffer, cancellationToken).ConfigureAwait(false);
                if (existingSha != sha || existingBytes != written)
                {
                    throw new CopyVerificationException($"{destination} already exists with different content; not overwriting it");
                }

                File.Delete(temp);
                adopted = true;
            }
            else
            {
                File.Move(temp, destination);
            }

            Libc.FsyncDirectory(directory);
            return new CopyResult(sha, written, written, adopted);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task<(string Sha256, long Bytes)> HashFromDiskAsync(string path, byte[] buffer, CancellationToken cancellationToken)
    {
        await using var input = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.Open,
            Access = FileAccess.Read,
            Share = FileShare.Read,
            BufferSize = 0,
            Options = FileOptions.SequentialScan,
        });
        // The pages are clean after fsync, so DONTNEED really evicts them and the read below comes from the disk.
        _ = Libc.PosixFadvise(input.SafeFileHandle, 0, 0, Libc.POSIX_FADV_DONTNEED);
        return await HashStreamAsync(input, buffer, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<(string Sha256, long Bytes)> HashStreamAsync(Stream input, byte[] buffer, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long total = 0;
        int read;
        while ((read = await input.ReadAsync(buffer.AsMemory(0, BlockSize), cancellationToken).ConfigureAwait(false)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            total += read;
        }

        return (Convert.ToHexStringLower(hash.GetHashAndReset()), total);
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
        catch (UnauthorizedAccessException)
        {
        }
    }
}
