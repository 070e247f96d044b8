using Microsoft.Playwright;

namespace GhostRoll.TestSupport.Browser;

/// <summary>
/// Real multi-finger touch input through the DevTools protocol (<c>Input.dispatchTouchEvent</c>): Chromium turns
/// it into touch and pointer events exactly as for a finger on a phone. Playwright itself only offers a one-finger
/// tap. Use with a <see cref="DeviceProfile"/> that has touch. Coordinates are CSS pixels of the viewport.
/// </summary>
public sealed class Touchscreen(ICDPSession devTools)
{
    private const int Steps = 8;

    public async Task SwipeAsync((double X, double Y) from, (double X, double Y) to)
    {
        await SendAsync("touchStart", [Point(from, 0)]);
        for (var i = 1; i <= Steps; i++)
        {
            await SendAsync("touchMove", [Point(Lerp(from, to, i / (double)Steps), 0)]);
        }

        await SendAsync("touchEnd", []);
    }

    /// <summary>Two fingers centred on <paramref name="centre"/>, moving from one distance apart to another.</summary>
    public async Task PinchAsync((double X, double Y) centre, double from, double to)
    {
        object[] Fingers(double distance) =>
            [Point((centre.X - distance / 2, centre.Y), 0), Point((centre.X + distance / 2, centre.Y), 1)];

        await SendAsync("touchStart", Fingers(from));
        for (var i = 1; i <= Steps; i++)
        {
            await SendAsync("touchMove", Fingers(from + (to - from) * i / Steps));
        }

        await SendAsync("touchEnd", []);
    }

    public async Task TapAsync((double X, double Y) at)
    {
        await SendAsync("touchStart", [Point(at, 0)]);
        await SendAsync("touchEnd", []);
    }

    public async Task DoubleTapAsync((double X, double Y) at)
    {
        await TapAsync(at);
        await TapAsync(at);
    }

    private static Dictionary<string, object> Point((double X, double Y) p, int id) => new() { ["x"] = p.X, ["y"] = p.Y, ["id"] = id };

    private static (double, double) Lerp((double X, double Y) a, (double X, double Y) b, double t) => (a.X + (b.X - a.X) * t, a.Y + (b.Y - a.Y) * t);

    private Task SendAsync(string type, object[] points) =>
        devTools.SendAsync("Input.dispatchTouchEvent", new Dictionary<string, object> { ["type"] = type, ["touchPoints"] = points });
}
