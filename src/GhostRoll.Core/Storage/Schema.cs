namespace GhostRoll.Storage;

/// <summary>
/// Database schema, migrated forward with <c>PRAGMA user_version</c>. Append migrations; never edit one
/// that has shipped. <c>ingested_files</c> and <c>uploads</c> keep the original tool's columns.
/// </summary>
internal static class Schema
{
    internal static readonly string[] Migrations =
    [
        // 1: the foundation
        """
        CREATE TABLE IF NOT EXISTS ingested_files(
            sha256         TEXT PRIMARY KEY,
            size_bytes     INTEGER NOT NULL,
            first_seen_utc TEXT NOT NULL,
            source_hint    TEXT
        );
        CREATE INDEX IF NOT EXISTS ingested_files_by_size ON ingested_files(size_bytes);

        CREATE TABLE IF NOT EXISTS uploads(
            s3_key       TEXT PRIMARY KEY,
            local_sha256 TEXT NOT NULL,
            size_bytes   INTEGER NOT NULL,
            uploaded_utc TEXT NOT NULL
        );

        -- Fast path for re-inserted cards: what a (volume, path, size, mtime) hashed to last time.
        CREATE TABLE card_fingerprints(
            volume_id  TEXT NOT NULL,
            rel_path   TEXT NOT NULL,
            size_bytes INTEGER NOT NULL,
            mtime_ns   INTEGER NOT NULL,
            sha256     TEXT NOT NULL,
            PRIMARY KEY(volume_id, rel_path)
        ) WITHOUT ROWID;

        CREATE TABLE sessions(
            session_id   TEXT PRIMARY KEY,
            state        TEXT NOT NULL,           -- active | publish_pending | failed | done
            volume_id    TEXT,
            volume_label TEXT,
            volume_path  TEXT,
            session_dir  TEXT NOT NULL,
            created_utc  TEXT NOT NULL,
            updated_utc  TEXT NOT NULL,
            completed_utc TEXT,
            share_url    TEXT,
            last_error   TEXT
        );

        -- The per-session journal: one row per card file that belongs to the session.
        CREATE TABLE session_files(
            session_id  TEXT NOT NULL REFERENCES sessions(session_id),
            rel_path    TEXT NOT NULL,            -- card-relative, '/'-separated: DCIM/100CANON/IMG_0001.JPG
            group_key   TEXT NOT NULL,            -- folder/stem without DCIM/: 100CANON/IMG_0001
            kind        TEXT NOT NULL,            -- jpeg | heif | raw | video | sidecar
            size_bytes  INTEGER NOT NULL,
            mtime_ns    INTEGER NOT NULL,
            sha256      TEXT,                     -- known once copied (or hashed)
            state       TEXT NOT NULL,            -- discovered | copied | derived | published | duplicate | failed
            error       TEXT,
            attempts    INTEGER NOT NULL DEFAULT 0,
            updated_utc TEXT NOT NULL,
            PRIMARY KEY(session_id, rel_path)
        ) WITHOUT ROWID;
        CREATE INDEX session_files_by_state ON session_files(session_id, state);

        -- What the derive stage produced for a group (one gallery item).
        CREATE TABLE session_items(
            session_id    TEXT NOT NULL REFERENCES sessions(session_id),
            group_key     TEXT NOT NULL,
            source_path   TEXT,                  -- rel_path of the file that was rendered
            kind          TEXT NOT NULL,         -- photo | video
            variants_json TEXT NOT NULL,         -- [{"variant":"share","path":"derived/share/..","width":..,"height":..,"bytes":..}]
            metadata_sha  TEXT,                  -- media_metadata row of the rendered source
            error         TEXT,
            published     INTEGER NOT NULL DEFAULT 0,
            updated_utc   TEXT NOT NULL,
            PRIMARY KEY(session_id, group_key)
        ) WITHOUT ROWID;

        -- Photo metadata by content. GPS stays here: it never reaches a derivative or the shared gallery.
        CREATE TABLE media_metadata(
            sha256         TEXT PRIMARY KEY,
            captured_local TEXT,                 -- 2020-02-18T08:55:53.120 (camera local time)
            captured_offset TEXT,                -- +01:00 when the camera recorded it
            make TEXT, model TEXT, lens TEXT,
            iso INTEGER, exposure_s REAL, f_number REAL, focal_mm REAL,
            width INTEGER, height INTEGER, orientation INTEGER,
            gps_lat REAL, gps_lon REAL, gps_alt_m REAL
        ) WITHOUT ROWID;
        """,

        // 2: clips. A video item's clip or a Live Photo's motion part: its browser type and length, so the
        // gallery can offer playback without probing the file again.
        """
        ALTER TABLE session_items ADD COLUMN clip_type TEXT;          -- video/quicktime; codecs="hvc1.1.6.L120.B0"
        ALTER TABLE session_items ADD COLUMN clip_duration_s REAL;    -- 2.937
        """,
    ];
}
