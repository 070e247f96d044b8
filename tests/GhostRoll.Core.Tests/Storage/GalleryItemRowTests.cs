using GhostRoll.Media;
using GhostRoll.Pipeline;
using GhostRoll.Sessions;
using GhostRoll.Storage;
using GhostRoll.TestSupport;

namespace GhostRoll.Core.Tests.Storage;

/// <summary>
/// The derive stage hands its entry straight to the publishers; a later run (publish pending) reads the same entry
/// back from the journal. Both must be the same entry, field for field, or a resumed upload would differ from the first.
/// </summary>
public sealed class GalleryItemRowTests
{
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
}
