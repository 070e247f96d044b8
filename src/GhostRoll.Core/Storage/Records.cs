using System.Text.Json.Serialization;
using GhostRoll.Media;
using GhostRoll.Sessions;

namespace GhostRoll.Storage;

/// <summary>A session row of the journal.</summary>
public sealed record SessionRecord(
    string SessionId,
    SessionState State,
    string? VolumeId,
    string? VolumeLabel,
    string? VolumePath,
    string SessionDir,
    DateTime CreatedUtc,
    DateTime UpdatedUtc,
    DateTime? CompletedUtc,
    string? ShareUrl,
    string? LastError);

/// <summary>A card file that belongs to a session.</summary>
public sealed record SessionFileRecord(
    string CardPath,
    string GroupKey,
    MediaKind Kind,
    long SizeBytes,
    long MtimeNs,
    string? Sha256,
    FileState State,
    string? Error = null,
    int Attempts = 0);

/// <summary>Per-state file counts of a session, for summaries and <c>ghostroll sessions</c>.</summary>
public sealed record SessionFileCounts(int Total, int Discovered, int Copied, int Derived, int Published, int Duplicate, int Failed)
{
    /// <summary>Files that still need the card (never copied, or failed).</summary>
    public int NeedCard => Discovered + Failed;
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(List<ImageVariant>))]
internal sealed partial class StorageJsonContext : JsonSerializerContext;
