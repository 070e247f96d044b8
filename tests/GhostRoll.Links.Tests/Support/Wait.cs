namespace GhostRoll.Links.Tests.Support;

/// <summary>Polls a condition until a deadline sized for a loaded 2-core machine, and says what it waited for.</summary>
public static class Wait
{
    public static Task UntilAsync(Func<Task<bool>> condition, TimeSpan deadline, string what) => UntilAsync(condition, deadline, () => what);

    /// <summary>As above; <paramref name="what"/> is asked at the end, so it can say what was seen instead.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan deadline, Func<string> what)
    {
        var end = DateTime.UtcNow + deadline;
        while (true)
        {
            if (await condition())
            {
                return;
            }

            if (DateTime.UtcNow > end)
            {
                throw new TimeoutException($"gave up after {deadline.TotalSeconds:F0} s waiting for {what()}");
            }

            await Task.Delay(100);
        }
    }
}
