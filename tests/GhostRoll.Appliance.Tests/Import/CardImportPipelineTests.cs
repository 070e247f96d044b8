using GhostRoll.Appliance.Cards;
using GhostRoll.Appliance.Import;
using GhostRoll.Appliance.Tests.TestDoubles;
using GhostRoll.Configuration;
using GhostRoll.Ingest;
using GhostRoll.Logging;
using GhostRoll.Pipeline;
using GhostRoll.Sessions;
using GhostRoll.Status;
using GhostRoll.Storage;
using GhostRoll.TestSupport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GhostRoll.Appliance.Tests.Import;

/// <summary>
/// A card's visit with the real import pipeline (real SQLite journal, real copies of real camera files): the card
/// is pulled mid-run and put back, the way a person would, and nothing is lost or copied twice.
/// </summary>
public sealed class CardImportPipelineTests : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly TempDirectory _dir = new("cardpipeline");
    private readonly RecordingStatusSink _sink = new();
    private readonly GhostRollSettings _settings;
    private readonly GhostRollDatabase _database;
    private readonly GhostRollLoggerProvider _logging = new(LogLevel.Warning, TextWriter.Null, journald: false);
    private readonly StatusReporter _status;

    public CardImportPipelineTests()
    {
        _settings = new GhostRollSettings
        {
            BaseDir = _dir.Combine("sessions"),
            DbPath = _dir.Combine("db", "ghostroll.db"),
            StatusPath = _dir.Combine("status.json"),
            StatusImagePath = _dir.Combine("status.png"),
            MinFreeBytes = 0,
            CopyWorkers = 1,
        };
        _database = GhostRollDatabase.Open(_settings.DbPath);
        _status = new StatusReporter([_sink, new StatusJsonSink(_settings.StatusPath)]);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private CardImport Importer(ICardFileSource? source = null) => new(
        (request, token) => new ImportPipeline(new ImportServices { Settings = _settings, Database = _database, Logging = _logging, Status = _status })
            .RunAsync(request with { Source = source }, token),
        _status,
        NullLogger.Instance,
        new CardImportOptions { LockDirectory = _dir.Combine("locks"), PresencePollInterval = TimeSpan.FromMilliseconds(10) });

    [Fact]
    public async Task Pulled_mid_copy_then_reinserted_every_photo_arrives_exactly_once()
    {
        var card = TestCards.FromFixtures(_dir.Combine("media", "auto-import"), "orientation");
        var before = CardSnapshot.Take(card);
        var aside = _dir.Combine("aside");
        var opened = 0;
        var pulled = new PullingSource(() =>
        {
            if (Interlocked.Increment(ref opened) == 7)
            {
                Directory.Move(card, aside); // the card leaves the reader: its folder vanishes
            }
        });

        var first = await Importer(pulled).RunAsync(new DirectoryCard(card, new SystemPaths()), Ct).WaitAsync(Patience, Ct);

        Assert.Equal(CardImportOutcome.Interrupted, first.Outcome);
        Assert.Equal(StatusStep.Interrupted, _status.Current.Step);
        var session = Assert.Single(_database.Sessions());
        Assert.Equal(SessionState.Active, session.State);
        Assert.Equal("ok", _database.Check(full: true));

        Directory.Move(aside, card); // put back
        var running = Importer().RunAsync(new DirectoryCard(card, new SystemPaths()), Ct);
        await WaitForRemoveTheCardAsync();
        Directory.Move(card, aside); // taken out after "done"
        var second = await running.WaitAsync(Patience, Ct);

        Assert.Equal(CardImportOutcome.Imported, second.Outcome);
        Assert.Equal(session.SessionId, second.Import!.SessionId); // the same session finished, not a new one
        Assert.Equal(18 - first.Import!.Copied, second.Import.Copied);
        var originals = Directory.EnumerateFiles(Path.Combine(session.SessionDir, "originals"), "*", SearchOption.AllDirectories).ToList();
        Assert.Equal(18, originals.Count);
        Assert.All(originals, o => Assert.Equal(before.Files[Path.GetRelativePath(Path.Combine(session.SessionDir, "originals"), o)].Sha, TestCards.Sha256(o)));
        Assert.True(before.SameAs(CardSnapshot.Take(aside))); // the card was never written
        Assert.Equal(StatusStates.Idle, StatusFile.TryRead(_settings.StatusPath)!.State);
    }

    [Fact]
    public async Task A_card_inserted_again_after_a_full_import_has_nothing_new()
    {
        var card = TestCards.FromFixtures(_dir.Combine("media", "auto-import"), "orientation");
        var aside = _dir.Combine("aside");

        foreach (var expectedCopies in new[] { 18, 0 })
        {
            var running = Importer().RunAsync(new DirectoryCard(card, new SystemPaths()), Ct);
            await WaitForRemoveTheCardAsync();
            Directory.Move(card, aside);
            var result = await running.WaitAsync(Patience, Ct);
            Directory.Move(aside, card);

            Assert.Equal(CardImportOutcome.Imported, result.Outcome);
            Assert.Equal(expectedCopies, result.Import!.Copied);
        }

        Assert.Single(_database.Sessions());
    }

    /// <summary>Waits for the panel to say the import is over and the card can go (what a person waits for).</summary>
    private Task WaitForRemoveTheCardAsync() =>
        Eventually.UntilAsync(() => _status.Current.Message.EndsWith("Remove the card.", StringComparison.Ordinal), Patience);

    /// <summary>Reads the card for real and runs a hook before each file is opened (to pull the card mid-run).</summary>
    private sealed class PullingSource(Action beforeOpen) : ICardFileSource
    {
        public Stream OpenRead(string fullPath)
        {
            beforeOpen();
            return FileSystemCardSource.Instance.OpenRead(fullPath);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _status.DisposeAsync();
        _database.Dispose();
        _logging.Dispose();
        _dir.Dispose();
    }
}
