using System.Text.Json;
using System.Text.Json.Serialization;

namespace GhostRoll.Appliance.Hotspot;

/// <summary>
/// <c>/run/ghostroll/hotspot.json</c>: what the hotspot service last saw, for the display (which has no network
/// access of its own). No secrets: the display reads the passphrase from its 0600 file.
/// </summary>
public sealed record HotspotState
{
    public const string DefaultPath = "/run/ghostroll/hotspot.json";

    public string Mode { get; init; } = HotspotModes.Auto;

    public bool Active { get; init; }

    public string Ssid { get; init; } = "";

    public string Interface { get; init; } = "";

    public int Stations { get; init; }

    public long UpdatedUnix { get; init; }

    /// <summary>Written atomically (temporary file, then rename), readable by everyone: the display runs unprivileged.</summary>
    public void Write(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(this, HotspotJsonContext.Default.HotspotState));
        File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The state, or null when the service has not written one (not installed, HOTSPOT=never, no Wi-Fi) or it is unreadable.</summary>
    public static HotspotState? TryRead(string path)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(path), HotspotJsonContext.Default.HotspotState);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(HotspotState))]
internal sealed partial class HotspotJsonContext : JsonSerializerContext;
