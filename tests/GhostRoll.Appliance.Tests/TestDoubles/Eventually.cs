using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace GhostRoll.Appliance.Tests.TestDoubles;

/// <summary>
/// Waits for something a background task will make true (a status step, a request). The limit only stops a broken
/// test from hanging; no test asserts how long anything took. It is sized for a loaded 2-core machine, and giving
/// up fails the test with the condition it waited for (and what was seen instead, when <c>seen</c> is given).
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public static async Task UntilAsync(
        Func<bool> condition,
        TimeSpan? patience = null,
        Func<string>? seen = null,
        [CallerArgumentExpression(nameof(condition))] string what = "")
    {
        var limit = patience ?? Patience;
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            if (waited.Elapsed > limit)
            {
                Assert.Fail($"gave up after {limit.TotalSeconds:0} s waiting for {what}{(seen is null ? "" : "; saw " + seen())}");
            }

            await Task.Delay(5, TestContext.Current.CancellationToken);
        }
    }
}
