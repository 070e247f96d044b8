using GhostRoll.Sessions;
using GhostRoll.Storage;

namespace GhostRoll.Lan;

/// <summary>
/// The tree the web server serves: <c>BASE_DIR/.lan/&lt;token&gt;</c> is a symlink to the session's folder, and the
/// token itself is kept with the session (<c>&lt;session&gt;/lan-token</c>), so a copied or restored session folder
/// keeps its link and no database change is needed. The web server's configuration (NginxConfig) serves only the
/// gallery files below a well-formed token, never <c>originals/</c>, so the symlink to the whole folder exposes
/// nothing else. Revoking removes both the symlink and the token file; the next share makes a new token.
/// </summary>
public sealed class LanGalleries(string sessionsDir)
{
    public const string TokenFileName = "lan-token";

    /// <summary>Folder of the served symlinks; a dot folder so it is never taken for a session.</summary>
    public string ServedRoot { get; } = Path.Combine(Path.GetFullPath(sessionsDir), ".lan");

    public static string TokenFile(SessionLayout layout) => Path.Combine(layout.Root, TokenFileName);

    /// <summary>The session's token, or null when it has none (never shared on the LAN, or revoked).</summary>
    public static string? TokenOf(SessionLayout layout)
    {
        try
        {
            var text = File.ReadAllText(TokenFile(layout)).Trim();
            return LanToken.IsWellFormed(text) ? text : null;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// The session's token, made on first use, and its served symlink (re-made when missing, e.g. after the
    /// <c>.lan</c> folder was deleted). Throws IOException when the sessions folder is not writable.
    /// </summary>
    public string Serve(SessionLayout layout)
    {
        var token = TokenOf(layout);
        if (token is null)
        {
            token = LanToken.New();
            AtomicFile.WriteAllText(TokenFile(layout), token + "\n", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        }

        Directory.CreateDirectory(ServedRoot);
        var link = Path.Combine(ServedRoot, token);
        // Relative, so the tree still works when BASE_DIR is mounted or restored under another path.
        var target = Path.Combine("..", layout.SessionId);
        var existing = new FileInfo(link).LinkTarget;
        if (existing != target)
        {
            if (existing is not null)
            {
                File.Delete(link);
            }

            File.CreateSymbolicLink(link, target);
        }

        return token;
    }

    /// <summary>Stops serving the session: its link answers 404 from now on. False when it was not served.</summary>
    public bool Revoke(SessionLayout layout)
    {
        var token = TokenOf(layout);
        if (token is null)
        {
            return false;
        }

        File.Delete(Path.Combine(ServedRoot, token));
        File.Delete(TokenFile(layout));
        return true;
    }
}
