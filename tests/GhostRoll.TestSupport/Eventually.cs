using System.Diagnostics;
using System.Runtime.CompilerServices;
using Xunit;

namespace GhostRoll.TestSupport;

/// <summary>
/// The one way a test waits for something another task, process or server will make true (a status step, a file,
/// a request, a server answering). The deadline only stops a broken test from hanging; no test asserts how long
/// anything took. It is sized for a loaded 2-core machine, and giving up fails the test with the condition it waited
/// for (the expression, or <c>what</c> when given) and what was seen instead (when <c>seen</c> is given).
/// A test that must show that nothing happens does not wait here: it moves a <see cref="ManualTimeProvider"/>
/// where the code under test takes a <see cref="TimeProvider"/> (docs/testing.md).
/// </summary>
public static class Eventually
{
    /// <summary>The default hang guard: tens of seconds for in-process work on a loaded machine.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(10);

    /// <summary>Polls <paramref name="condition"/> every <paramref name="every"/> (10 ms) until it holds.</summary>
    public static Task UntilAsync(
        Func<bool> condition,
        TimeSpan? patience = null,
        Func<string>? seen = null,
        TimeSpan? every = null,
        [CallerArgumentExpression(nameof(condition))] string what = "")
    {
        ArgumentNullException.ThrowIfNull(condition);
        return UntilAsync(() => Task.FromResult(condition()), patience, seen, every, what);
    }

    /// <summary>
    /// As above, for a condition that has to ask (a request, a file read). An exception from the probe fails the
    /// wait at once: a probe that may fail before the thing is ready catches that itself and answers false.
    /// </summary>
    public static async Task UntilAsync(
        Func<Task<bool>> condition,
        TimeSpan? patience = null,
        Func<string>? seen = null,
        TimeSpan? every = null,
        [CallerArgumentExpression(nameof(condition))] string what = "")
    {
        ArgumentNullException.ThrowIfNull(condition);
        var limit = patience ?? Patience;
        // The test's own token: a cancelled run stops waiting. A probe with a token of its own checks it itself.
        var token = TestContext.Current.CancellationToken;
        var waited = Stopwatch.StartNew();
        while (!await condition().ConfigureAwait(false))
        {
            if (waited.Elapsed > limit)
            {
                Assert.Fail($"gave up after {limit.TotalSeconds:0} s waiting for {what}{(seen is null ? "" : "; saw " + seen())}");
            }

            await Task.Delay(every ?? DefaultInterval, token).ConfigureAwait(false);
        }
    }
}
