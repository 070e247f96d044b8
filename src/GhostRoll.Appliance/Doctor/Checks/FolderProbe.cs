namespace GhostRoll.Appliance.Doctor.Checks;

/// <summary>Whether GhostRoll can write where a setting points, found by trying (permissions alone miss read-only mounts).</summary>
internal static class FolderProbe
{
    /// <summary>The folder itself if it exists, else its nearest existing ancestor (which must let us create it).</summary>
    public static string? NearestExisting(string folder)
    {
        for (var current = Path.GetFullPath(folder); current is not null; current = Path.GetDirectoryName(current))
        {
            if (Directory.Exists(current))
            {
                return current;
            }

            if (File.Exists(current))
            {
                return null; // a file sits where a folder must go
            }
        }

        return null;
    }

    /// <summary>Null when a file can be created (and was removed again) in <paramref name="folder"/>, else the reason.</summary>
    public static string? WriteProblem(string folder)
    {
        var existing = NearestExisting(folder);
        if (existing is null)
        {
            return $"{folder} cannot be created: part of its path is a file";
        }

        var probe = Path.Combine(existing, $".ghostroll-doctor-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }

            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"cannot write in {existing}: {e.Message}";
        }
    }
}
