using System.Text.Json;
using GhostRoll.Appliance.Reports;
using GhostRoll.Media;
using GhostRoll.Sessions;
using GhostRoll.Status;
using GhostRoll.Storage;
using GhostRoll.TestSupport;

namespace GhostRoll.Appliance.Tests.Reports;

public sealed class ReportTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _dir = new("reports");

    [Fact]
    public void Status_shows_progress_link_and_battery()
    {
        var status = new StatusDocument
        {
            State = StatusStates.Running, Step = StatusStep.Ingest, Message = "Copying 12 of 40", Volume = "auto-import",
            SessionId = "shoot-2026-11-21_115900_000001", Url = "https://example.com/g/index.html",
            Counts = new StatusCounts { Discovered = 40, New = 12, Skipped = 28, CopiedDone = 5, CopiedTotal = 12 },
            BatteryPercentage = 81.6, BatteryCharging = true, Hostname = "ghostroll", Ip = "192.168.1.20",
            UpdatedUnix = Now.ToUnixTimeSeconds() - 2,
        };

        var text = StatusText.Render(status, "/x/status.json", Now);

        Assert.Contains("state    running (ingest)", text, StringComparison.Ordinal);
        Assert.Contains("files    40 found, 12 new, 28 already imported, 0 failed; copied 5/12", text, StringComparison.Ordinal);
        Assert.Contains("battery  82% (charging)", text, StringComparison.Ordinal);
        Assert.Contains("link     https://example.com/g/index.html", text, StringComparison.Ordinal);
        Assert.Contains("updated  2 s ago", text, StringComparison.Ordinal);
        Assert.DoesNotContain("hangs", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_running_status_that_stopped_updating_is_called_out()
    {
        var status = new StatusDocument { State = StatusStates.Running, Step = StatusStep.Process, UpdatedUnix = Now.ToUnixTimeSeconds() - 300 };

        var text = StatusText.Render(status, "/x/status.json", Now);

        Assert.Contains("5 min ago: no update since, so the import has stopped or hangs", text, StringComparison.Ordinal);
    }

    [Fact]
    public void No_status_file_yet_says_where_it_was_looked_for() =>
        Assert.Contains("no status yet at /x/status.json", StatusText.Render(null, "/x/status.json", Now), StringComparison.Ordinal);

    [Fact]
    public void Sessions_list_each_state_with_what_to_do()
    {
        using var db = GhostRollDatabase.Open(_dir.Combine("ghostroll.db"));
        AddSession(db, "shoot-2026-11-20_100000_000000", SessionState.Done, files: 3);
        AddSession(db, "shoot-2026-11-21_100000_000000", SessionState.PublishPending, files: 2);
        AddSession(db, "shoot-2026-11-21_110000_000000", SessionState.Failed, files: 4, failed: 1);

        var sessions = SessionList.Read(db);
        var text = SessionList.Render(sessions);

        Assert.Equal(["failed", "publish_pending", "done"], sessions.Select(s => s.State)); // newest first
        Assert.Contains("failed: 4 file(s) not copied yet (1 with errors); insert the card again to retry", text, StringComparison.Ordinal);
        Assert.Contains("publish pending: retried every 15 minutes", text, StringComparison.Ordinal);
        Assert.Contains("3 sessions: 1 failed, 1 publish pending, 1 done", text, StringComparison.Ordinal);

        var json = JsonSerializer.Serialize(sessions, SessionListJsonContext.Default.ListSessionSummary);
        using var parsed = JsonDocument.Parse(json);
        Assert.Equal("publish_pending", parsed.RootElement[1].GetProperty("state").GetString());
        Assert.Equal(4, parsed.RootElement[0].GetProperty("files").GetInt32());
        Assert.Equal(4, parsed.RootElement[0].GetProperty("need_card").GetInt32());
    }

    private void AddSession(GhostRollDatabase db, string id, SessionState state, int files, int failed = 0)
    {
        var created = DateTime.ParseExact(id[6..23], "yyyy-MM-dd_HHmmss", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal).ToUniversalTime();
        db.CreateSession(new SessionRecord(id, SessionState.Active, "ABCD-1234", "auto-import", "/media/card", _dir.Combine(id), created, created, null, null, null));
        db.AddSessionFiles(id, Enumerable.Range(1, files).Select(i =>
            new SessionFileRecord($"DCIM/100TEST/IMG_{i:0000}.JPG", $"100TEST/IMG_{i:0000}", MediaKind.Jpeg, 1000, 0, null, FileState.Discovered)));
        for (var i = 1; i <= failed; i++)
        {
            db.MarkFileFailed(id, $"DCIM/100TEST/IMG_{i:0000}.JPG", "read error");
        }

        db.SetSessionState(id, state);
    }

    public void Dispose() => _dir.Dispose();
}
