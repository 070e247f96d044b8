namespace GhostRoll.Pipeline;

/// <summary>
/// The publish stage's plug-in point. The pipeline calls <see cref="BeginAsync"/> once per run of a session (new
/// or resumed), <see cref="PublishAsync"/> for each gallery entry that is ready (also for entries derived by an
/// earlier, interrupted run), and <see cref="CompleteAsync"/> when this run has nothing more to hand over.
/// Publishers are called in registration order (the local gallery before S3, so share.zip exists when S3 needs it).
/// <para>
/// Every method must be idempotent: a crash can replay any of them. <see cref="PublishAsync"/> may be called
/// concurrently (up to <c>UPLOAD_WORKERS</c> at once). Throw <see cref="PublishException"/> (or any exception) to
/// leave the entry unpublished: the session becomes "publish pending" and a later run or
/// <c>ghostroll publish</c> retries it.
/// </para>
/// </summary>
public interface ISessionPublisher
{
    /// <summary>Short name for logs and status ("local", "s3").</summary>
    string Name { get; }

    /// <summary>
    /// True when publishing sends data off the machine (S3). Remote publishing is deferred while the battery is low
    /// and not charging; the local gallery never is.
    /// </summary>
    bool IsRemote => false;

    Task BeginAsync(PublishContext context, CancellationToken cancellationToken);

    Task PublishAsync(PublishContext context, GalleryEntry entry, CancellationToken cancellationToken);

    Task CompleteAsync(PublishContext context, PublishCompletion completion, CancellationToken cancellationToken);
}

/// <summary>How a run ends for the publishers.</summary>
/// <param name="SessionComplete">
/// True when every file of the session is copied and derived and every entry was published by every publisher
/// in this or an earlier run: the gallery is final ("complete" in the manifest).
/// </param>
/// <param name="Entries">Every ready entry of the session, in gallery order.</param>
public sealed record PublishCompletion(bool SessionComplete, IReadOnlyList<GalleryEntry> Entries);

/// <summary>A publish step failed in a way a later retry may fix (network, server, credentials).</summary>
public sealed class PublishException : Exception
{
    /// <summary>
    /// The destination itself is unreachable (network down, server gone) after the publisher's own retries: the
    /// pipeline stops handing it entries for the rest of this run instead of waiting out retries for each one, so
    /// an offline appliance still finishes (and releases the card) promptly. The session stays publish-pending.
    /// </summary>
    public bool Unavailable { get; init; }

    /// <summary>The publisher has already logged this problem in this run: the pipeline does not repeat it.</summary>
    public bool Reported { get; init; }

    public PublishException(string message) : base(message)
    {
    }

    public PublishException(string message, Exception inner) : base(message, inner)
    {
    }

    public PublishException() : base("publish failed")
    {
    }
}
