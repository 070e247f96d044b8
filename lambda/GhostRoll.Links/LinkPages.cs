using System.Net;

namespace GhostRoll.Links;

/// <summary>The small pages for links that do not open: plain HTML, inline style, no script, nothing to load.</summary>
internal static class LinkPages
{
    /// <summary>CSP of these pages: nothing but their own inline style.</summary>
    public const string Policy = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static (int, string) NotFound() =>
        (404, Page("No gallery here", "This link does not lead to a gallery. Check that it was copied completely, or ask the photographer for a new one."));

    public static (int, string) Revoked() =>
        (410, Page("This link was revoked", "The photographer has withdrawn this link. Ask the photographer for a new one."));

    public static (int, string) Expired() =>
        (410, Page("This link has expired", "This link is no longer valid. Ask the photographer for a new one."));

    public static (int, string) Unavailable() =>
        (502, Page("The gallery is unavailable right now", "The photos could not be reached. Try again in a minute."));

    public static (int, string) BadRequest() =>
        (400, Page("Bad request", "This request could not be understood."));

    public static (int, string) MethodNotAllowed() =>
        (405, Page("Not allowed", "Only viewing is possible here."));

    private static string Page(string heading, string text) => $$"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="referrer" content="no-referrer">
        <title>{{WebUtility.HtmlEncode(heading)}}</title>
        <style>
        body{font:16px/1.5 system-ui,sans-serif;margin:0;display:grid;place-items:center;min-height:100vh;background:#111;color:#eee}
        main{max-width:32rem;padding:2rem}
        h1{font-size:1.4rem;margin:0 0 .5rem}
        </style>
        </head>
        <body>
        <main>
        <h1>{{WebUtility.HtmlEncode(heading)}}</h1>
        <p>{{WebUtility.HtmlEncode(text)}}</p>
        </main>
        </body>
        </html>

        """;
}
