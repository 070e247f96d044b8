using Amazon.Runtime;
using GhostRoll.Publishing.Clips;
using GhostRoll.Publishing.S3;

namespace GhostRoll.Publishing;

/// <summary>Knobs of <see cref="S3Publisher"/> that are not user settings: defaults for the appliance, overridden by tests.</summary>
public sealed record S3PublisherOptions
{
    /// <summary>Retries of uploads (backoff with jitter; tests inject a delay that does not sleep).</summary>
    public S3RetryPolicy Retry { get; init; } = new();

    /// <summary>
    /// Retries of the early link. Short on purpose: if the bucket is unreachable the import must not stall; the
    /// link is then published by the first successful upload, or the next run.
    /// </summary>
    public S3RetryPolicy EarlyLinkRetry { get; init; } = new() { MaxAttempts = 3, MaxDelay = TimeSpan.FromSeconds(2) };

    public UploadTuning Tuning { get; init; } = new();

    /// <summary>
    /// At most one manifest update per interval while photos land (the page polls every POLL_SECONDS; updating
    /// more often only costs PUT requests).
    /// </summary>
    public TimeSpan ManifestInterval { get; init; } = TimeSpan.FromSeconds(3);

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Makes the location-free copy of each clip that is uploaded (tests point it at a missing ffmpeg).</summary>
    public ClipScrubber Clips { get; init; } = new();

    /// <summary>Called as each link is signed (tests count how many are signed at once: PRESIGN_WORKERS).</summary>
    internal Action<string>? Signing { get; init; }

    /// <summary>Credentials to use instead of the standard AWS chain (tests); null = the chain.</summary>
    public AWSCredentials? Credentials { get; init; }

    /// <summary>Where the text QR code of the share link is printed; null = nowhere. Default: stdout when it is a terminal.</summary>
    public TextWriter? Terminal { get; init; } = Console.IsOutputRedirected ? null : Console.Out;

    /// <summary>Pixels per module of share-qr.png (integer, so every module is a crisp square).</summary>
    public int QrPixelsPerModule { get; init; } = 8;
}
