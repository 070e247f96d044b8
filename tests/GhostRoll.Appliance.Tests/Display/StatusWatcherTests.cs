using GhostRoll.Appliance.Display;
using GhostRoll.Status;
using GhostRoll.TestSupport;
using GhostRoll.TestSupport.Screens;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace GhostRoll.Appliance.Tests.Display;

/// <summary>
/// Real inotify on a real folder. Waits are bounded by generous timeouts that only guard against hangs; a
/// "no change" result is asserted with a short wait, which can only pass wrongly if an event arrives late.
/// </summary>
[Collection(InotifyCollection.Name)]
public sealed class StatusWatcherTests : IDisposable
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);
    private readonly TempDirectory _temp = new("watch");

    private string StatusPath => _temp.Combine("status.json");

    [Fact]
    public async Task An_atomic_replace_of_status_json_is_noticed()
    {
        using var watcher = InotifyStatusWatcher.Start(StatusPath);
        var wait = watcher.WaitAsync(Guard, TestContext.Current.CancellationToken);

        StatusFile.Write(StatusPath, StatusSamples.Copying);

        Assert.True(await wait);
    }

    [Fact]
    public async Task An_in_place_write_and_a_delete_are_noticed()
    {
        using var watcher = InotifyStatusWatcher.Start(StatusPath);

        await File.WriteAllTextAsync(StatusPath, "{}", TestContext.Current.CancellationToken);
        Assert.True(await watcher.WaitAsync(Guard, TestContext.Current.CancellationToken));

        File.Delete(StatusPath);
        Assert.True(await watcher.WaitAsync(Guard, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Other_files_in_the_folder_are_ignored()
    {
        using var watcher = InotifyStatusWatcher.Start(StatusPath);

        await File.WriteAllTextAsync(_temp.Combine("status.png"), "x", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(_temp.Combine("status.json.bak"), "x", TestContext.Current.CancellationToken);

        Assert.False(await watcher.WaitAsync(TimeSpan.FromMilliseconds(300), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Many_writes_between_two_waits_are_one_change()
    {
        using var watcher = InotifyStatusWatcher.Start(StatusPath);
        for (var i = 0; i < 20; i++)
        {
            StatusFile.Write(StatusPath, StatusSamples.Copying with { UpdatedUnix = i });
        }

        Assert.True(await watcher.WaitAsync(Guard, TestContext.Current.CancellationToken));
        await Task.Delay(200, TestContext.Current.CancellationToken);
        _ = await watcher.WaitAsync(TimeSpan.Zero, TestContext.Current.CancellationToken);

        Assert.False(await watcher.WaitAsync(TimeSpan.FromMilliseconds(200), TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Watching_and_disposing_leaks_no_file_descriptors()
    {
        using (InotifyStatusWatcher.Start(StatusPath))
        {
        }

        var before = OpenDescriptors();
        for (var i = 0; i < 50; i++)
        {
            using var watcher = InotifyStatusWatcher.Start(StatusPath);
        }

        Assert.Equal(before, OpenDescriptors());
    }

    [Fact]
    public void A_missing_folder_is_an_io_error_that_says_what_failed()
    {
        var e = Assert.ThrowsAny<IOException>(() => InotifyStatusWatcher.Start(_temp.Combine("missing", "status.json")));

        Assert.Contains("inotify_add_watch", e.Message, StringComparison.Ordinal);
        Assert.Contains("No such file or directory", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_watch_creates_the_status_folder_and_survives_its_removal()
    {
        var folder = _temp.Combine("ghostroll");
        var path = Path.Combine(folder, "status.json");
        using var watch = StatusFileWatch.Open(path, TimeSpan.FromMilliseconds(50), TimeProvider.System, NullLogger.Instance);
        Assert.True(Directory.Exists(folder));
        Assert.Equal("inotify", watch.Mode);

        Directory.Delete(folder);
        Assert.True(await watch.WaitAsync(Guard, TestContext.Current.CancellationToken));
        _ = await watch.WaitAsync(TimeSpan.Zero, TestContext.Current.CancellationToken);

        // The folder is back and watched: a new status file is noticed.
        Assert.True(Directory.Exists(folder));
        Assert.Equal("inotify", watch.Mode);
        var changed = false;
        for (var attempt = 0; attempt < 10 && !changed; attempt++)
        {
            StatusFile.Write(path, StatusSamples.Copying with { UpdatedUnix = attempt });
            changed = await watch.WaitAsync(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);
        }

        Assert.True(changed);
    }

    [Fact]
    public async Task Polling_notices_a_replaced_file()
    {
        // The watcher's own clock: its polls and its timeout pass without real time slept.
        var clock = new ManualTimeProvider();
        using var watcher = new PollingStatusWatcher(StatusPath, TimeSpan.FromMilliseconds(20), clock);
        var wait = watcher.WaitAsync(Guard, TestContext.Current.CancellationToken);

        StatusFile.Write(StatusPath, StatusSamples.Idle);

        Assert.True(await PollsUntilDone(clock, wait, "the polling watcher to notice the new file"));
        // The same file is not a second change: the next wait runs out its 100 ms on the watcher's clock.
        Assert.False(await PollsUntilDone(clock, watcher.WaitAsync(TimeSpan.FromMilliseconds(100), TestContext.Current.CancellationToken), "the 100 ms timeout"));
    }

    /// <summary>Moves <paramref name="clock"/> one poll interval at a time until <paramref name="wait"/> ends.</summary>
    private static async Task<bool> PollsUntilDone(ManualTimeProvider clock, Task<bool> wait, string what)
    {
        await Eventually.UntilAsync(() =>
        {
            clock.Advance(TimeSpan.FromMilliseconds(20));
            return wait.IsCompleted;
        }, what: what);
        return await wait;
    }

    /// <summary>inotify instances and eventfds this process holds (/proc/self/fd links read "anon_inode:...").</summary>
    private static int OpenDescriptors() => Directory.GetFiles("/proc/self/fd")
        .Select(fd => new FileInfo(fd).LinkTarget ?? "")
        .Count(target => target is "anon_inode:inotify" or "anon_inode:[eventfd]");

    public void Dispose() => _temp.Dispose();
}

/// <summary>
/// Tests that count this process's inotify descriptors or run the daemon on real inotify: kept from running in
/// parallel with each other so a descriptor count sees only its own test's work.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class InotifyCollection
{
    public const string Name = "inotify";
}
