namespace GhostRoll.Enhancer;

/// <summary>What became of one SQS message. Only <see cref="Retry"/> puts it in the partial batch failure response.</summary>
public enum OutcomeKind
{
    /// <summary>The enhanced image was written.</summary>
    Enhanced,

    /// <summary>The enhanced image already exists for this very source (same ETag): nothing done.</summary>
    AlreadyEnhanced,

    /// <summary>A well-formed event the enhancer does not act on (another key, bucket or event type): deleted from the queue.</summary>
    Ignored,

    /// <summary>Can never succeed (the source is gone, not a JPEG, undecodable): deleted from the queue, logged.</summary>
    Dropped,

    /// <summary>May succeed later (S3 busy or unreachable, access denied, out of time, malformed event): delivered again, then the DLQ.</summary>
    Retry,
}

public sealed record MessageOutcome(string MessageId, OutcomeKind Kind, string Reason)
{
    public bool Failed => Kind == OutcomeKind.Retry;

    /// <summary>The share image was not found under the key as given (404, or 403 without s3:ListBucket).</summary>
    internal bool SourceNotFound { get; init; }
}

/// <summary>The enhancer's result for one share image: the JPEG to upload, whether it differs from the source, the recipe that made it.</summary>
public sealed record EnhancedImage(byte[] Jpeg, bool Changed, string? RecipeJson);

/// <summary>Enhances one JPEG (the real one is <see cref="Enhancing.Enhance"/>; tests may pass another).</summary>
public delegate EnhancedImage ImageEnhancer(ReadOnlySpan<byte> jpeg);
