using GhostRoll.Configuration;

namespace GhostRoll.Appliance.Import;

/// <summary>Where per-card locks live: next to the card mount points on the appliance, else in the user's runtime folder.</summary>
public static class RuntimeFolders
{
    /// <summary>
    /// <c>/run/ghostroll/locks</c> (beside <c>MOUNT_DIR</c>; the tmpfiles.d entry makes it writable for the
    /// service account) when usable, else <c>$XDG_RUNTIME_DIR/ghostroll/locks</c> on a desktop, else a folder
    /// beside the database. Import and watch of one user always agree, which is what the lock needs.
    /// </summary>
    public static string LockDirectory(GhostRollSettings settings)
    {
        var candidates = new List<string>();
        if (Path.GetDirectoryName(Path.GetFullPath(settings.MountDir)) is { } parent)
        {
            candidates.Add(Path.Combine(parent, "locks"));
        }

        if (Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR") is { Length: > 0 } runtime)
        {
            candidates.Add(Path.Combine(runtime, "ghostroll", "locks"));
        }

        var fallback = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(settings.DbPath))!, "locks");
        foreach (var candidate in candidates)
        {
            if (Doctor.Checks.FolderProbe.WriteProblem(candidate) is null)
            {
                return candidate;
            }
        }

        return fallback;
    }
}
