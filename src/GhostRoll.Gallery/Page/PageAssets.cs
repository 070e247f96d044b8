using System.Security.Cryptography;
using System.Text;

namespace GhostRoll.Gallery.Page;

/// <summary>
/// The page's HTML shell, CSS and JS, read once from embedded resources, lightly compacted (comments and
/// indentation only: nothing that could change meaning) and hashed for the Content-Security-Policy.
/// </summary>
internal static class PageAssets
{
    public static string Style { get; } = CompactCss(Read("gallery.css"));

    public static string Script { get; } = CompactJs(Read("gallery.js"));

    /// <summary>CSP source expressions that allow exactly the inline style and script above.</summary>
    public static string StyleHash { get; } = Hash(Style);

    public static string ScriptHash { get; } = Hash(Script);

    public static PageTemplate Shell { get; } = PageTemplate.Parse(Read("gallery.html"));

    private static string Read(string name)
    {
        using var stream = typeof(PageAssets).Assembly.GetManifestResourceStream($"GhostRoll.Gallery.Page.{name}")
            ?? throw new InvalidOperationException($"embedded gallery asset '{name}' is missing from the build");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd().ReplaceLineEndings("\n");
    }

    // CSP hash sources are base64 SHA-256 of the exact UTF-8 text between the tags (CSP Level 3, §2.3.1).
    private static string Hash(string text) => $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)))}'";

    /// <summary>Drops /* comments */ and joins lines; CSS has no meaningful newlines.</summary>
    internal static string CompactCss(string css)
    {
        var text = new StringBuilder(css.Length);
        for (var i = 0; i < css.Length; i++)
        {
            if (css[i] == '/' && i + 1 < css.Length && css[i + 1] == '*')
            {
                var end = css.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? css.Length : end + 1;
                continue;
            }

            text.Append(css[i]);
        }

        return string.Join(' ', text.ToString().Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));
    }

    /// <summary>
    /// Drops indentation and whole-line // comments. Newlines stay (automatic semicolon insertion may rely on
    /// them) and nothing inside a line is touched, so strings, regexes and trailing comments are safe.
    /// </summary>
    internal static string CompactJs(string js) =>
        string.Join('\n', js.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith("//", StringComparison.Ordinal)));
}

/// <summary>
/// The HTML shell split at its <c>{{NAME}}</c> holes once, then filled in a single pass: a value can never
/// introduce a hole of its own (a title of "{{MANIFEST}}" stays text).
/// </summary>
internal sealed class PageTemplate
{
    private readonly List<(string Text, string? Hole)> _parts;

    private PageTemplate(List<(string Text, string? Hole)> parts) => _parts = parts;

    public IEnumerable<string> Holes => _parts.Where(p => p.Hole is not null).Select(p => p.Hole!).Distinct(StringComparer.Ordinal);

    public static PageTemplate Parse(string template)
    {
        var parts = new List<(string, string?)>();
        var at = 0;
        while (true)
        {
            var open = template.IndexOf("{{", at, StringComparison.Ordinal);
            if (open < 0)
            {
                parts.Add((template[at..], null));
                return new PageTemplate(parts);
            }

            var close = template.IndexOf("}}", open, StringComparison.Ordinal);
            parts.Add((template[at..open], template[(open + 2)..close]));
            at = close + 2;
        }
    }

    public string Fill(IReadOnlyDictionary<string, string> values)
    {
        var html = new StringBuilder();
        foreach (var (text, hole) in _parts)
        {
            html.Append(text);
            if (hole is not null)
            {
                html.Append(values.TryGetValue(hole, out var value) ? value : throw new InvalidOperationException($"no value for template hole '{hole}'"));
            }
        }

        return html.ToString();
    }
}
