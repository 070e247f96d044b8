using GhostRoll.Media;

namespace GhostRoll.Pipeline;

/// <summary>Where the derive stage writes for one group, and how (from the settings).</summary>
/// <param name="SessionRoot">Absolute session folder; variant paths in the outcome are relative to it.</param>
public sealed record DeriveRequest(MediaGroup Group, string SessionRoot, DeriveOptions Options);

/// <param name="Enhance">Also write the enhanced version of the share image (<c>derived/enhanced/</c>, ENHANCE=local).</param>
public sealed record DeriveOptions(
    int ShareMaxLongEdge,
    int ShareQuality,
    int ThumbMaxLongEdge,
    int ThumbQuality,
    long MaxImagePixels,
    bool Webp,
    bool Enhance = false);

/// <summary>
/// What the derive stage made of a group. A failure is data, not an exception: <see cref="Error"/> is set, the
/// variants are empty, and the run goes on (the originals are already safe).
/// </summary>
public sealed record DeriveOutcome
{
    public IReadOnlyList<ImageVariant> Variants { get; init; } = [];

    /// <summary>Card path of the member that was rendered (or that metadata came from).</summary>
    public string? SourceCardPath { get; init; }

    /// <summary>SHA-256 of that member: metadata is stored by content.</summary>
    public string? SourceSha256 { get; init; }

    public PhotoMetadata? Metadata { get; init; }

    public string? Error { get; init; }

    /// <summary>
    /// The group's clip (a video entry) or a Live Photo's motion part (a photo entry), as probed; null when the
    /// group has no clip or the clip could not be read.
    /// </summary>
    public ClipFacts? Clip { get; init; }

    public static DeriveOutcome Failed(string error, string? sourceCardPath = null) => new() { Error = error, SourceCardPath = sourceCardPath };
}

/// <summary>
/// The derive stage's plug-in point: turns a copied group into share images and thumbnails. Implementations
/// must be thread-safe (the pipeline calls them from <c>PROCESS_WORKERS</c> tasks) and must not throw for bad
/// input files; they may throw <see cref="OperationCanceledException"/>.
/// </summary>
public interface IDeriver
{
    ValueTask<DeriveOutcome> DeriveAsync(DeriveRequest request, CancellationToken cancellationToken);
}

/// <summary>The derive stage before imaging is plugged in: every group is listed without a picture.</summary>
internal sealed class PassThroughDeriver : IDeriver
{
    public ValueTask<DeriveOutcome> DeriveAsync(DeriveRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new DeriveOutcome { SourceCardPath = request.Group.Members[0].CardPath, SourceSha256 = request.Group.Members[0].Sha256 });
}
