using GhostRoll.Imaging.Video;
using GhostRoll.Media;
using GhostRoll.Pipeline;

namespace GhostRoll.Imaging.Deriving;

/// <summary>The clip path of the derive stage: probing a group's clip, and a poster frame for clips without a THM.</summary>
public sealed partial class ImageDeriver
{
    /// <summary>Posters are made beside the session's derivatives, never on the card, and removed once rendered.</summary>
    private const string PosterWorkFolder = ".derive";

    /// <summary>A group's clip and what ffprobe said about it.</summary>
    private sealed record ProbedClip(GroupMember Member, ClipProbe Probe);

    /// <summary>
    /// Probes the group's clip (a video entry's clip, or a Live Photo's motion part); null when there is none or
    /// ffprobe cannot read it (logged: the clip is still kept and listed, without length or poster).
    /// </summary>
    private async Task<ProbedClip?> ProbeClipAsync(MediaGroup group, CancellationToken cancellationToken)
    {
        var member = group.OfKind(MediaKind.Video).FirstOrDefault();
        if (member is null)
        {
            return null;
        }

        var (probe, problem) = await ClipProbe.ReadAsync(Video, member.LocalPath, cancellationToken).ConfigureAwait(false);
        if (probe is null)
        {
            Log.ClipUnreadable(_logger, member.CardPath, problem ?? "unknown");
            return null;
        }

        return new ProbedClip(member, probe);
    }

    /// <summary>A frame of the clip through the photo pipeline; null (no picture, not an error) when ffmpeg cannot take one.</summary>
    private async ValueTask<DeriveOutcome?> RenderPosterAsync(DeriveRequest request, Attempt attempt, ProbedClip clip, CancellationToken ct)
    {
        attempt.Track(clip.Member);
        var poster = Path.Combine(request.SessionRoot, PosterWorkFolder, $"poster-{Guid.NewGuid():N}.jpg");
        try
        {
            var problem = await PosterExtractor.ExtractAsync(Video, clip.Member.LocalPath, clip.Probe.Duration, request.Options.ShareMaxLongEdge, poster, ct).ConfigureAwait(false);
            if (problem is not null)
            {
                Log.ClipUnreadable(_logger, clip.Member.CardPath, problem);
                return null;
            }

            // The frame is a JPEG without metadata: it stands for the clip (card path, hash), and the clip's own
            // tags give its capture time and camera. Its displayed size is the frame's: already upright.
            var member = clip.Member with { LocalPath = poster };
            var outcome = await RenderAsync(request, () => SourceOpener.OpenJpegFile(member, "poster", request.Options.MaxImagePixels), clip.Probe.Metadata, ct).ConfigureAwait(false);
            return outcome;
        }
        finally
        {
            File.Delete(poster);
        }
    }
}
