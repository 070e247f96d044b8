using Amazon.S3;

namespace GhostRoll.Enhancer;

/// <summary>What the function works with: the bucket (and a client for it), where the sessions are, and the enhancer.</summary>
public sealed record EnhancerOptions
{
    public required IAmazonS3 S3 { get; init; }

    /// <summary>The appliance's bucket; events for any other bucket are ignored.</summary>
    public required string Bucket { get; init; }

    /// <summary>Key prefix of the sessions with its trailing '/' (<c>GHOSTROLL_S3_PREFIX_ROOT</c>, default <c>sessions/</c>).</summary>
    public required string PrefixRoot { get; init; }

    public required ImageEnhancer Enhance { get; init; }

    /// <summary>
    /// Messages of one batch handled at once. Two overlap one image's S3 round trips with another's pixel work; more
    /// only adds memory (about 40 MB per 2048 px image in flight) on a function with one or two vCPUs.
    /// </summary>
    public int Concurrency { get; init; } = Math.Clamp(Environment.ProcessorCount, 2, 4);

    public TimeProvider Time { get; init; } = TimeProvider.System;
}
