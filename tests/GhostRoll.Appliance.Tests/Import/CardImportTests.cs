using GhostRoll.Appliance.Cards;
using GhostRoll.Appliance.Import;
using GhostRoll.Appliance.Tests.TestDoubles;
using GhostRoll.Pipeline;
using GhostRoll.Status;
using GhostRoll.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace GhostRoll.Appliance.Tests.Import;

/// <summary>
/// The import path through a directory card: a real folder with DCIM/, real presence checks (the folder
/// disappearing is a pull), real locks; the pipeline is a fake that records what it was asked to do.
/// </summary>
public sealed class CardImportTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60); // a guard against hangs, sized for a loaded 2-core machine
    private readonly TempDirectory _dir = new("cardimport");
    private readonly RecordingStatusSink _sink = new();
    private readonly StatusReporter _status;

    public CardImportTests() => _status = new StatusReporter([_sink]);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string MakeCard(string name = "auto-import")
    {
        var root = _dir.Combine("media", name);
        Directory.CreateDirectory(Path.Combine(root, "DCIM", "100TEST"));
        File.WriteAllBytes(Path.Combine(root, "DCIM", "100TEST", "IMG_0001.JPG"), [0xFF, 0xD8, 0xFF, 0xD9]);
        return root;
    }

    private CardImport Importer(Func<ImportRequest, CancellationToken, Task<ImportResult>> run, bool wait = true) =>
        new(run, _status, NullLogger.Instance, new CardImportOptions
        {
            LockDirectory = _dir.Combine("locks"),
            WaitForRemoval = wait,
            PresencePollInterval = TimeSpan.FromMilliseconds(10),
        });

    private static ImportResult Completed(int newFiles) =>
        new() { Outcome = ImportOutcome.Completed, Message = $"{newFiles} new files imported", NewFiles = newFiles, SessionId = "shoot-2026-01-01_120000_000000" };

    [Fact]
    public async Task Imports_the_card_says_remove_it_and_returns_to_idle_once_it_is_gone()
    {
        var card = MakeCard();
        var requests = new List<ImportRequest>();
        var import = Importer((request, _) =>
        {
            requests.Add(request);
            return Task.FromResult(Completed(1));
        });

        var running = import.RunAsync(new DirectoryCard(card, new SystemPaths()), Ct);
        await WaitForStepAsync(StatusStep.Done);
        Assert.False(running.IsCompleted); // still waiting for the card to be taken out
        Assert.Contains("Remove the card", _status.Current.Message, StringComparison.Ordinal);
        Assert.True(_status.Current.CardPresent); // the panel says so too, with the time it finished
        Assert.InRange(_status.Current.FinishedUnix!.Value, DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 600, DateTimeOffset.UtcNow.ToUnixTimeSeconds());

        Directory.Delete(card, recursive: true);
        var result = await running.WaitAsync(Patience, Ct);

        Assert.Equal(CardImportOutcome.Imported, result.Outcome);
        var request = Assert.Single(requests);
        Assert.Equal(card, request.VolumePath);
        Assert.Equal("auto-import", request.VolumeLabel);
        Assert.Equal(["detected", "mount", "done", "removed", "idle"], _sink.Steps);
        Assert.Equal(StatusStates.Idle, _sink.Written[^1].State);
        Assert.Null(_sink.Written[^1].CardPresent);
        Assert.Equal("shoot-2026-01-01_120000_000000", _sink.Written[^1].SessionId); // the last session stays visible
    }

    [Fact]
    public async Task A_card_pulled_mid_run_cancels_the_run_and_asks_for_it_again()
    {
        var card = MakeCard();
        var started = new TaskCompletionSource();
        var import = Importer(async (_, token) =>
        {
            started.SetResult();
            // A pipeline honours cancellation by returning Interrupted with its journal intact.
            await Task.Delay(Timeout.Infinite, token).ContinueWith(_ => { }, TaskScheduler.Default);
            return new ImportResult { Outcome = ImportOutcome.Interrupted, Message = "stopped" };
        });

        var running = import.RunAsync(new DirectoryCard(card, new SystemPaths()), Ct);
        await started.Task.WaitAsync(Patience, Ct);
        Directory.Delete(Path.Combine(card, "DCIM"), recursive: true);
        var result = await running.WaitAsync(Patience, Ct);

        Assert.Equal(CardImportOutcome.Interrupted, result.Outcome);
        Assert.Equal(StatusStep.Interrupted, _status.Current.Step);
        Assert.Contains("Insert it again to resume", _status.Current.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_errors_after_a_pull_are_an_interruption_not_a_failure()
    {
        var folder = MakeCard();
        var card = new ScriptedCard(folder);
        var import = Importer((_, _) =>
        {
            card.Remove(); // the card goes, and the pipeline's next read fails before the presence poll notices
            throw new IOException("Input/output error");
        });

        var result = await import.RunAsync(card, Ct).WaitAsync(Patience, Ct);

        Assert.Equal(CardImportOutcome.Interrupted, result.Outcome);
        Assert.Equal(1, card.Released); // the mount is released even so
    }

    [Fact]
    public async Task A_second_start_for_the_same_card_does_nothing_while_the_first_runs()
    {
        var card = MakeCard();
        var calls = 0;
        var import = Importer((_, _) =>
        {
            Interlocked.Increment(ref calls);
            return Task.FromResult(Completed(1));
        });
        var first = import.RunAsync(new DirectoryCard(card, new SystemPaths()), Ct);
        await WaitForStepAsync(StatusStep.Done);

        // udev's "change" after "add" for the same card: the first import still holds it (waiting for removal).
        var second = await import.RunAsync(new DirectoryCard(card, new SystemPaths()), Ct).WaitAsync(Patience, Ct);

        Assert.Equal(CardImportOutcome.AlreadyRunning, second.Outcome);
        Assert.Equal(1, calls);
        Directory.Delete(card, recursive: true);
        Assert.Equal(CardImportOutcome.Imported, (await first.WaitAsync(Patience, Ct)).Outcome);
    }

    [Fact]
    public async Task An_unreadable_card_shows_the_error_until_it_is_removed()
    {
        var card = new ScriptedCard(MakeCard())
        {
            OpenFailure = new CardException("cannot mount /dev/sdz1 read-only: its file system is damaged"),
        };
        var calls = 0;
        var import = Importer((_, _) =>
        {
            calls++;
            return Task.FromResult(Completed(0));
        });

        var running = import.RunAsync(card, Ct);
        await WaitForStepAsync(StatusStep.Error);
        Assert.Equal(StatusStates.Error, _status.Current.State);
        Assert.Contains("damaged", _status.Current.Message, StringComparison.Ordinal);
        card.Remove();
        var result = await running.WaitAsync(Patience, Ct);

        Assert.Equal(CardImportOutcome.Failed, result.Outcome);
        Assert.Equal(0, calls);
        Assert.Equal(StatusStep.Idle, _status.Current.Step);
        Assert.Contains("damaged", _status.Current.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_that_leaves_work_is_reported_as_such()
    {
        var import = Importer((_, _) => Task.FromResult(new ImportResult
        {
            Outcome = ImportOutcome.CompletedWithProblems, Message = "2 files could not be copied", Failed = 2,
        }), wait: false);

        var result = await import.RunAsync(new ScriptedCard(MakeCard()), Ct).WaitAsync(Patience, Ct);

        Assert.Equal(CardImportOutcome.ImportedWithProblems, result.Outcome);
        Assert.Equal(StatusStates.Error, _status.Current.State);
        Assert.Equal("2 files could not be copied. Remove the card.", _status.Current.Message);
    }

    [Fact]
    public async Task Stopping_the_service_stops_the_run_and_releases_the_card()
    {
        var card = new ScriptedCard(MakeCard());
        using var stop = new CancellationTokenSource();
        var import = Importer(async (_, token) =>
        {
            await stop.CancelAsync();
            await Task.Delay(Timeout.Infinite, token);
            return Completed(0);
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => import.RunAsync(card, stop.Token).WaitAsync(Patience, Ct));

        Assert.Equal(1, card.Released);
        Assert.Equal(StatusStep.Interrupted, _status.Current.Step);
    }

    [Fact]
    public async Task A_stop_that_comes_with_the_removal_still_ends_idle()
    {
        // systemd stops the unit (SIGTERM) when the card's device goes away, often before the presence poll sees it.
        var card = new ScriptedCard(MakeCard());
        using var stop = new CancellationTokenSource();
        var import = new CardImport((_, _) => Task.FromResult(Completed(1)), _status, NullLogger.Instance, new CardImportOptions
        {
            LockDirectory = _dir.Combine("locks"),
            PresencePollInterval = TimeSpan.FromHours(1), // only the stop can end the wait
        });

        var running = import.RunAsync(card, stop.Token);
        await WaitForStepAsync(StatusStep.Done);
        card.Remove();
        await stop.CancelAsync();
        var result = await running.WaitAsync(Patience, Ct);

        Assert.Equal(CardImportOutcome.Imported, result.Outcome);
        Assert.Equal(StatusStep.Idle, _status.Current.Step);
    }

    private Task WaitForStepAsync(StatusStep step) =>
        Eventually.UntilAsync(() => _status.Current.Step == step, seen: () => $"step '{_status.Current.Step.Name()}' (waiting for '{step.Name()}')");

    public void Dispose()
    {
        _status.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _dir.Dispose();
    }
}
