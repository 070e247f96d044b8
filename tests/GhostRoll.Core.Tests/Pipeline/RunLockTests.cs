using System.Diagnostics;
using GhostRoll.Pipeline;
using GhostRoll.TestSupport;

namespace GhostRoll.Core.Tests.Pipeline;

/// <summary>
/// One run per database, and a card never waits for uploads: an import that finds a publish-only run holding the
/// lock stops it (SIGTERM) and goes on; anything else holding the lock is waited for, never signalled.
/// The holders here are real processes with a real flock on the lock file.
/// </summary>
public sealed class RunLockTests : IDisposable
{
    private readonly TempDirectory _dir = new("runlock");
    private readonly List<Process> _holders = [];

    private string DbPath => _dir.Combine("ghostroll.db");

    [Fact]
    public async Task An_import_stops_a_publish_only_run_holding_the_lock_and_takes_it()
    {
        var holder = await StartHolderAsync("ghostroll publish", "Publish");

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        var waited = false;
        using (await RunLock.AcquireAsync(DbPath, RunRole.Import, _ => waited = true, timeout.Token))
        {
            Assert.True(waited, "the lock was free: the holder never held it");
            Assert.True(holder.WaitForExit(TimeSpan.FromSeconds(10)));
            Assert.Equal(128 + 15, holder.ExitCode); // bash reports death by SIGTERM as 143
            Assert.Equal($"{Environment.ProcessId} Import", File.ReadAllText(RunLock.PathFor(DbPath) + ".owner").Trim());
        }

        Assert.False(File.Exists(RunLock.PathFor(DbPath) + ".owner"), "the owner note outlived the lock");
    }

    [Theory]
    [InlineData("ghostroll import /dev/sdb1", "Import")] // another card: wait for it
    [InlineData("backup-tool", "Publish")] // a recycled pid that is not ours: never signal a stranger
    public async Task An_import_waits_for_any_other_holder_and_signals_nobody(string commandLine, string role)
    {
        var holder = await StartHolderAsync(commandLine, role);

        using var give = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        give.CancelAfter(TimeSpan.FromSeconds(2));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RunLock.AcquireAsync(DbPath, RunRole.Import, null, give.Token));

        Assert.False(holder.HasExited, "the holder was stopped");
    }

    [Fact]
    public async Task A_publish_run_waits_for_an_import_and_never_preempts_it()
    {
        var holder = await StartHolderAsync("ghostroll import /dev/sdb1", "Import");
        using var give = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        give.CancelAfter(TimeSpan.FromSeconds(2));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RunLock.AcquireAsync(DbPath, RunRole.Publish, null, give.Token));

        Assert.False(holder.HasExited);
        holder.Kill();
        holder.WaitForExit();
        using var _ = await RunLock.AcquireAsync(DbPath, RunRole.Publish, null, TestContext.Current.CancellationToken);
    }

    /// <summary>
    /// A process that takes the lock the way ghostroll does (flock on ghostroll.lock), notes itself as the owner,
    /// and then runs as <paramref name="commandLine"/> (exec -a keeps the pid and the open, locked descriptor).
    /// Returns once the lock is held.
    /// </summary>
    private async Task<Process> StartHolderAsync(string commandLine, string role)
    {
        var lockPath = RunLock.PathFor(DbPath);
        var ready = _dir.Combine("held");
        var script = $"exec 9<>'{lockPath}' && flock -x 9 && echo \"$$ {role}\" > '{lockPath}.owner' && : > '{ready}' && exec -a '{commandLine}' sleep 120";
        var process = Process.Start(new ProcessStartInfo("bash", ["-c", script]) { UseShellExecute = false })!;
        await Eventually.UntilAsync(
            () => File.Exists(ready) || process.HasExited, TimeSpan.FromSeconds(20), what: "the lock holder to take the lock");
        Assert.False(process.HasExited, "the lock holder did not start");

        File.Delete(ready);
        _holders.Add(process);
        return process;
    }

    public void Dispose()
    {
        foreach (var holder in _holders.Where(h => !h.HasExited))
        {
            holder.Kill();
            holder.WaitForExit();
        }

        _dir.Dispose();
    }
}
