using GhostRoll.Status;

namespace GhostRoll.Pipeline;

/// <summary>The session's gallery on the local network, and the Wi-Fi a phone must join to open it (null: unknown or wired).</summary>
public sealed record LanLink(string Url, string? WifiName);

/// <summary>
/// What a publisher reports while it works. It says what happened; the pipeline's implementation decides what
/// status shows (<see cref="StatusPublishProgress"/>), so status steps have one writer.
/// </summary>
public interface IPublishProgress
{
    /// <summary><paramref name="done"/> of <paramref name="total"/> gallery entries are at the destination.</summary>
    void Uploaded(int done, int total);

    /// <summary>The session's archive (share.zip) is being uploaded: the last and longest upload of a run.</summary>
    void UploadingArchive();

    /// <summary>
    /// The share link people get is ready (its QR image at <paramref name="qrPath"/>); <paramref name="lan"/> when
    /// that link is also the LAN link (local-only mode). Shown at once.
    /// </summary>
    void ShareLinkReady(string url, string qrPath, LanLink? lan = null);

    /// <summary>The LAN link is ready beside a share link from elsewhere (the bucket's). Shown at once.</summary>
    void LanLinkReady(LanLink lan);
}

/// <summary>The pipeline's <see cref="IPublishProgress"/>: publishers' reports become status.</summary>
public sealed class StatusPublishProgress(StatusReporter status) : IPublishProgress
{
    public void Uploaded(int done, int total)
    {
        status.Counts(c => c with { UploadedDone = done, UploadedTotal = total });
        status.Progress(StatusStep.Upload, done, total);
    }

    public void UploadingArchive() => status.Step(StatusStates.Running, StatusStep.Upload, "uploading share.zip");

    public void ShareLinkReady(string url, string qrPath, LanLink? lan = null)
    {
        status.Update(s => lan is null
            ? s with { Url = url, QrPath = qrPath }
            : s with { Url = url, QrPath = qrPath, LanUrl = lan.Url, WifiName = lan.WifiName });
        status.Flush();
    }

    public void LanLinkReady(LanLink lan)
    {
        ArgumentNullException.ThrowIfNull(lan);
        status.Update(s => s with { LanUrl = lan.Url, WifiName = lan.WifiName });
        status.Flush();
    }
}
