using Microsoft.Playwright;

namespace GhostRoll.TestSupport.Browser;

/// <summary>
/// One browser context with one page, recording every request it makes and every console error and dialog
/// (alert/confirm) it raises: the evidence for "no request leaves loopback" and "hostile names never run".
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private BrowserSession(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
        Requests = new RequestLog(context);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (ConsoleErrors)
                {
                    ConsoleErrors.Add(message.Text);
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (ConsoleErrors)
            {
                ConsoleErrors.Add(error);
            }
        };
        page.Dialog += (_, dialog) =>
        {
            lock (Dialogs)
            {
                Dialogs.Add($"{dialog.Type}: {dialog.Message}");
            }

            _ = dialog.DismissAsync();
        };
    }

    /// <summary>How long any action, navigation or expectation in a browser test waits for its condition.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public RequestLog Requests { get; }

    /// <summary>Console errors and uncaught exceptions, including CSP violations Chromium reports.</summary>
    public List<string> ConsoleErrors { get; } = [];

    /// <summary>alert/confirm/prompt dialogs the page opened (each dismissed at once).</summary>
    public List<string> Dialogs { get; } = [];

    internal static async Task<BrowserSession> CreateAsync(IBrowserContext context)
    {
        // Playwright's own defaults (30 s per action and navigation) are sized for a developer's idle machine; CI is
        // a loaded 2-core one where Chromium, the test host and a server share the cores. A wait only lasts this long
        // when the page is wrong, so the deadline costs nothing on a passing run.
        context.SetDefaultTimeout((float)DefaultTimeout.TotalMilliseconds);
        context.SetDefaultNavigationTimeout((float)DefaultTimeout.TotalMilliseconds);
        var page = await context.NewPageAsync().ConfigureAwait(false);
        return new BrowserSession(context, page);
    }

    /// <summary>A Chrome DevTools Protocol session for input Playwright has no API for (multi-finger touch).</summary>
    public Task<ICDPSession> DevToolsAsync() => Context.NewCDPSessionAsync(Page);

    public async ValueTask DisposeAsync() => await Context.CloseAsync().ConfigureAwait(false);
}

/// <summary>Every URL a browser context requested, in order.</summary>
public sealed class RequestLog
{
    private readonly List<string> _urls = [];

    internal RequestLog(IBrowserContext context) =>
        context.Request += (_, request) =>
        {
            lock (_urls)
            {
                _urls.Add(request.Url);
            }
        };

    public IReadOnlyList<string> Urls
    {
        get
        {
            lock (_urls)
            {
                return [.. _urls];
            }
        }
    }

    /// <summary>Requests that would leave this machine: anything but file:, data:, blob: and loopback http(s).</summary>
    public IReadOnlyList<string> LeavingLoopback() => [.. Urls.Where(u => !IsLocal(u))];

    public static bool IsLocal(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return false;
        }

        return uri.Scheme switch
        {
            "file" or "data" or "blob" or "about" => true,
            "http" or "https" or "ws" => uri.IsLoopback,
            _ => false,
        };
    }
}
