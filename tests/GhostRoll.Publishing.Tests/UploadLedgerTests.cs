using GhostRoll.Publishing.S3;
using GhostRoll.Storage;
using GhostRoll.TestSupport;

namespace GhostRoll.Publishing.Tests;

/// <summary>The S3 publisher's ledger: what it says is in the bucket decides what a resumed publish sends again.</summary>
public sealed class UploadLedgerTests
{
    [Fact]
    public void A_recorded_upload_survives_reopening_and_a_new_upload_to_the_same_key_replaces_it()
    {
        using var temp = new TempDirectory("ledger");
        var path = temp.Combine("ghostroll.db");
        using (var db = GhostRollDatabase.Open(path))
        {
            new UploadLedger(db).RecordUpload("sessions/s/share/A.jpg", new string('a', 64), 10);
        }

        using var again = GhostRollDatabase.Open(path);
        var ledger = new UploadLedger(again);
        Assert.Equal(new string('a', 64), ledger.UploadedSha("sessions/s/share/A.jpg"));
        Assert.Null(ledger.UploadedSha("sessions/s/share/B.jpg"));

        ledger.RecordUpload("sessions/s/share/A.jpg", new string('b', 64), 11);
        Assert.Equal(new string('b', 64), ledger.UploadedSha("sessions/s/share/A.jpg"));
    }

    [Fact]
    public void Uploads_under_a_prefix_are_that_sessions_only_even_with_wildcard_characters_in_it()
    {
        using var temp = new TempDirectory("ledger");
        using var db = GhostRollDatabase.Open(temp.Combine("ghostroll.db"));
        var ledger = new UploadLedger(db);
        ledger.RecordUpload("sessions/a_b/index.html", "1", 1);
        ledger.RecordUpload("sessions/a_b/share/X.jpg", "2", 2);
        ledger.RecordUpload("sessions/axb/index.html", "3", 3);
        ledger.RecordUpload("sessions/a_b2/index.html", "4", 4);
        ledger.RecordUpload("sessions/a%/index.html", "5", 5);

        Assert.Equal(["sessions/a_b/index.html", "sessions/a_b/share/X.jpg"], ledger.UploadsUnder("sessions/a_b/").Keys.Order(StringComparer.Ordinal));
        Assert.Equal("2", ledger.UploadsUnder("sessions/a_b/")["sessions/a_b/share/X.jpg"]);
        Assert.Empty(ledger.UploadsUnder("sessions/a%b/"));
    }
}
