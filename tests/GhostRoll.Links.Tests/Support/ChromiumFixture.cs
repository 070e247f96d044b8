using GhostRoll.TestSupport.Browser;

namespace GhostRoll.Links.Tests.Support;

/// <summary>One headless Chromium for the whole test assembly, started on first use; each test opens its own context.</summary>
public sealed class ChromiumFixture : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private HeadlessChromium? _chromium;

    public async Task<HeadlessChromium> GetAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_chromium is null)
            {
                // Playwright's Expect gives up after 5 s by default: too short on a loaded 2-core machine.
                Microsoft.Playwright.Assertions.SetDefaultExpectTimeout(30_000);
                _chromium = await HeadlessChromium.LaunchAsync();
            }

            return _chromium;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_chromium is not null)
        {
            await _chromium.DisposeAsync();
        }

        _gate.Dispose();
    }
}
