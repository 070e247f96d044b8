using GhostRoll.TestSupport;
using GhostRoll.TestSupport.Browser;

namespace GhostRoll.Links.Tests.Support;

/// <summary>One headless Chromium for the whole test assembly, started on first use; each test opens its own context.</summary>
public sealed class ChromiumFixture : StartedOnce<HeadlessChromium>
{
    protected override Task<HeadlessChromium> StartAsync()
    {
        // Playwright's Expect gives up after 5 s by default: too short on a loaded 2-core machine (this fixture owns
        // that process-wide default for the assembly).
        Microsoft.Playwright.Assertions.SetDefaultExpectTimeout(30_000);
        return HeadlessChromium.LaunchAsync();
    }
}
