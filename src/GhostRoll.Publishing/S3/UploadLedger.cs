using GhostRoll.Storage;

namespace GhostRoll.Publishing.S3;

/// <summary>
/// The upload ledger: which local content is already at which S3 key, so uploads are idempotent (nothing is sent
/// twice, whatever the moment a run was killed). Only the S3 publisher writes it; its table (<c>uploads</c>, the
/// original tool's columns) is created by the database's migrations.
/// </summary>
public sealed class UploadLedger(GhostRollDatabase database)
{
    /// <summary>SHA-256 of the content last uploaded to <paramref name="s3Key"/>, or null.</summary>
    public string? UploadedSha(string s3Key) => database.Read(c =>
        c.Prepare("SELECT local_sha256 FROM uploads WHERE s3_key = ?").Bind(1, s3Key).ScalarString());

    public void RecordUpload(string s3Key, string localSha256, long sizeBytes) => database.Write(c =>
        c.Prepare("INSERT INTO uploads(s3_key, local_sha256, size_bytes, uploaded_utc) VALUES(?, ?, ?, ?) " +
                  "ON CONFLICT(s3_key) DO UPDATE SET local_sha256 = excluded.local_sha256, size_bytes = excluded.size_bytes, uploaded_utc = excluded.uploaded_utc")
            .Bind(1, s3Key).Bind(2, localSha256).Bind(3, sizeBytes).Bind(4, GhostRollDatabase.UtcNow()).Run());

    /// <summary>Every recorded upload under a key prefix (one query; used to plan a resumed publish).</summary>
    public Dictionary<string, string> UploadsUnder(string keyPrefix) => database.Read(c =>
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        // Range scan on the primary key instead of LIKE, so '%' or '_' in a prefix cannot act as wildcards.
        var statement = c.Prepare("SELECT s3_key, local_sha256 FROM uploads WHERE s3_key >= ? AND s3_key < ?")
            .Bind(1, keyPrefix).Bind(2, keyPrefix + "\uffff");
        while (statement.Read())
        {
            result[statement.GetString(0)] = statement.GetString(1);
        }

        return result;
    });
}
