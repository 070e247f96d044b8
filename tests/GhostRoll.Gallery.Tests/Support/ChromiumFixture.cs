using GhostRoll.TestSupport.Browser;

[assembly: AssemblyFixture(typeof(GhostRoll.Gallery.Tests.Support.ChromiumFixture))]

namespace GhostRoll.Gallery.Tests.Support;

/// <summary>One headless Chromium for the whole test assembly; each test opens its own isolated context.</summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    private HeadlessChromium? _chromium;

    public HeadlessChromium Chromium => _chromium ?? throw new InvalidOperationException("Chromium did not start");

    public async ValueTask InitializeAsync()
    {
        // Playwright's Expect gives up after 5 s by default: too short for a polling page on a loaded 2-core machine.
        // Every Expect in this assembly waits for its condition up to 30 s (this fixture owns that process-wide default).
        Microsoft.Playwright.Assertions.SetDefaultExpectTimeout(30_000);
        _chromium = await HeadlessChromium.LaunchAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_chromium is not null)
        {
            await _chromium.DisposeAsync();
        }
    }
}
