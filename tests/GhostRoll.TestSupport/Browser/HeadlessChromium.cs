using Microsoft.Playwright;

namespace GhostRoll.TestSupport.Browser;

/// <summary>
/// Debian's Chromium (<c>/usr/bin/chromium</c>, package <c>chromium</c>) driven headless by Microsoft.Playwright.
/// Playwright's own browser download is never used: the build machines cannot fetch it, and the appliance's
/// users see pages in ordinary browsers anyway. Launch once per test assembly (an xunit assembly fixture) and open
/// a fresh <see cref="BrowserSession"/> per test; launching costs about a second on the 2-core CI machine.
/// A test project using it adds <c>&lt;PackageReference Include="Microsoft.Playwright" /&gt;</c> itself, which copies
/// Playwright's driver into its output (TestSupport keeps that ~135 MB out of projects that need no browser).
/// </summary>
public sealed class HeadlessChromium : IAsyncDisposable
{
    /// <summary>Overrides the browser binary (e.g. a different Chromium build).</summary>
    public const string ExecutableVariable = "GRTEST_CHROMIUM";

    public const string DefaultExecutable = "/usr/bin/chromium";

    /// <summary>
    /// Flags from docs/environment.md: no sandbox (containers), no GPU, and nothing that phones home. The
    /// host-resolver rule makes every name except 127.0.0.1 unresolvable, so a page cannot reach outside even by
    /// accident; <see cref="RequestLog"/> still records what it tried.
    /// </summary>
    public static IReadOnlyList<string> Arguments { get; } =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
        "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
    ];

    private readonly IPlaywright _playwright;

    private HeadlessChromium(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    public static string ExecutablePath
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable(ExecutableVariable);
            return string.IsNullOrEmpty(configured) ? DefaultExecutable : configured;
        }
    }

    public static async Task<HeadlessChromium> LaunchAsync()
    {
        var executable = ExecutablePath;
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException(
                $"Chromium not found at {executable}: install Debian's 'chromium' package (.ci/install-deps test) or set {ExecutableVariable}");
        }

        var driver = Path.Combine(AppContext.BaseDirectory, ".playwright");
        if (!Directory.Exists(driver))
        {
            throw new InvalidOperationException(
                $"Playwright's driver is not in {driver}: add <PackageReference Include=\"Microsoft.Playwright\" /> to this test project");
        }

        // Expect gives up after 5 s by default: too short for a polling page on a loaded 2-core machine. Every
        // expectation waits as long as a browser action does (a process-wide setting; every caller wants the same).
        Assertions.SetDefaultExpectTimeout((float)BrowserSession.DefaultTimeout.TotalMilliseconds);
        var playwright = await Playwright.CreateAsync().ConfigureAwait(false);
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = executable,
                Headless = true,
                Args = Arguments,
                Timeout = 60_000,
            }).ConfigureAwait(false);
            return new HeadlessChromium(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>A fresh, isolated browser context (own cookies, storage, downloads) with request recording.</summary>
    public async Task<BrowserSession> NewSessionAsync(DeviceProfile device)
    {
        ArgumentNullException.ThrowIfNull(device);
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = device.Width, Height = device.Height },
            DeviceScaleFactor = device.ScaleFactor,
            IsMobile = device.IsMobile,
            HasTouch = device.HasTouch,
            AcceptDownloads = true,
            ColorScheme = device.Dark ? ColorScheme.Dark : ColorScheme.Light,
            ReducedMotion = device.ReducedMotion ? ReducedMotion.Reduce : ReducedMotion.NoPreference,
            Locale = "en-GB",
            TimezoneId = "UTC",
        }).ConfigureAwait(false);
        return await BrowserSession.CreateAsync(context).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync().ConfigureAwait(false);
        _playwright.Dispose();
    }
}

/// <summary>Viewport and input of an emulated device.</summary>
public sealed record DeviceProfile(int Width, int Height, float ScaleFactor = 1, bool IsMobile = false, bool HasTouch = false)
{
    /// <summary>A narrow phone (iPhone 12-15 class CSS viewport).</summary>
    public static DeviceProfile Phone { get; } = new(390, 844, 3, IsMobile: true, HasTouch: true);

    public static DeviceProfile Desktop { get; } = new(1440, 900);

    public bool Dark { get; init; }

    public bool ReducedMotion { get; init; }
}
