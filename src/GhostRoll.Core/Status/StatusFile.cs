using System.Text.Json;
using GhostRoll.Storage;

namespace GhostRoll.Status;

/// <summary>Reads and atomically writes <c>status.json</c>.</summary>
public static class StatusFile
{
    public static void Write(string path, StatusDocument document)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(document, StatusJsonContext.Default.StatusDocument);
        // Not fsynced: status is rewritten every second and losing the last one to a power cut is harmless;
        // rename still guarantees readers never see a torn file.
        AtomicFile.WriteAllBytes(path, bytes, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, durable: false);
    }

    /// <summary>The current status, or null when there is none or it cannot be parsed (a reader never crashes on it).</summary>
    public static StatusDocument? TryRead(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize(stream, StatusJsonContext.Default.StatusDocument);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }
}
