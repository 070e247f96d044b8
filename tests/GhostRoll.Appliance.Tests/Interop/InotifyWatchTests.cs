using System.Text;
using GhostRoll.Appliance.Interop;
using GhostRoll.Appliance.Watch;
using GhostRoll.Interop;
using GhostRoll.TestSupport;

namespace GhostRoll.Appliance.Tests.Interop;

/// <summary>
/// The inotify + poll + eventfd wait shared by watch mode and the display daemon, on a real folder. Waits are
/// bounded by a generous guard against hangs, never timed.
/// </summary>
public sealed class InotifyWatchTests : IDisposable
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);
    private readonly TempDirectory _temp = new("inotify-watch");

    [Fact]
    public async Task A_wake_ends_an_endless_wait_and_is_consumed()
    {
        using var watch = InotifyWatch.Open(_temp.Path);
        watch.Add(_temp.Path, Libc.IN_CREATE);

        var waiting = Task.Run(() => watch.Wait(Timeout.InfiniteTimeSpan), TestContext.Current.CancellationToken);
        watch.Wake();

        Assert.Equal(InotifyWatch.Ready.Woken, await waiting.WaitAsync(Guard, TestContext.Current.CancellationToken));
        Assert.Equal(InotifyWatch.Ready.None, watch.Wait(TimeSpan.Zero));
    }

    [Fact]
    public void Queued_events_are_read_with_their_masks_and_names()
    {
        using var watch = InotifyWatch.Open(_temp.Path);
        watch.Add(_temp.Path, Libc.IN_CREATE | Libc.IN_DELETE);
        File.WriteAllText(_temp.Combine("status.json"), "{}");
        Directory.CreateDirectory(_temp.Combine("a folder with a long name to cross the padding of names"));
        File.Delete(_temp.Combine("status.json"));

        Assert.Equal(InotifyWatch.Ready.Events, watch.Wait(Guard));
        var seen = new List<(uint Mask, string Name)>();
        watch.ReadEvents((mask, name) => seen.Add((mask, Encoding.UTF8.GetString(name))));

        Assert.Equal(
            [
                (Libc.IN_CREATE, "status.json"),
                (Libc.IN_CREATE | 0x40000000u /* IN_ISDIR */, "a folder with a long name to cross the padding of names"),
                (Libc.IN_DELETE, "status.json"),
            ],
            seen);
        Assert.Equal(InotifyWatch.Ready.None, watch.Wait(TimeSpan.Zero)); // drained
    }

    [Fact]
    public void The_other_descriptor_is_waited_on_beside_inotify()
    {
        using var watch = InotifyWatch.Open(_temp.Path);
        var file = _temp.Combine("readable");
        File.WriteAllText(file, "x");
        using var readable = Libc.OpenHandle(file, Libc.O_RDONLY, 0, "open");

        // A regular file always polls readable (poll(2)): the wait returns for it alone.
        Assert.Equal(InotifyWatch.Ready.Other, watch.Wait(Guard, readable, Libc.POLLIN));
    }

    [Fact]
    public async Task A_stop_ends_a_watch_mode_wait_without_waiting_out_its_interval()
    {
        using var signal = new MountRootSignal();
        signal.Watch([_temp.Path]);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var waiting = signal.WaitAsync(TimeSpan.FromMinutes(10), stop.Token);
        await Task.Delay(100, TestContext.Current.CancellationToken); // most likely blocked in poll(2) by now

        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(Guard, TestContext.Current.CancellationToken));
    }

    public void Dispose() => _temp.Dispose();
}
