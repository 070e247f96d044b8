using System.Text;
using GhostRoll.Appliance.Setup;

namespace GhostRoll.Appliance.Hotspot;

/// <summary>Files that hold the hotspot's secret (its passphrase, the NetworkManager profile): mode 0600 from the first byte, replaced whole.</summary>
internal static class PrivateFile
{
    /// <summary>
    /// Writes <paramref name="text"/> to a temporary file created 0600, flushes it to disk, gives it to
    /// <paramref name="owner"/> when set, then renames it over <paramref name="path"/>: a power cut leaves the old
    /// file or the new one, never a part, and the secret is never readable by others, not even briefly.
    /// </summary>
    public static void Write(string path, string text, SystemUser? owner = null)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = path + ".new";
        using (var stream = new FileStream(temporary, new FileStreamOptions
        {
            Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        }))
        {
            // UnixCreateMode is filtered by the umask and ignored for an existing file: set the mode explicitly.
            File.SetUnixFileMode(stream.SafeFileHandle, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            stream.Write(Encoding.UTF8.GetBytes(text));
            stream.Flush(flushToDisk: true);
        }

        owner?.Own(temporary);
        File.Move(temporary, path, overwrite: true);
    }
}
