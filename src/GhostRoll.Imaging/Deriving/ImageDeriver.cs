using GhostRoll.Imaging.Metadata;
using GhostRoll.Imaging.Video;
using GhostRoll.Media;
using GhostRoll.Pipeline;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GhostRoll.Imaging.Deriving;

/// <summary>
/// The derive stage: picks the best picture of a group (camera JPEG &gt; HEIF &gt; RAW preview ≥ 1024 px &gt; the
/// larger of a small RAW preview and the THM sidecar &gt; nothing), decodes it once, and writes the share image and
/// thumbnail (JPEG, and WebP when enabled) atomically under the session. Thread-safe; bad input becomes a
/// <see cref="DeriveOutcome.Failed"/>, never an exception. Memory is bounded by a <see cref="MemoryBudget"/>.
/// </summary>
public sealed partial class ImageDeriver : IDeriver
{
    /// <summary>
    /// Default decoded-bytes budget shared by all workers: with it, a run of 45 MP photos stays under the 150 MB
    /// peak-RSS target with any worker count (docs/benchmarks/imaging.md has the measurement).
    /// </summary>
    public const long DefaultMemoryBudgetBytes = 80L * 1024 * 1024;

    /// <summary>A RAW preview at least this long on its long edge is a full-quality source (issue #3).</summary>
    public const int UsablePreviewLongEdge = 1024;

    private readonly ILogger _logger;

    static ImageDeriver()
    {
        // libheif, libde265, libjpeg and libwebp allocate their multi-megabyte planes with malloc. glibc's default
        // threshold for mmap-backed allocations grows after the first large free (up to 32 MB), after which such
        // planes land in per-thread arenas and stay resident when freed: peak RSS then creeps up with every worker
        // thread that ever decoded a HEIF. Pinning the threshold at 1 MB hands every large buffer back to the
        // kernel on free (measured on the fixtures' HEIF + RAW + JPEG mix with 2 workers: peak RSS 143 -> 95 MB).
        // Process-wide, once, harmless for the small allocations everything else makes.
        _ = Libc.Mallopt(Libc.M_MMAP_THRESHOLD, 1024 * 1024);
    }

    /// <param name="video">ffmpeg/ffprobe for clips (posters, lengths, types); default: Debian's on PATH.</param>
    public ImageDeriver(ILoggerFactory? loggerFactory = null, MemoryBudget? budget = null, VideoTools? video = null)
    {
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("GhostRoll.Imaging");
        Budget = budget ?? new MemoryBudget(DefaultMemoryBudgetBytes);
        Video = video ?? new VideoTools();
    }

    public MemoryBudget Budget { get; }

    public VideoTools Video { get; }

    public async ValueTask<DeriveOutcome> DeriveAsync(DeriveRequest request, CancellationToken cancellationToken)
    {
        var clip = await ProbeClipAsync(request.Group, cancellationToken).ConfigureAwait(false);
        var outcome = await DerivePictureAsync(request, clip, cancellationToken).ConfigureAwait(false);
        return clip is null ? outcome : outcome with { Clip = new ClipFacts(clip.Member.CardPath, clip.Probe.Type, clip.Probe.Duration) };
    }

    private async ValueTask<DeriveOutcome> DerivePictureAsync(DeriveRequest request, ProbedClip? clip, CancellationToken cancellationToken)
    {
        var group = request.Group;
        var errors = new List<(GroupMember Member, string Error)>();
        foreach (var attempt in Plan(group, clip))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var state = new Attempt();
            try
            {
                var outcome = await attempt(request, state, cancellationToken).ConfigureAwait(false);
                if (outcome is null)
                {
                    continue;
                }

                foreach (var (member, error) in errors)
                {
                    Log.FellBack(_logger, member.CardPath, error, outcome.SourceCardPath ?? "nothing");
                }

                return outcome;
            }
            catch (OperationCanceledException)
            {
                throw;
            }
            catch (Exception e) when (e is ImagingException or IOException or UnauthorizedAccessException)
            {
                errors.Add((state.Member ?? group.Members[0], Describe(e)));
            }
        }

        if (errors.Count > 0)
        {
            var (member, error) = errors[0];
            Log.DeriveFailed(_logger, member.CardPath, error);
            return DeriveOutcome.Failed($"{member.CardPath}: {error}", member.CardPath) with { SourceSha256 = member.Sha256 };
        }

        return Unrendered(group, clip);
    }

    /// <summary>Which member an attempt was working on, so its error names the right file.</summary>
    private sealed class Attempt
    {
        public GroupMember? Member { get; set; }

        public GroupMember Track(GroupMember member) => Member = member;
    }

    private static string Describe(Exception e) => e switch
    {
        ImagingException i => i.Message,
        IOException io when Errno.IsDiskFull(io) =>
            $"the disk is full ({io.Message}); free space, then run the session again to finish its pictures",
        _ => $"{e.Message}",
    };

    /// <summary>Ordered attempts; each returns an outcome, or null to let the next one try.</summary>
    private IEnumerable<Func<DeriveRequest, Attempt, CancellationToken, ValueTask<DeriveOutcome?>>> Plan(MediaGroup group, ProbedClip? clip)
    {
        foreach (var jpeg in group.OfKind(MediaKind.Jpeg))
        {
            yield return (r, a, ct) => RenderAsync(r, () => SourceOpener.OpenJpegFile(a.Track(jpeg), "jpeg", r.Options.MaxImagePixels), null, ct);
        }

        foreach (var heif in group.OfKind(MediaKind.Heif))
        {
            yield return (r, a, ct) => RenderAsync(r, () => SourceOpener.OpenHeif(a.Track(heif), r.Options.MaxImagePixels), null, ct);
        }

        var thm = group.OfKind(MediaKind.Sidecar).FirstOrDefault(m => m.CardPath.EndsWith(".thm", StringComparison.OrdinalIgnoreCase));
        foreach (var raw in group.OfKind(MediaKind.Raw))
        {
            yield return (r, a, ct) => RenderRawAsync(r, a, raw, thm, ct);
        }

        if (!group.HasPhoto && thm is not null)
        {
            // A clip's poster (or an orphan THM): the camera's own small JPEG with the clip's capture time.
            // The clip's own tags fill what the THM lacks (an AVI's THM has the time; a phone's MOV has the camera).
            yield return (r, a, ct) => RenderAsync(r, () => SourceOpener.OpenJpegFile(a.Track(thm), "thm", r.Options.MaxImagePixels), clip?.Probe.Metadata, ct);
        }
        else if (!group.HasPhoto && clip is not null)
        {
            yield return (r, a, ct) => RenderPosterAsync(r, a, clip, ct);
        }
    }

    private async ValueTask<DeriveOutcome?> RenderRawAsync(DeriveRequest request, Attempt attempt, GroupMember raw, GroupMember? thm, CancellationToken ct)
    {
        using var rawFile = SourceOpener.OpenRaw(attempt.Track(raw));
        if (rawFile.BestLongEdge >= UsablePreviewLongEdge)
        {
            return await RenderAsync(request, rawFile.PreviewSource, null, ct).ConfigureAwait(false);
        }

        // No full-quality preview. Take the larger of the small preview and the THM sidecar (CRW_0101: its
        // 640x480 JpgFromRaw beats its 160x120 THM), never upscaled; the RAW's metadata fills what the THM lacks.
        JpegStreamSource? thmSource = null;
        if (thm is not null)
        {
            try
            {
                thmSource = SourceOpener.OpenJpegFile(thm, "thm", request.Options.MaxImagePixels);
            }
            catch (ImagingException e)
            {
                Log.FellBack(_logger, thm.CardPath, e.Message, raw.CardPath);
            }
        }

        if (thmSource is not null && thmSource.LongEdge >= rawFile.BestLongEdge)
        {
            attempt.Track(thm!);
            return await RenderAsync(request, () => thmSource, rawFile.Exif, ct).ConfigureAwait(false);
        }

        thmSource?.Dispose();
        if (rawFile.Previews.Count > 0)
        {
            return await RenderAsync(request, rawFile.PreviewSource, null, ct).ConfigureAwait(false);
        }

        Log.NoPicture(_logger, raw.CardPath);
        return new DeriveOutcome
        {
            SourceCardPath = raw.CardPath,
            SourceSha256 = raw.Sha256,
            Metadata = rawFile.Exif.ToPhotoMetadata(rawFile.Exif.PixelWidth, rawFile.Exif.PixelHeight),
        };
    }

    /// <summary>
    /// Nothing to render (a clip ffmpeg cannot read, a lone XMP): listed without a picture, not an error. A clip
    /// still gets the capture time and camera its container states.
    /// </summary>
    private static DeriveOutcome Unrendered(MediaGroup group, ProbedClip? clip)
    {
        var member = group.Members.FirstOrDefault(m => m.Kind == MediaKind.Video) ?? group.Members[0];
        return new DeriveOutcome
        {
            SourceCardPath = member.CardPath,
            SourceSha256 = member.Sha256,
            Metadata = clip is null || clip.Member != member ? null : clip.Probe.Metadata.ToPhotoMetadata(clip.Probe.DisplayWidth, clip.Probe.DisplayHeight),
        };
    }

    /// <summary>Fills what <paramref name="primary"/> lacks from <paramref name="fallback"/> (a THM from its RAW).</summary>
    internal static ExifData Merge(ExifData primary, ExifData? fallback)
    {
        if (fallback is null)
        {
            return primary;
        }

        primary.Make ??= fallback.Make;
        primary.Model ??= fallback.Model;
        primary.Lens ??= fallback.Lens;
        primary.DateTimeOriginal ??= fallback.DateTimeOriginal;
        primary.OffsetTimeOriginal ??= fallback.OffsetTimeOriginal;
        primary.SubSecTimeOriginal ??= fallback.SubSecTimeOriginal;
        primary.Iso ??= fallback.Iso;
        primary.ExposureSeconds ??= fallback.ExposureSeconds;
        primary.FNumber ??= fallback.FNumber;
        primary.FocalLengthMm ??= fallback.FocalLengthMm;
        primary.Latitude ??= fallback.Latitude;
        primary.Longitude ??= fallback.Longitude;
        primary.AltitudeMeters ??= fallback.AltitudeMeters;
        return primary;
    }
}
