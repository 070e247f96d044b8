using System.Collections.Concurrent;
using GhostRoll.Pipeline;

namespace GhostRoll.Core.Tests.Support;

/// <summary>A publisher that records what it was given and can be told to fail (a stand-in for a network that is down).</summary>
public sealed class FailingPublisher : ISessionPublisher
{
    public string Name => "test";

    public bool Remote { get; init; }

    public bool IsRemote => Remote;

    public bool FailPublish { get; set; }

    public ConcurrentDictionary<string, GalleryEntry> Published { get; } = new();

    public bool Completed { get; private set; }

    public Task BeginAsync(PublishContext context, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task PublishAsync(PublishContext context, GalleryEntry entry, CancellationToken cancellationToken)
    {
        if (FailPublish)
        {
            throw new PublishException("server unreachable (test)");
        }

        Published[entry.Key] = entry;
        return Task.CompletedTask;
    }

    public Task CompleteAsync(PublishContext context, PublishCompletion completion, CancellationToken cancellationToken)
    {
        Completed = completion.SessionComplete;
        return Task.CompletedTask;
    }
}

/// <summary>A deriver that records the groups it was asked for.</summary>
public sealed class RecordingDeriver : IDeriver
{
    public ConcurrentBag<MediaGroup> Groups { get; } = [];

    public ValueTask<DeriveOutcome> DeriveAsync(DeriveRequest request, CancellationToken cancellationToken)
    {
        Groups.Add(request.Group);
        return ValueTask.FromResult(new DeriveOutcome { SourceCardPath = request.Group.Members[0].CardPath });
    }
}
