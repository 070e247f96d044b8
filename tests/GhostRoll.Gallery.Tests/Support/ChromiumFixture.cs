using GhostRoll.TestSupport.Browser;

[assembly: AssemblyFixture(typeof(GhostRoll.Gallery.Tests.Support.ChromiumFixture))]

namespace GhostRoll.Gallery.Tests.Support;

/// <summary>One headless Chromium for the whole test assembly; each test opens its own isolated context.</summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    private HeadlessChromium? _chromium;

    public HeadlessChromium Chromium => _chromium ?? throw new InvalidOperationException("Chromium did not start");

    /// <summary>A fresh browser context on <paramref name="session"/>'s index.html, opened from disk.</summary>
    public async Task<(BrowserSession Browser, GalleryPageObject Gallery)> OpenGalleryAsync(TestSession session, DeviceProfile device)
    {
        ArgumentNullException.ThrowIfNull(session);
        var browser = await Chromium.NewSessionAsync(device);
        var gallery = new GalleryPageObject(browser);
        await gallery.OpenAsync(session.IndexUrl);
        return (browser, gallery);
    }

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
