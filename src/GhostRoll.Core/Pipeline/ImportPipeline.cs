namespace GhostRoll.Pipeline;

/// <summary>
/// The import pipeline: scan → hash/copy → derive → publish, stages joined by bounded channels.
/// (Implementation in progress: the public surface is stable.)
/// </summary>
public sealed partial class ImportPipeline
{
    private readonly ImportServices _services;

    public ImportPipeline(ImportServices services) => _services = services;

    /// <summary>Imports one mounted card. Throws <see cref="ImportException"/> for fatal problems (worded for users).</summary>
    public Task<ImportResult> RunAsync(ImportRequest request, CancellationToken cancellationToken) =>
        throw new NotImplementedException("the import pipeline is being written");

    /// <summary>
    /// Moves a session forward without its card: derives copied groups, publishes ready entries, completes the
    /// gallery. Used by <c>ghostroll publish SESSION</c> and at the end of every run for other unfinished sessions.
    /// </summary>
    public Task<ImportResult> ResumeAsync(string sessionId, CancellationToken cancellationToken) =>
        throw new NotImplementedException("the import pipeline is being written");
}
