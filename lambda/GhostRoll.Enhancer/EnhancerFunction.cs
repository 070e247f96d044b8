using System.Text.Json;
using GhostRoll.Lambda.Runtime;
using Microsoft.Extensions.Logging;

namespace GhostRoll.Enhancer;

/// <summary>
/// The Lambda function: one SQS batch of EventBridge "Object Created" events in, one partial batch failure response
/// out. Messages are handled a few at a time (S3 waits overlap the pixel work); each ends as one
/// <see cref="OutcomeKind"/> and only <see cref="OutcomeKind.Retry"/> is listed for redelivery, so a batch with one
/// bad message does not redo the other nine. Split by concern: this file the batch, <c>.Message</c> one message.
/// </summary>
public sealed partial class EnhancerFunction
{
    /// <summary>Time kept back from the invocation's deadline to list unfinished messages as failures and answer.</summary>
    public static readonly TimeSpan AnswerMargin = TimeSpan.FromSeconds(2);

    private readonly EnhancerOptions _options;
    private readonly ILogger _logger;

    public EnhancerFunction(EnhancerOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options;
        _logger = logger;
    }

    /// <summary>The handler for <see cref="LambdaRuntimeLoop"/>: the SQS event in, the partial batch response out.</summary>
    public LambdaHandler Handler => LambdaRuntimeLoop.Json(
        EnhancerJsonContext.Default.SqsEvent,
        EnhancerJsonContext.Default.SqsBatchResponse,
        (batch, invocation, cancellationToken) => HandleBatchAsync(batch, invocation.Deadline, cancellationToken));

    /// <summary>
    /// Handles every message and lists the ones to retry. Throws only for an event that is not an SQS batch at all
    /// (no Records, a message without a messageId): the runtime then reports an error and Lambda retries the batch.
    /// </summary>
    public async Task<SqsBatchResponse> HandleBatchAsync(SqsEvent batch, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var outcomes = await ProcessAsync(batch, deadline, cancellationToken).ConfigureAwait(false);
        return new SqsBatchResponse
        {
            BatchItemFailures = [.. outcomes.Where(o => o.Failed).Select(o => new SqsBatchItemFailure(o.MessageId))],
        };
    }

    /// <summary>Every message's outcome, in the batch's order.</summary>
    internal async Task<IReadOnlyList<MessageOutcome>> ProcessAsync(SqsEvent batch, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Records is not { } records)
        {
            throw new InvalidDataException("not an SQS event: no Records");
        }

        if (records.FindIndex(r => string.IsNullOrEmpty(r?.MessageId)) is var missing and >= 0)
        {
            // Without an id a failure cannot be reported for it alone; Lambda retries the whole batch instead.
            throw new InvalidDataException($"not an SQS event: record {missing} has no messageId");
        }

        // Stop starting and cancel running work a little before Lambda's deadline, so the unfinished messages are
        // listed for retry in a real answer rather than the whole batch failing with a timeout.
        var budget = deadline - _options.Time.GetUtcNow() - AnswerMargin;
        using var soft = new CancellationTokenSource(budget > TimeSpan.Zero ? budget : TimeSpan.Zero, _options.Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(soft.Token, cancellationToken);
        var outcomes = new MessageOutcome[records.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, records.Count),
            new ParallelOptions { MaxDegreeOfParallelism = _options.Concurrency },
            async (i, _) => outcomes[i] = await HandleMessageAsync(records[i], linked.Token).ConfigureAwait(false)).ConfigureAwait(false);

        var failed = outcomes.Count(o => o.Failed);
        _logger.BatchDone(records.Count, outcomes.Count(o => o.Kind == OutcomeKind.Enhanced), outcomes.Count(o => o.Kind == OutcomeKind.AlreadyEnhanced),
            outcomes.Count(o => o.Kind is OutcomeKind.Ignored or OutcomeKind.Dropped), failed);
        return outcomes;
    }

    /// <summary>One message, never throwing: every failure becomes an outcome (and a log line).</summary>
    internal async Task<MessageOutcome> HandleMessageAsync(SqsMessage message, CancellationToken cancellationToken)
    {
        var id = message.MessageId!;
        MessageOutcome outcome;
        try
        {
            outcome = await HandleEventAsync(id, message.Body, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            outcome = new MessageOutcome(id, OutcomeKind.Retry, "out of time before the invocation's deadline");
        }
#pragma warning disable CA1031 // one message's unexpected failure must not fail the other messages of the batch
        catch (Exception e)
#pragma warning restore CA1031
        {
            // Unknown: a bug or a deployment problem (a library missing). Retried, so it ends in the DLQ where the
            // alarm shows it, rather than being lost.
            outcome = new MessageOutcome(id, OutcomeKind.Retry, $"unexpected {e.GetType().Name}: {e.Message}");
        }

        var receives = message.Attributes?.ApproximateReceiveCount ?? "?";
        switch (outcome.Kind)
        {
            case OutcomeKind.Retry:
                _logger.MessageRetried(id, receives, outcome.Reason);
                break;
            case OutcomeKind.Dropped:
                _logger.MessageDropped(id, outcome.Reason);
                break;
            default:
                _logger.MessageDone(id, outcome.Kind.ToString(), outcome.Reason);
                break;
        }

        return outcome;
    }

    /// <summary>Parses the body; malformed bodies are retried (see docs/enhancement-lambda.md: they must reach the DLQ, not vanish).</summary>
    private async Task<MessageOutcome> HandleEventAsync(string id, string? body, CancellationToken cancellationToken)
    {
        S3EventBridgeEvent? e;
        try
        {
            e = string.IsNullOrWhiteSpace(body) ? null : JsonSerializer.Deserialize(body, EnhancerJsonContext.Default.S3EventBridgeEvent);
        }
        catch (JsonException)
        {
            e = null;
        }

        if (e is null || e.Source != "aws.s3" || string.IsNullOrEmpty(e.DetailType) || e.Detail?.Bucket?.Name is not { Length: > 0 } bucket
            || e.Detail.Object?.Key is not { Length: > 0 } key)
        {
            return new MessageOutcome(id, OutcomeKind.Retry, "malformed: not an S3 EventBridge event with a bucket and key");
        }

        if (e.DetailType != "Object Created")
        {
            return new MessageOutcome(id, OutcomeKind.Ignored, $"event type '{e.DetailType}'");
        }

        if (!string.Equals(bucket, _options.Bucket, StringComparison.Ordinal))
        {
            return new MessageOutcome(id, OutcomeKind.Ignored, $"another bucket ('{bucket}')");
        }

        if (ShareImageKey.TryParse(_options.PrefixRoot, key) is not { } share)
        {
            return new MessageOutcome(id, OutcomeKind.Ignored, "not a share image key");
        }

        var outcome = await EnhanceAsync(id, share, e.Detail.Object.ETag, cancellationToken).ConfigureAwait(false);

        // S3's own event notifications URL-encode keys; EventBridge's are meant to carry them as stored, but a key
        // with '%' escapes that is not there is tried once more decoded (a photo named "IMG 0001.JPG" on a phone card).
        if (outcome.SourceNotFound && key.Contains('%', StringComparison.Ordinal)
            && ShareImageKey.TryParse(_options.PrefixRoot, Uri.UnescapeDataString(key)) is { } decoded && decoded.SourceKey != key)
        {
            outcome = await EnhanceAsync(id, decoded, e.Detail.Object.ETag, cancellationToken).ConfigureAwait(false);
        }

        return outcome;
    }
}
