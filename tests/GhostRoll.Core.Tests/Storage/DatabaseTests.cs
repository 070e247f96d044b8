using System.Diagnostics;
using GhostRoll.Media;
using GhostRoll.Pipeline;
using GhostRoll.Sessions;
using GhostRoll.Storage;
using GhostRoll.TestSupport;

namespace GhostRoll.Core.Tests.Storage;

public sealed class DatabaseTests
{
    [Fact]
    public void The_schema_keeps_the_original_tables_and_is_readable_by_the_sqlite3_tool()
    {
        using var temp = new TempDirectory("db");
        var path = temp.Combine("ghostroll.db");
        using (var db = GhostRollDatabase.Open(path))
        {
            db.CreateSession(new SessionRecord("shoot-x", SessionState.Active, "uuid:1", null, null, temp.Path, DateTime.UtcNow, DateTime.UtcNow, null, null, null));
            db.AddSessionFiles("shoot-x", [new SessionFileRecord("DCIM/100/A.JPG", "100/A", MediaKind.Jpeg, 3, 1, null, FileState.Discovered)]);
            db.RecordCopied("shoot-x", "DCIM/100/A.JPG", new string('a', 64), 3, 1, "uuid:1", "hint");
            InsertUpload(db, "sessions/shoot-x/share/100/A.jpg", new string('b', 64), 10);
            Assert.Equal(2, db.SchemaVersion);
        }

        // An independent reader (Debian's sqlite3) sees the original tool's columns and our rows.
        var output = Run("sqlite3", path, "SELECT sha256, size_bytes, source_hint FROM ingested_files; SELECT s3_key, local_sha256 FROM uploads; PRAGMA integrity_check;");
        Assert.Contains($"{new string('a', 64)}|3|hint", output, StringComparison.Ordinal);
        Assert.Contains($"sessions/shoot-x/share/100/A.jpg|{new string('b', 64)}", output, StringComparison.Ordinal);
        Assert.EndsWith("ok", output.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public void Reopening_migrates_nothing_twice_and_keeps_data()
    {
        using var temp = new TempDirectory("db");
        var path = temp.Combine("ghostroll.db");
        using (var db = GhostRollDatabase.Open(path))
        {
            InsertUpload(db, "k", "s", 1);
        }

        using var again = GhostRollDatabase.Open(path);
        Assert.Equal("s", UploadedSha(again, "k"));
        Assert.Equal("ok", again.Check());
    }

    [Fact]
    public async Task Processes_that_open_a_new_database_at_the_same_moment_all_get_the_whole_schema()
    {
        // Two cards at once, or udev starting the import twice: both processes create and migrate the same new file.
        // Each opener here has its own SQLite connection, as a second process would. Before the fix the later one ran
        // a migration the first had just committed ("table card_fingerprints already exists").
        using var temp = new TempDirectory("db-race");
        for (var round = 0; round < 20; round++)
        {
            var path = temp.Combine($"race{round}.db");
            using var start = new Barrier(4);
            var openers = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
            {
                start.SignalAndWait(TestContext.Current.CancellationToken);
                using var db = GhostRollDatabase.Open(path);
                return db.SchemaVersion;
            }, TestContext.Current.CancellationToken)).ToArray();
            var versions = await Task.WhenAll(openers);
            using var check = GhostRollDatabase.Open(path);
            Assert.All(versions, v => Assert.Equal(check.SchemaVersion, v));
            Assert.Equal("ok", check.Check(full: true));
        }
    }

    [Fact]
    public void A_damaged_database_gives_a_message_that_says_what_to_do()
    {
        using var temp = new TempDirectory("db");
        var path = temp.Combine("ghostroll.db");
        File.WriteAllBytes(path, [.. "this is not a database at all, just some text that fills a page"u8.ToArray(), .. new byte[4096]]);

        var e = Assert.Throws<DatabaseException>(() => GhostRollDatabase.Open(path));

        Assert.Contains("is damaged", e.Message, StringComparison.Ordinal);
        Assert.Contains("Move it aside", e.Message, StringComparison.Ordinal);
        Assert.Contains("photos are safe", e.Message, StringComparison.Ordinal);
        // Doctor shows what happened and what to do on separate lines; everything else prints the one sentence.
        Assert.DoesNotContain("Move it aside", e.Problem, StringComparison.Ordinal);
        Assert.StartsWith("Move it aside", e.Advice, StringComparison.Ordinal);
        Assert.Equal($"{e.Problem}. {e.Advice}.", e.Message);
    }

    [Fact]
    public void A_database_locked_by_another_process_is_reported_as_such()
    {
        using var temp = new TempDirectory("db");
        var path = temp.Combine("ghostroll.db");
        GhostRollDatabase.Open(path).Dispose();
        // Another process holds an exclusive write transaction for a while.
        using var holder = Process.Start(new ProcessStartInfo("sqlite3", [path])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false,
        })!;
        holder.StandardInput.WriteLine("PRAGMA locking_mode=EXCLUSIVE; BEGIN EXCLUSIVE; INSERT INTO uploads VALUES('x','y',1,'z'); SELECT 'locked';");
        holder.StandardInput.Flush();
        while (holder.StandardOutput.ReadLine() is { } line && line != "locked")
        {
            // "exclusive" echo of the pragma
        }

        try
        {
            using var db = GhostRollDatabase.Open(path);
            var e = Assert.Throws<DatabaseException>(() => InsertUpload(db, "a", "b", 1));
            Assert.Contains("locked by another GhostRoll process", e.Message, StringComparison.Ordinal);
        }
        catch (DatabaseException e)
        {
            Assert.Contains("locked by another GhostRoll process", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            holder.Kill();
        }
    }

    [Fact]
    public void Gallery_entries_come_back_in_capture_order_without_gps()
    {
        using var temp = new TempDirectory("db");
        using var db = GhostRollDatabase.Open(temp.Combine("ghostroll.db"));
        db.CreateSession(new SessionRecord("s", SessionState.Active, null, null, null, temp.Path, DateTime.UtcNow, DateTime.UtcNow, null, null, null));
        db.AddSessionFiles("s",
        [
            new SessionFileRecord("DCIM/100/B.JPG", "100/B", MediaKind.Jpeg, 1, 1, "b", FileState.Copied),
            new SessionFileRecord("DCIM/100/A.JPG", "100/A", MediaKind.Jpeg, 1, 1, "a", FileState.Copied),
            new SessionFileRecord("DCIM/100/C.JPG", "100/C", MediaKind.Jpeg, 1, 1, "c", FileState.Copied),
        ]);
        var early = new PhotoMetadata { CapturedLocal = new DateTime(2020, 1, 1, 8, 0, 0), CapturedOffset = TimeSpan.FromHours(-5), Make = "NIKON CORPORATION", Model = "NIKON D90", Latitude = 1, Longitude = 2 };
        var late = new PhotoMetadata { CapturedLocal = new DateTime(2021, 1, 1), Make = "Canon", Model = "Canon EOS RP" };
        db.RecordDerived("s", "100/B", GalleryEntryKind.Photo, new DeriveOutcome { SourceCardPath = "DCIM/100/B.JPG", SourceSha256 = "b", Metadata = early });
        db.RecordDerived("s", "100/A", GalleryEntryKind.Photo, new DeriveOutcome { SourceCardPath = "DCIM/100/A.JPG", SourceSha256 = "a", Metadata = late });
        db.RecordDerived("s", "100/C", GalleryEntryKind.Photo, new DeriveOutcome { SourceCardPath = "DCIM/100/C.JPG", Error = "corrupt" });

        var entries = db.GalleryEntries("s");

        Assert.Equal(["100/B", "100/A", "100/C"], entries.Select(e => e.Key));
        Assert.Equal("Nikon D90", entries[0].Camera);
        Assert.Equal(TimeSpan.FromHours(-5), entries[0].CapturedOffset);
        Assert.Equal("Canon EOS RP", entries[1].Camera);
        Assert.Equal("corrupt", entries[2].Error);
        Assert.Equal(1, db.Metadata("b")!.Latitude); // GPS stays in the database
    }

    /// <summary>
    /// The derive stage hands its entry straight to the publishers; a later run (publish pending) reads the same entry
    /// back from the journal. Both must be the same entry, field for field, or a resumed upload would differ from the first.
    /// </summary>
    [Fact]
    public void The_entry_built_while_deriving_is_the_entry_the_journal_gives_back()
    {
        using var temp = new TempDirectory("db");
        using var db = GhostRollDatabase.Open(temp.Combine("ghostroll.db"));
        db.CreateSession(new SessionRecord("s", SessionState.Active, null, null, null, temp.Path, DateTime.UtcNow, DateTime.UtcNow, null, null, null));
        SessionFileRecord[] files =
        [
            new("DCIM/100APPLE/IMG_3589.HEIC", "100APPLE/IMG_3589", MediaKind.Heif, 1_156_851, 1, "h", FileState.Copied),
            new("DCIM/100APPLE/IMG_3589.mov", "100APPLE/IMG_3589", MediaKind.Video, 2_402_548, 1, "m", FileState.Copied),
            new("DCIM/100CANON/IMG_0001.CR2", "100CANON/IMG_0001", MediaKind.Raw, 25_000_000, 1, "r", FileState.Copied),
            new("DCIM/100CANON/IMG_0001.JPG", "100CANON/IMG_0001", MediaKind.Jpeg, 8_000_000, 1, "j", FileState.Failed),
            new("DCIM/100CANON/MVI_0002.MP4", "100CANON/MVI_0002", MediaKind.Video, 90_000_000, 1, "v", FileState.Copied),
            new("DCIM/100CANON/MVI_0002.THM", "100CANON/MVI_0002", MediaKind.Sidecar, 9_000, 1, "t", FileState.Copied),
            new("DCIM/100CANON/IMG_0003.JPG", "100CANON/IMG_0003", MediaKind.Jpeg, 5_000_000, 1, "x", FileState.Copied),
            new("DCIM/100CANON/IMG_0003.XMP", "100CANON/IMG_0003", MediaKind.Sidecar, 2_000, 1, "x2", FileState.Duplicate),
        ];
        db.AddSessionFiles("s", files);
        var share = new ImageVariant(VariantNames.Share, "derived/share/x.jpg", 2048, 1365, 400_123, "image/jpeg");
        var thumb = new ImageVariant(VariantNames.Thumb, "derived/thumbs/x.jpg", 512, 341, 30_456, "image/jpeg");
        var metadata = new PhotoMetadata
        {
            // Sub-millisecond ticks and an offset with seconds: the journal keeps milliseconds and minutes.
            CapturedLocal = new DateTime(2024, 6, 1, 14, 3, 7, 123, DateTimeKind.Local).AddTicks(4567),
            CapturedOffset = new TimeSpan(5, 30, 12),
            Make = "Canon",
            Model = "Canon EOS R6",
            Latitude = 48.1,
        };
        (string Key, GalleryEntryKind Kind, DeriveOutcome Outcome)[] derived =
        [
            ("100APPLE/IMG_3589", GalleryEntryKind.Photo, new DeriveOutcome
            {
                SourceCardPath = "DCIM/100APPLE/IMG_3589.HEIC",
                SourceSha256 = "h",
                Metadata = metadata,
                Variants = [share, thumb],
                Clip = new ClipFacts("DCIM/100APPLE/IMG_3589.mov", "video/quicktime; codecs=\"hvc1.1.6.L120.B0\"", TimeSpan.FromSeconds(2.936667)),
            }),
            ("100CANON/IMG_0001", GalleryEntryKind.Photo, new DeriveOutcome { SourceCardPath = "DCIM/100CANON/IMG_0001.CR2", SourceSha256 = "r", Error = "RAW without preview" }),
            ("100CANON/MVI_0002", GalleryEntryKind.Video, new DeriveOutcome
            {
                SourceCardPath = "DCIM/100CANON/MVI_0002.THM",
                Metadata = metadata, // no hash: not stored, so not in the entry either
                Variants = [thumb],
                Clip = new ClipFacts("DCIM/100CANON/MVI_0002.MP4", "video/mp4", new TimeSpan(123_456_789)),
            }),
            ("100CANON/IMG_0003", GalleryEntryKind.Photo, new DeriveOutcome { SourceCardPath = "DCIM/100CANON/IMG_0003.JPG", SourceSha256 = "x", Metadata = metadata with { Make = null }, Variants = [share] }),
        ];

        foreach (var (key, kind, outcome) in derived)
        {
            db.RecordDerived("s", key, kind, outcome);
            var built = GalleryItemRow.Of(key, kind, outcome).ToEntry([.. files.Where(f => f.GroupKey == key && f.State != FileState.Duplicate)]);

            var stored = Assert.Single(db.GalleryEntries("s", key));
            Assert.Equivalent(stored, built, strict: true);
            Assert.Equal(stored.CapturedLocal, built.CapturedLocal);
            Assert.Equal(stored.CapturedLocal?.Kind, built.CapturedLocal?.Kind);
            Assert.Equal(stored.Duration, built.Duration);
        }
    }

    [Fact]
    public void A_database_of_the_previous_release_opens_upgraded_with_its_items_intact()
    {
        using var temp = new TempDirectory("db");
        var path = temp.Combine("ghostroll.db");

        // Schema 1 exactly as the previous release wrote it (its migration text, applied by Debian's sqlite3), with an item.
        Run("sqlite3", path, Schema.Migrations[0] + "PRAGMA user_version=1;" +
            "INSERT INTO sessions VALUES('s','done',NULL,NULL,NULL,'/x','2026-01-01T00:00:00Z','2026-01-01T00:00:00Z',NULL,NULL,NULL);" +
            "INSERT INTO session_files VALUES('s','DCIM/100/MVI_1.MOV','100/MVI_1','video',5,1,'m','published',NULL,0,'2026-01-01T00:00:00Z');" +
            "INSERT INTO session_items VALUES('s','100/MVI_1','DCIM/100/MVI_1.MOV','video','[]',NULL,NULL,1,'2026-01-01T00:00:00Z');");

        using var db = GhostRollDatabase.Open(path);
        Assert.Equal(Schema.Migrations.Length, db.SchemaVersion);
        var old = Assert.Single(db.GalleryEntries("s"));
        Assert.Equal("originals/DCIM/100/MVI_1.MOV", old.VideoPath);
        Assert.Null(old.VideoType); // not probed by the old release; the page offers a download
        Assert.Null(old.Duration);

        db.RecordDerived("s", "100/MVI_1", GalleryEntryKind.Video, new DeriveOutcome
        {
            SourceCardPath = "DCIM/100/MVI_1.MOV",
            Clip = new ClipFacts("DCIM/100/MVI_1.MOV", "video/quicktime", TimeSpan.FromSeconds(2.5)),
        });
        var now = Assert.Single(db.GalleryEntries("s"));
        Assert.Equal("video/quicktime", now.VideoType);
        Assert.Equal(TimeSpan.FromSeconds(2.5), now.Duration);
        Assert.Equal("ok", db.Check());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_database_an_earlier_release_left_with_a_hot_wal_opens_upgraded_with_every_row(int writtenAtVersion)
    {
        // What the releases with the hand-written binding left behind when the power went: their schema (the
        // migration texts up to that version), WAL mode, and committed rows still only in the -wal file (never
        // checkpointed). Written by Debian's sqlite3, an independent writer, then copied while it still holds it open.
        using var temp = new TempDirectory("db");
        var sha = new string('a', 64);
        // Each migration on its own lines: a migration may end in a -- comment.
        var script = "PRAGMA journal_mode=WAL;\n" + string.Join('\n', Schema.Migrations.Take(writtenAtVersion)) +
            $"\nPRAGMA user_version={writtenAtVersion};" +
            $"INSERT INTO ingested_files VALUES('{sha}',3,'2026-01-01T00:00:00Z','IMG_1.JPG');" +
            $"INSERT INTO card_fingerprints VALUES('uuid:1','DCIM/100/IMG_1.JPG',3,7,'{sha}');" +
            $"INSERT INTO uploads VALUES('sessions/s/share/100/IMG_1.jpg','{new string('b', 64)}',10,'2026-01-01T00:00:00Z');" +
            "INSERT INTO sessions VALUES('s','done','uuid:1','CARD',NULL,'/x','2026-01-01T00:00:00Z','2026-01-01T00:00:00Z','2026-01-01T00:00:00Z','https://example.invalid/s',NULL);" +
            $"INSERT INTO session_files VALUES('s','DCIM/100/IMG_1.JPG','100/IMG_1','jpeg',3,7,'{sha}','published',NULL,0,'2026-01-01T00:00:00Z');" +
            "INSERT INTO session_items(session_id, group_key, source_path, kind, variants_json, metadata_sha, error, published, updated_utc) " +
            $"VALUES('s','100/IMG_1','DCIM/100/IMG_1.JPG','photo','[]','{sha}',NULL,1,'2026-01-01T00:00:00Z');" +
            $"INSERT INTO media_metadata(sha256, captured_local, make, model, gps_lat) VALUES('{sha}','2020-02-18T08:55:53.120','Canon','Canon EOS RP',1.5);";
        var path = WrittenAndLeftOpen(temp, script);
        Assert.True(new FileInfo(path + "-wal").Length > 0, "the rows must be in the WAL only, as after a power cut");

        using (var db = GhostRollDatabase.Open(path))
        {
            Assert.Equal(Schema.Migrations.Length, db.SchemaVersion);
            Assert.True(db.IsIngested(sha)); // the dedupe ledger survives: the card is not imported twice
            Assert.Contains(3L, db.IngestedSizes());
            Assert.Equal(new CardFingerprint(3, 7, sha), db.Fingerprints("uuid:1")["DCIM/100/IMG_1.JPG"]);
            Assert.Equal(new string('b', 64), UploadedSha(db, "sessions/s/share/100/IMG_1.jpg"));
            var session = db.GetSession("s")!;
            Assert.Equal(SessionState.Done, session.State);
            Assert.Equal("https://example.invalid/s", session.ShareUrl);
            Assert.Equal(FileState.Published, Assert.Single(db.SessionFiles("s")).State);
            var entry = Assert.Single(db.GalleryEntries("s"));
            Assert.Equal("Canon EOS RP", entry.Camera);
            Assert.Equal(1.5, db.Metadata(sha)!.Latitude);

            // And the new code keeps writing to it.
            InsertUpload(db, "sessions/s/index.html", new string('c', 64), 5);
            Assert.Equal(new string('c', 64), UploadedSha(db, "sessions/s/index.html"));
            Assert.Equal("ok", db.Check(full: true));
        }

        // The upgraded file has exactly the schema a new database gets, and stays in WAL mode.
        var fresh = temp.Combine("fresh.db");
        GhostRollDatabase.Open(fresh).Dispose();
        const string SchemaQuery = "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name; PRAGMA user_version; PRAGMA journal_mode;";
        var upgraded = Run("sqlite3", path, SchemaQuery);
        Assert.EndsWith("wal", upgraded.Trim(), StringComparison.Ordinal);
        Assert.Equal(Run("sqlite3", fresh, SchemaQuery), upgraded);
    }

    /// <summary>
    /// Runs <paramref name="script"/> in Debian's sqlite3 and copies the database and its -wal while that process
    /// still has them open (no checkpoint on close), then kills it: the files a crash leaves.
    /// </summary>
    private static string WrittenAndLeftOpen(TempDirectory temp, string script)
    {
        var live = temp.Combine("live.db");
        var crashed = temp.Combine("crashed.db");
        using var writer = Process.Start(new ProcessStartInfo("sqlite3", [live])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false,
        })!;
        try
        {
            writer.StandardInput.WriteLine(script + "SELECT 'written';");
            writer.StandardInput.Flush();
            // A hang guard only: sqlite3 answers in well under a second.
            var deadline = DateTime.UtcNow.AddMinutes(2);
            string? line;
            do
            {
                var next = writer.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken).AsTask();
                line = next.Wait(deadline - DateTime.UtcNow) ? next.Result : throw new TimeoutException("sqlite3 did not run the script");
            }
            while (line is not null && line != "written"); // "wal" first, the answer to the journal_mode pragma

            Assert.Equal("written", line);

            File.Copy(live, crashed);
            File.Copy(live + "-wal", crashed + "-wal");
        }
        finally
        {
            writer.Kill();
            writer.WaitForExit();
        }

        return crashed;
    }

    [Fact]
    public void Clips_live_photos_and_pictureless_items_come_back_with_what_the_page_offers()
    {
        using var temp = new TempDirectory("db");
        using var db = GhostRollDatabase.Open(temp.Combine("ghostroll.db"));
        db.CreateSession(new SessionRecord("s", SessionState.Active, null, null, null, temp.Path, DateTime.UtcNow, DateTime.UtcNow, null, null, null));
        db.AddSessionFiles("s",
        [
            new SessionFileRecord("DCIM/100APPLE/IMG_3589.HEIC", "100APPLE/IMG_3589", MediaKind.Heif, 1_156_851, 1, "h", FileState.Copied),
            new SessionFileRecord("DCIM/100APPLE/IMG_3589.mov", "100APPLE/IMG_3589", MediaKind.Video, 2_402_548, 1, "m", FileState.Copied),
            new SessionFileRecord("DCIM/101APPLE/with-gps.mov", "101APPLE/with-gps", MediaKind.Video, 439_391, 1, "g", FileState.Copied),
            new SessionFileRecord("DCIM/100RAW/GOPR8508.GPR", "100RAW/GOPR8508", MediaKind.Raw, 2_883_822, 1, "r", FileState.Copied),
        ]);
        var share = new ImageVariant(VariantNames.Share, "derived/share/x.jpg", 10, 10, 1, "image/jpeg");
        db.RecordDerived("s", "100APPLE/IMG_3589", GalleryEntryKind.Photo, new DeriveOutcome
        {
            SourceCardPath = "DCIM/100APPLE/IMG_3589.HEIC",
            Variants = [share],
            Clip = new ClipFacts("DCIM/100APPLE/IMG_3589.mov", "video/quicktime; codecs=\"hvc1.1.6.L120.B0\"", TimeSpan.FromSeconds(2.936667)),
        });
        db.RecordDerived("s", "101APPLE/with-gps", GalleryEntryKind.Video, new DeriveOutcome
        {
            SourceCardPath = "DCIM/101APPLE/with-gps.mov",
            Variants = [share],
            Clip = new ClipFacts("DCIM/101APPLE/with-gps.mov", "video/quicktime; codecs=\"avc1.42001E\"", TimeSpan.FromSeconds(4.001667)),
        });
        db.RecordDerived("s", "100RAW/GOPR8508", GalleryEntryKind.Photo, new DeriveOutcome { SourceCardPath = "DCIM/100RAW/GOPR8508.GPR" });

        var entries = db.GalleryEntries("s").ToDictionary(e => e.Key);

        var live = entries["100APPLE/IMG_3589"];
        Assert.Equal("originals/DCIM/100APPLE/IMG_3589.mov", live.MotionPath);
        Assert.Equal(2_402_548, live.MotionBytes);
        Assert.StartsWith("video/quicktime; codecs=\"hvc1", live.MotionType, StringComparison.Ordinal);
        Assert.Equal(2.94, live.Duration!.Value.TotalSeconds, 0.01);
        Assert.Null(live.VideoPath);
        Assert.Null(live.OriginalPath); // it has a picture

        var clip = entries["101APPLE/with-gps"];
        Assert.Equal("originals/DCIM/101APPLE/with-gps.mov", clip.VideoPath);
        Assert.Equal("video/quicktime; codecs=\"avc1.42001E\"", clip.VideoType);
        Assert.Equal(4.0, clip.Duration!.Value.TotalSeconds, 0.01);
        Assert.Null(clip.MotionPath);

        var raw = entries["100RAW/GOPR8508"];
        Assert.Empty(raw.Variants);
        Assert.Equal("originals/DCIM/100RAW/GOPR8508.GPR", raw.OriginalPath);
        Assert.Equal(2_883_822, raw.OriginalBytes);
        Assert.Null(raw.MotionPath);
    }

    // The uploads table is this database's schema; the ledger that reads and writes it lives with the S3 publisher
    // (GhostRoll.Publishing), so schema tests reach the table directly.
    private static void InsertUpload(GhostRollDatabase db, string key, string sha, long size) => db.Write(c =>
        c.Prepare("INSERT OR REPLACE INTO uploads(s3_key, local_sha256, size_bytes, uploaded_utc) VALUES(?, ?, ?, ?)")
            .Bind(1, key).Bind(2, sha).Bind(3, size).Bind(4, "2026-01-01T00:00:00Z").Run());

    private static string? UploadedSha(GhostRollDatabase db, string key) => db.Read(c =>
        c.Prepare("SELECT local_sha256 FROM uploads WHERE s3_key = ?").Bind(1, key).ScalarString());

    private static string Run(string file, params string[] args)
    {
        using var p = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, UseShellExecute = false })!;
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return output;
    }
}

public sealed class CameraNameTests
{
    [Theory]
    [InlineData("NIKON CORPORATION", "NIKON D90", "Nikon D90")]
    [InlineData("Canon", "Canon EOS RP", "Canon EOS RP")]
    [InlineData("SONY", "SLT-A57", "Sony SLT-A57")]
    [InlineData("OLYMPUS OPTICAL CO.,LTD", "C5050Z", "Olympus C5050Z")]
    [InlineData("PENTAX Corporation", "PENTAX *ist DL", "Pentax *ist DL")]
    [InlineData("Apple", "iPhone 6", "Apple iPhone 6")]
    [InlineData("LGE", "Nexus 5X", "LG Nexus 5X")]
    [InlineData(null, "X100V", "X100V")]
    [InlineData("GoPro", null, "GoPro")]
    [InlineData(" \0", "\0", null)]
    public void Captions_name_cameras_the_way_people_do(string? make, string? model, string? expected) =>
        Assert.Equal(expected, GhostRoll.Media.CameraName.Of(make, model));
}
