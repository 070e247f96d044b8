using Microsoft.Playwright;

namespace GhostRoll.Gallery.Tests.Support;

/// <summary>
/// One finger on the touch screen that can stop mid-gesture (the shared <c>Touchscreen</c> only does whole
/// swipes), so a test can look at the page while the finger is still down: the neighbour showing mid-swipe,
/// the photo following a drag-to-close. Real touch input through the DevTools protocol.
/// </summary>
public sealed class Finger(ICDPSession devTools)
{
    private (double X, double Y) _at;

    public Task DownAsync(double x, double y)
    {
        _at = (x, y);
        return SendAsync("touchStart", [Point(_at)]);
    }

    /// <summary>Moves in small steps, as a finger does (pointer events see every step).</summary>
    public async Task MoveAsync(double x, double y, int steps = 8)
    {
        var from = _at;
        for (var i = 1; i <= steps; i++)
        {
            _at = (from.X + (x - from.X) * i / steps, from.Y + (y - from.Y) * i / steps);
            await SendAsync("touchMove", [Point(_at)]);
        }
    }

    public Task UpAsync() => SendAsync("touchEnd", []);

    private static Dictionary<string, object> Point((double X, double Y) p) => new() { ["x"] = p.X, ["y"] = p.Y, ["id"] = 0 };

    private Task SendAsync(string type, object[] points) =>
        devTools.SendAsync("Input.dispatchTouchEvent", new Dictionary<string, object> { ["type"] = type, ["touchPoints"] = points });
}
