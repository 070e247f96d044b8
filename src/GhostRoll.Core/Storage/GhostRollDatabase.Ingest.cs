namespace GhostRoll.Storage;

/// <summary>A (volume, path, size, mtime) → SHA-256 memory from an earlier run.</summary>
public readonly record struct CardFingerprint(long SizeBytes, long MtimeNs, string Sha256);

public sealed partial class GhostRollDatabase
{
    /// <summary>Sizes of everything ever ingested: a file whose size is not here cannot be a duplicate.</summary>
    public HashSet<long> IngestedSizes() => Read(c =>
    {
        var sizes = new HashSet<long>();
        var statement = c.Prepare("SELECT DISTINCT size_bytes FROM ingested_files");
        while (statement.Read())
        {
            sizes.Add(statement.GetInt64(0));
        }

        return sizes;
    });

    public bool IsIngested(string sha256) => Read(c =>
        c.Prepare("SELECT 1 FROM ingested_files WHERE sha256 = ?").Bind(1, sha256).ScalarInt64() is not null);

    /// <summary>Every fingerprint recorded for a volume, keyed by card-relative path (one query per run).</summary>
    public Dictionary<string, CardFingerprint> Fingerprints(string volumeId) => Read(c =>
    {
        var result = new Dictionary<string, CardFingerprint>(StringComparer.Ordinal);
        var statement = c.Prepare("SELECT rel_path, size_bytes, mtime_ns, sha256 FROM card_fingerprints WHERE volume_id = ?").Bind(1, volumeId);
        while (statement.Read())
        {
            result[statement.GetString(0)] = new CardFingerprint(statement.GetInt64(1), statement.GetInt64(2), statement.GetString(3));
        }

        return result;
    });

    /// <summary>The subset of <paramref name="sha256s"/> already in the ledger.</summary>
    public HashSet<string> IngestedAmong(IEnumerable<string> sha256s) => Read(c =>
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var statement = c.Prepare("SELECT 1 FROM ingested_files WHERE sha256 = ?");
        foreach (var sha in sha256s)
        {
            if (statement.Bind(1, sha).ScalarInt64() is not null)
            {
                found.Add(sha);
            }
        }

        return found;
    });

    /// <summary>
    /// Records a verified copy in one transaction: the file is ingested (globally), its journal row is "copied",
    /// and the card fingerprint lets the next insertion skip it without reading. Call only after the copy is
    /// fsynced, verified and renamed into place.
    /// </summary>
    public void RecordCopied(string sessionId, string cardPath, string sha256, long sizeBytes, long mtimeNs, string volumeId, string sourceHint) => Write(c =>
    {
        var now = UtcNow();
        c.Prepare("INSERT OR IGNORE INTO ingested_files(sha256, size_bytes, first_seen_utc, source_hint) VALUES(?, ?, ?, ?)")
            .Bind(1, sha256).Bind(2, sizeBytes).Bind(3, now).Bind(4, sourceHint).Run();
        c.Prepare("UPDATE session_files SET state = 'copied', sha256 = ?, error = NULL, updated_utc = ? WHERE session_id = ? AND rel_path = ?")
            .Bind(1, sha256).Bind(2, now).Bind(3, sessionId).Bind(4, cardPath).Run();
        UpsertFingerprint(c, volumeId, cardPath, sizeBytes, mtimeNs, sha256);
    });

    /// <summary>Remembers what a card file hashed to (e.g. a duplicate found by hashing) for the fast path.</summary>
    public void RecordFingerprints(string volumeId, IEnumerable<(string CardPath, long SizeBytes, long MtimeNs, string Sha256)> fingerprints) => Write(c =>
    {
        foreach (var f in fingerprints)
        {
            UpsertFingerprint(c, volumeId, f.CardPath, f.SizeBytes, f.MtimeNs, f.Sha256);
        }
    });

    private static void UpsertFingerprint(DatabaseConnection c, string volumeId, string cardPath, long size, long mtimeNs, string sha256) =>
        c.Prepare("INSERT INTO card_fingerprints(volume_id, rel_path, size_bytes, mtime_ns, sha256) VALUES(?, ?, ?, ?, ?) " +
                  "ON CONFLICT(volume_id, rel_path) DO UPDATE SET size_bytes = excluded.size_bytes, mtime_ns = excluded.mtime_ns, sha256 = excluded.sha256")
            .Bind(1, volumeId).Bind(2, cardPath).Bind(3, size).Bind(4, mtimeNs).Bind(5, sha256).Run();

    public long IngestedCount() => Read(c => c.Prepare("SELECT COUNT(*) FROM ingested_files").ScalarInt64() ?? 0);
}
