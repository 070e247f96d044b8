namespace GhostRoll.Appliance.Tests.TestDoubles;

/// <summary>
/// Waits for something a background task will make true (a status step, a request). The limit only stops a broken
/// test from hanging; no test asserts how long anything took.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public static async Task UntilAsync(Func<bool> condition, TimeSpan? patience = null)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(patience ?? Patience);
        while (!condition())
        {
            await Task.Delay(5, timeout.Token);
        }
    }
}
