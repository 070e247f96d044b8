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
