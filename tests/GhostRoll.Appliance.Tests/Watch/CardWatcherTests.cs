using GhostRoll.Appliance.Cards;
using GhostRoll.Appliance.Import;
using GhostRoll.Appliance.Tests.TestDoubles;
using GhostRoll.Appliance.Watch;
using GhostRoll.Pipeline;
using GhostRoll.Status;
using GhostRoll.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace GhostRoll.Appliance.Tests.Watch;

/// <summary>Watch mode over real folders standing in for a desktop's mount roots.</summary>
public sealed class CardWatcherTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60); // a guard against hangs, sized for a loaded 2-core machine
    private readonly TempDirectory _dir = new("watch");
    private readonly RecordingStatusSink _sink = new();
    private readonly StatusReporter _status;
    private readonly List<ImportRequest> _requests = [];

    public CardWatcherTests() => _status = new StatusReporter([_sink]);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Root(string name) => Directory.CreateDirectory(_dir.Combine(name)).FullName;

    /// <summary>This test's mount table: watch mode imports only mount points, and these folders are not real mounts.</summary>
    private string MountInfo => _dir.Combine("mountinfo");

    /// <summary>A card's folder with DCIM/, listed as mounted in <see cref="MountInfo"/>.</summary>
    private string InsertCard(string folder)
    {
        Directory.CreateDirectory(Path.Combine(folder, "DCIM", "100CANON"));
        return ListAsMounted(folder);
    }

    /// <summary>Adds a mount point to <see cref="MountInfo"/>, its path escaped as proc(5) says.</summary>
    private string ListAsMounted(string folder)
    {
        var escaped = folder.Replace("\\", "\\134", StringComparison.Ordinal).Replace(" ", "\\040", StringComparison.Ordinal);
        File.AppendAllText(MountInfo, $"100 30 8:17 / {escaped} ro,relatime shared:1 - vfat /dev/sdz1 ro\n");
        return folder;
    }

    /// <summary>
    /// Makes a card appear at once, the way a mount does: built aside, then renamed into the root (one inotify
    /// event for the whole tree, so the test does not depend on which of several events the watcher sees).
    /// </summary>
    private string MountCard(string root, string relativePath)
    {
        var staging = _dir.Combine("staging-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(staging, relativePath, "DCIM", "100CANON"));
        var top = relativePath.Split('/')[0];
        ListAsMounted(Path.Combine(root, relativePath)); // listed as mounted first: the rename below is what the watcher sees
        Directory.Move(Path.Combine(staging, top), Path.Combine(root, top));
        return Path.Combine(root, relativePath);
    }

    private CardWatcher Watcher(IReadOnlyList<string> roots, string label = "auto-import", bool waitForRemoval = true)
    {
        var import = new CardImport(
            (request, _) =>
            {
                lock (_requests)
                {
                    _requests.Add(request);
                }

                return Task.FromResult(new ImportResult { Outcome = ImportOutcome.Completed, Message = "1 new file imported", NewFiles = 1 });
            },
            _status,
            NullLogger.Instance,
            new CardImportOptions { LockDirectory = _dir.Combine("locks"), PresencePollInterval = TimeSpan.FromMilliseconds(10), WaitForRemoval = waitForRemoval });
        // A long poll interval: finding cards promptly must come from inotify/mount events, not from polling.
        return new CardWatcher(new VolumeFinder(roots, label, MountInfo), import, _status, NullLogger.Instance, new SystemPaths(), TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task Finds_a_card_mounted_after_watching_started()
    {
        var media = Root("media");
        var watch = Watcher([Root("Volumes"), media], waitForRemoval: false).RunAsync("auto-import", [media], once: true, Ct);
        await WaitForStepAsync(StatusStep.Watch);
        Assert.False(watch.IsCompleted);

        var card = MountCard(media, "pi/auto-import");
        var result = await watch.WaitAsync(Patience, Ct);

        Assert.Equal(CardImportOutcome.Imported, result!.Outcome);
        Assert.Equal(card, Assert.Single(_requests).VolumePath);
    }

    [Fact]
    public async Task Imports_a_numbered_duplicate_volume_after_the_first_card_is_removed()
    {
        var media = Root("run-media");
        var first = InsertCard(Path.Combine(media, "auto-import"));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var watch = Watcher([media]).RunAsync("auto-import", [media], once: false, stop.Token);

        await WaitForRequestsAsync(1);
        await WaitForStepAsync(StatusStep.Done);
        Assert.Single(_requests); // "done, remove the card": waiting for removal, not importing it again

        Directory.Delete(first, recursive: true);
        var second = MountCard(media, "alice/AUTO-IMPORT 1");
        await WaitForRequestsAsync(2);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => watch.WaitAsync(Patience, Ct));

        Assert.Equal([first, second], _requests.Select(r => r.VolumePath));
        Assert.Equal("AUTO-IMPORT 1", _requests[1].VolumeLabel);
    }

    [Fact]
    public void Finder_ignores_other_volumes_and_folders_without_DCIM()
    {
        var media = Root("finder");
        InsertCard(Path.Combine(media, "EOS_DIGITAL"));
        InsertCard(Path.Combine(media, "auto-importer"));
        Directory.CreateDirectory(Path.Combine(media, "auto-import")); // mounted, but no DCIM: not a camera card
        var card = InsertCard(Path.Combine(media, "bob", "auto-import 2"));
        InsertCard(Path.Combine(media, "bob", "deeper", "auto-import")); // deeper than a per-user folder

        var found = new VolumeFinder([media, _dir.Combine("missing-root")], "auto-import", MountInfo).Find();

        Assert.Equal([card], found);
    }

    [Fact]
    public void A_plain_folder_named_like_a_card_is_not_imported()
    {
        // A folder someone made (or a copy of a card) is not a card: importing it would make a session of old photos.
        var media = Root("plain");
        Directory.CreateDirectory(Path.Combine(media, "AUTO-IMPORT 1", "DCIM", "100CANON"));
        Directory.CreateDirectory(Path.Combine(media, "carol", "auto-import", "DCIM", "100CANON"));

        var scan = new VolumeFinder([media], "auto-import").Scan(); // the real /proc/self/mountinfo

        Assert.Empty(scan.Cards);
        Assert.Equal([Path.Combine(media, "AUTO-IMPORT 1"), Path.Combine(media, "carol", "auto-import")], scan.NotMounted);
    }

    [Fact]
    public void A_mounted_card_is_found_through_the_real_mount_table()
    {
        var media = Root("mounted");
        var card = Directory.CreateDirectory(Path.Combine(media, "AUTO-IMPORT 1")).FullName;
        if (!Mounts.TryMountTmpfs(card))
        {
            Assert.Skip("needs root to mount a tmpfs (CI runs as root)");
        }

        try
        {
            Directory.CreateDirectory(Path.Combine(card, "DCIM", "100CANON"));

            Assert.Equal([card], new VolumeFinder([media], "auto-import").Find());
        }
        finally
        {
            Mounts.Unmount(card);
        }
    }

    [Fact]
    public async Task Mount_root_events_wake_the_watcher_before_its_poll_interval()
    {
        var root = Root("signal");
        using var signal = new MountRootSignal();
        signal.Watch([root]);
        Assert.True(signal.HasEventSource);

        var waiting = signal.WaitAsync(TimeSpan.FromMinutes(5), Ct);
        Directory.CreateDirectory(Path.Combine(root, "auto-import"));

        Assert.True(await waiting.WaitAsync(Patience, Ct)); // woken by the event, not by the 5-minute timeout
    }

    [Fact]
    public async Task A_quiet_root_waits_out_the_interval()
    {
        using var signal = new MountRootSignal();
        signal.Watch([Root("quiet")]);

        Assert.False(await signal.WaitAsync(TimeSpan.FromMilliseconds(50), Ct));
    }

    private Task WaitForStepAsync(StatusStep step) =>
        Eventually.UntilAsync(() => _status.Current.Step == step, seen: () => $"step '{_status.Current.Step.Name()}' (waiting for '{step.Name()}')");

    private Task WaitForRequestsAsync(int count) => Eventually.UntilAsync(() =>
    {
        lock (_requests)
        {
            return _requests.Count >= count;
        }
    });

    public void Dispose()
    {
        _status.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _dir.Dispose();
    }
}
