using System.Globalization;
using System.Text.Json;
using GhostRoll.Media;
using GhostRoll.Pipeline;
using GhostRoll.Sessions;

namespace GhostRoll.Storage;

/// <summary>
/// The per-session journal: sessions, their files, and the gallery items derived from them. Publishers see it only
/// as <see cref="IGalleryJournal"/> and <see cref="ISessionLinks"/>.
/// </summary>
public sealed partial class GhostRollDatabase : IGalleryJournal, ISessionLinks
{
    private const string SessionColumns = "session_id, state, volume_id, volume_label, volume_path, session_dir, created_utc, updated_utc, completed_utc, share_url, last_error";

    public void CreateSession(SessionRecord session) => Write(c =>
        c.Prepare($"INSERT INTO sessions({SessionColumns}) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
            .Bind(1, session.SessionId).Bind(2, session.State.ToName()).Bind(3, session.VolumeId).Bind(4, session.VolumeLabel)
            .Bind(5, session.VolumePath).Bind(6, session.SessionDir).Bind(7, Iso(session.CreatedUtc)).Bind(8, Iso(session.UpdatedUtc))
            .Bind(9, session.CompletedUtc is { } done ? Iso(done) : null).Bind(10, session.ShareUrl).Bind(11, session.LastError).Run());

    public SessionRecord? GetSession(string sessionId) => Read(c =>
    {
        var statement = c.Prepare($"SELECT {SessionColumns} FROM sessions WHERE session_id = ?").Bind(1, sessionId);
        if (!statement.Read())
        {
            return null;
        }

        var record = ReadSession(statement);
        statement.Done();
        return record;
    });

    /// <summary>Sessions, newest first; optionally only those that still have work to do.</summary>
    public List<SessionRecord> Sessions(bool unfinishedOnly = false) => Read(c =>
    {
        var sql = $"SELECT {SessionColumns} FROM sessions" + (unfinishedOnly ? " WHERE state <> 'done'" : "") + " ORDER BY created_utc DESC, session_id DESC";
        var statement = c.Prepare(sql);
        var list = new List<SessionRecord>();
        while (statement.Read())
        {
            list.Add(ReadSession(statement));
        }

        return list;
    });

    public void SetSessionState(string sessionId, SessionState state, string? lastError = null) => Write(c =>
        c.Prepare("UPDATE sessions SET state = ?, last_error = ?, updated_utc = ?, completed_utc = CASE WHEN ? = 'done' THEN ? ELSE completed_utc END WHERE session_id = ?")
            .Bind(1, state.ToName()).Bind(2, lastError).Bind(3, UtcNow()).Bind(4, state.ToName()).Bind(5, UtcNow()).Bind(6, sessionId).Run());

    public void SetShareUrl(string sessionId, string? url) => Write(c =>
        c.Prepare("UPDATE sessions SET share_url = ?, updated_utc = ? WHERE session_id = ?").Bind(1, url).Bind(2, UtcNow()).Bind(3, sessionId).Run());

    string? ISessionLinks.ShareUrl(string sessionId) => GetSession(sessionId)?.ShareUrl;

    IReadOnlyList<SessionRecord> ISessionLinks.AllSessions() => Sessions();

    IReadOnlyList<GalleryEntry> IGalleryJournal.GalleryEntries(string sessionId) => GalleryEntries(sessionId);

    /// <summary>Adds files to a session's journal; files already there keep their state.</summary>
    public int AddSessionFiles(string sessionId, IEnumerable<SessionFileRecord> files) => Write(c =>
    {
        var added = 0;
        var now = UtcNow();
        var statement = c.Prepare("INSERT OR IGNORE INTO session_files(session_id, rel_path, group_key, kind, size_bytes, mtime_ns, sha256, state, error, attempts, updated_utc) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        foreach (var f in files)
        {
            added += statement.Bind(1, sessionId).Bind(2, f.CardPath).Bind(3, f.GroupKey).Bind(4, f.Kind.ToName()).Bind(5, f.SizeBytes)
                .Bind(6, f.MtimeNs).Bind(7, f.Sha256).Bind(8, f.State.ToName()).Bind(9, f.Error).Bind(10, (long)f.Attempts).Bind(11, now).Run();
        }

        return added;
    });

    public List<SessionFileRecord> SessionFiles(string sessionId) => Read(c =>
    {
        var statement = c.Prepare("SELECT rel_path, group_key, kind, size_bytes, mtime_ns, sha256, state, error, attempts FROM session_files WHERE session_id = ? ORDER BY rel_path").Bind(1, sessionId);
        var list = new List<SessionFileRecord>();
        while (statement.Read())
        {
            list.Add(new SessionFileRecord(
                statement.GetString(0), statement.GetString(1), MediaKindNames.Parse(statement.GetString(2)), statement.GetInt64(3), statement.GetInt64(4),
                statement.GetStringOrNull(5), SessionStateNames.ParseFileState(statement.GetString(6)), statement.GetStringOrNull(7), statement.GetInt32(8)));
        }

        return list;
    });

    public SessionFileCounts FileCounts(string sessionId) => Read(c =>
    {
        var statement = c.Prepare("SELECT state, COUNT(*) FROM session_files WHERE session_id = ? GROUP BY state").Bind(1, sessionId);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        while (statement.Read())
        {
            counts[statement.GetString(0)] = statement.GetInt32(1);
        }

        int Get(FileState s) => counts.GetValueOrDefault(s.ToName());
        return new SessionFileCounts(counts.Values.Sum(), Get(FileState.Discovered), Get(FileState.Copied), Get(FileState.Derived),
            Get(FileState.Published), Get(FileState.Duplicate), Get(FileState.Failed));
    });

    /// <summary>A copy attempt failed: the file stays un-ingested and the next run with the card retries it.</summary>
    public void MarkFileFailed(string sessionId, string cardPath, string error) => Write(c =>
        c.Prepare("UPDATE session_files SET state = 'failed', error = ?, attempts = attempts + 1, updated_utc = ? WHERE session_id = ? AND rel_path = ?")
            .Bind(1, error).Bind(2, UtcNow()).Bind(3, sessionId).Bind(4, cardPath).Run());

    /// <summary>Same content as another file of this session (or of an earlier session, found only by hashing).</summary>
    public void MarkFileDuplicate(string sessionId, string cardPath, string sha256) => Write(c =>
        c.Prepare("UPDATE session_files SET state = 'duplicate', sha256 = ?, error = NULL, updated_utc = ? WHERE session_id = ? AND rel_path = ?")
            .Bind(1, sha256).Bind(2, UtcNow()).Bind(3, sessionId).Bind(4, cardPath).Run());

    /// <summary>
    /// Stores what the derive stage made of a group and moves its copied files to "derived", in one transaction.
    /// Metadata is stored by content hash (GPS included: it stays in the database).
    /// </summary>
    public void RecordDerived(string sessionId, string groupKey, GalleryEntryKind kind, DeriveOutcome outcome) => Write(c =>
    {
        var now = UtcNow();
        if (outcome.Metadata is { } m && outcome.SourceSha256 is { } sha)
        {
            SaveMetadata(c, sha, m);
        }

        c.Prepare("INSERT INTO session_items(session_id, group_key, source_path, kind, variants_json, metadata_sha, error, published, updated_utc, clip_type, clip_duration_s) VALUES(?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?) " +
                  "ON CONFLICT(session_id, group_key) DO UPDATE SET source_path = excluded.source_path, kind = excluded.kind, variants_json = excluded.variants_json, " +
                  "metadata_sha = excluded.metadata_sha, error = excluded.error, published = 0, updated_utc = excluded.updated_utc, " +
                  "clip_type = excluded.clip_type, clip_duration_s = excluded.clip_duration_s")
            .Bind(1, sessionId).Bind(2, groupKey).Bind(3, outcome.SourceCardPath).Bind(4, kind == GalleryEntryKind.Video ? "video" : "photo")
            .Bind(5, JsonSerializer.Serialize([.. outcome.Variants], StorageJsonContext.Default.ListImageVariant))
            .Bind(6, outcome.Metadata is null ? null : outcome.SourceSha256).Bind(7, outcome.Error).Bind(8, now)
            .Bind(9, outcome.Clip?.Type).Bind(10, outcome.Clip?.Duration?.TotalSeconds).Run();
        c.Prepare("UPDATE session_files SET state = 'derived', updated_utc = ? WHERE session_id = ? AND group_key = ? AND state = 'copied'")
            .Bind(1, now).Bind(2, sessionId).Bind(3, groupKey).Run();
    });

    /// <summary>Every publisher has the entry: the group's files reach their final state.</summary>
    public void MarkPublished(string sessionId, string groupKey) => Write(c =>
    {
        var now = UtcNow();
        c.Prepare("UPDATE session_items SET published = 1, updated_utc = ? WHERE session_id = ? AND group_key = ?").Bind(1, now).Bind(2, sessionId).Bind(3, groupKey).Run();
        c.Prepare("UPDATE session_files SET state = 'published', updated_utc = ? WHERE session_id = ? AND group_key = ? AND state = 'derived'")
            .Bind(1, now).Bind(2, sessionId).Bind(3, groupKey).Run();
    });

    /// <summary>A group with nothing to show (sidecars only): its copied files are final without a gallery entry.</summary>
    public void MarkGroupWithoutEntry(string sessionId, string groupKey) => Write(c =>
        c.Prepare("UPDATE session_files SET state = 'published', updated_utc = ? WHERE session_id = ? AND group_key = ? AND state IN ('copied', 'derived')")
            .Bind(1, UtcNow()).Bind(2, sessionId).Bind(3, groupKey).Run());

    /// <summary>Group keys whose item exists but is not yet published by every publisher.</summary>
    public List<string> UnpublishedItems(string sessionId) => Read(c =>
    {
        var statement = c.Prepare("SELECT group_key FROM session_items WHERE session_id = ? AND published = 0 ORDER BY group_key").Bind(1, sessionId);
        var list = new List<string>();
        while (statement.Read())
        {
            list.Add(statement.GetString(0));
        }

        return list;
    });

    /// <summary>The gallery entries of a session (derived items with their metadata), in gallery order.</summary>
    public List<GalleryEntry> GalleryEntries(string sessionId, string? onlyGroupKey = null) => Read(c =>
    {
        var members = new Dictionary<string, List<SessionFileRecord>>(StringComparer.Ordinal);
        var files = c.Prepare("SELECT rel_path, group_key, kind, size_bytes FROM session_files WHERE session_id = ? AND state <> 'duplicate' ORDER BY rel_path").Bind(1, sessionId);
        while (files.Read())
        {
            var key = files.GetString(1);
            if (onlyGroupKey is not null && key != onlyGroupKey)
            {
                continue;
            }

            if (!members.TryGetValue(key, out var list))
            {
                members[key] = list = [];
            }

            list.Add(new SessionFileRecord(files.GetString(0), key, MediaKindNames.Parse(files.GetString(2)), files.GetInt64(3), 0, null, FileState.Copied));
        }

        var sql = "SELECT i.group_key, i.source_path, i.kind, i.variants_json, i.error, m.captured_local, m.captured_offset, m.make, m.model, i.clip_type, i.clip_duration_s " +
                  "FROM session_items i LEFT JOIN media_metadata m ON m.sha256 = i.metadata_sha WHERE i.session_id = ?" +
                  (onlyGroupKey is null ? "" : " AND i.group_key = ?");
        var statement = c.Prepare(sql).Bind(1, sessionId);
        if (onlyGroupKey is not null)
        {
            statement.Bind(2, onlyGroupKey);
        }

        var entries = new List<GalleryEntry>();
        while (statement.Read())
        {
            var key = statement.GetString(0);
            var row = new GalleryItemRow(key, statement.GetStringOrNull(1), statement.GetString(2) == "video" ? GalleryEntryKind.Video : GalleryEntryKind.Photo,
                JsonSerializer.Deserialize(statement.GetString(3), StorageJsonContext.Default.ListImageVariant) ?? [], statement.GetStringOrNull(4),
                statement.GetStringOrNull(5), statement.GetStringOrNull(6), statement.GetStringOrNull(7), statement.GetStringOrNull(8),
                statement.GetStringOrNull(9), statement.GetDoubleOrNull(10));
            entries.Add(row.ToEntry(members.GetValueOrDefault(key) ?? []));
        }

        entries.Sort(GalleryEntry.Compare);
        return entries;
    });

    public PhotoMetadata? Metadata(string sha256) => Read(c =>
    {
        var statement = c.Prepare("SELECT captured_local, captured_offset, make, model, lens, iso, exposure_s, f_number, focal_mm, width, height, orientation, gps_lat, gps_lon, gps_alt_m FROM media_metadata WHERE sha256 = ?").Bind(1, sha256);
        if (!statement.Read())
        {
            return null;
        }

        var metadata = new PhotoMetadata
        {
            CapturedLocal = GalleryItemRow.ParseCapturedLocal(statement.GetStringOrNull(0)),
            CapturedOffset = statement.GetStringOrNull(1) is { } o ? ParseOffset(o) : null,
            Make = statement.GetStringOrNull(2),
            Model = statement.GetStringOrNull(3),
            Lens = statement.GetStringOrNull(4),
            Iso = statement.GetInt32OrNull(5),
            ExposureSeconds = statement.GetDoubleOrNull(6),
            FNumber = statement.GetDoubleOrNull(7),
            FocalLengthMm = statement.GetDoubleOrNull(8),
            Width = statement.GetInt32OrNull(9),
            Height = statement.GetInt32OrNull(10),
            Orientation = statement.GetInt32OrNull(11),
            Latitude = statement.GetDoubleOrNull(12),
            Longitude = statement.GetDoubleOrNull(13),
            AltitudeMeters = statement.GetDoubleOrNull(14),
        };
        statement.Done();
        return metadata;
    });

    private static void SaveMetadata(DatabaseConnection c, string sha256, PhotoMetadata m) =>
        c.Prepare("INSERT OR REPLACE INTO media_metadata(sha256, captured_local, captured_offset, make, model, lens, iso, exposure_s, f_number, focal_mm, width, height, orientation, gps_lat, gps_lon, gps_alt_m) " +
                  "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
            .Bind(1, sha256).Bind(2, GalleryItemRow.FormatCapturedLocal(m.CapturedLocal))
            .Bind(3, m.CapturedOffset is { } o ? FormatOffset(o) : null).Bind(4, m.Make).Bind(5, m.Model).Bind(6, m.Lens).Bind(7, m.Iso)
            .Bind(8, m.ExposureSeconds).Bind(9, m.FNumber).Bind(10, m.FocalLengthMm).Bind(11, m.Width).Bind(12, m.Height).Bind(13, m.Orientation)
            .Bind(14, m.Latitude).Bind(15, m.Longitude).Bind(16, m.AltitudeMeters).Run();

    private static SessionRecord ReadSession(PreparedCommand s) => new(
        s.GetString(0), SessionStateNames.ParseSessionState(s.GetString(1)), s.GetStringOrNull(2), s.GetStringOrNull(3), s.GetStringOrNull(4),
        s.GetString(5), ParseUtc(s.GetString(6)), ParseUtc(s.GetString(7)), s.GetStringOrNull(8) is { } done ? ParseUtc(done) : null,
        s.GetStringOrNull(9), s.GetStringOrNull(10));

    private static string Iso(DateTime utc) => utc.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    internal static string FormatOffset(TimeSpan offset) =>
        (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);

    internal static TimeSpan? ParseOffset(string text) =>
        text.Length == 6 && (text[0] == '+' || text[0] == '-') && TimeSpan.TryParseExact(text[1..], @"hh\:mm", CultureInfo.InvariantCulture, out var t)
            ? (text[0] == '-' ? -t : t)
            : null;
}
