namespace GhostRoll.Storage;

/// <summary>Free space on the filesystem holding a path (statvfs through DriveInfo).</summary>
public static class FreeSpace
{
    /// <summary>Bytes available to this user, or null when it cannot be determined.</summary>
    public static long? Available(string path)
    {
        try
        {
            var existing = Path.GetFullPath(path);
            while (!Directory.Exists(existing))
            {
                existing = Path.GetDirectoryName(existing) ?? "/";
            }

            return new DriveInfo(existing).AvailableFreeSpace;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }
}

/// <summary>Human-readable sizes for messages ("24.0 MB").</summary>
public static class Bytes
{
    public static string Format(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => (bytes / 1024.0).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " KB",
        < 1024L * 1024 * 1024 => (bytes / 1048576.0).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " MB",
        _ => (bytes / 1073741824.0).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) + " GB",
    };
}
