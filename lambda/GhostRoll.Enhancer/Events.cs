using System.Text.Json.Serialization;

namespace GhostRoll.Enhancer;

/// <summary>
/// What an SQS event source mapping hands a function: up to BatchSize messages (AWS Lambda developer guide,
/// "Using Lambda with Amazon SQS": example standard queue message event). Only the fields the enhancer reads.
/// </summary>
public sealed record SqsEvent
{
    [JsonPropertyName("Records")]
    public List<SqsMessage>? Records { get; init; }
}

public sealed record SqsMessage
{
    /// <summary>What a partial batch response names to have this message delivered again.</summary>
    [JsonPropertyName("messageId")]
    public string? MessageId { get; init; }

    /// <summary>The message as EventBridge sent it to the queue: one EventBridge event, as a JSON string.</summary>
    [JsonPropertyName("body")]
    public string? Body { get; init; }

    [JsonPropertyName("attributes")]
    public SqsMessageAttributes? Attributes { get; init; }

    [JsonPropertyName("eventSource")]
    public string? EventSource { get; init; }
}

public sealed record SqsMessageAttributes
{
    /// <summary>How many times the queue has handed this message out, this delivery included (a string, as SQS sends it).</summary>
    [JsonPropertyName("ApproximateReceiveCount")]
    public string? ApproximateReceiveCount { get; init; }
}

/// <summary>
/// The partial batch response (<c>FunctionResponseTypes: ReportBatchItemFailures</c>): only the messages listed
/// here become visible again and are retried; every other message of the batch is deleted from the queue.
/// An empty list means the whole batch succeeded.
/// </summary>
public sealed record SqsBatchResponse
{
    [JsonPropertyName("batchItemFailures")]
    public List<SqsBatchItemFailure> BatchItemFailures { get; init; } = [];
}

public sealed record SqsBatchItemFailure([property: JsonPropertyName("itemIdentifier")] string ItemIdentifier);

/// <summary>
/// An EventBridge event from Amazon S3 (Amazon S3 user guide, "EventBridge event message structure"): for the
/// enhancer, <c>detail-type</c> "Object Created" from <c>aws.s3</c>. Only the fields the enhancer reads.
/// </summary>
public sealed record S3EventBridgeEvent
{
    [JsonPropertyName("version")]
    public string? Version { get; init; }

    [JsonPropertyName("source")]
    public string? Source { get; init; }

    [JsonPropertyName("detail-type")]
    public string? DetailType { get; init; }

    [JsonPropertyName("detail")]
    public S3EventDetail? Detail { get; init; }
}

public sealed record S3EventDetail
{
    [JsonPropertyName("bucket")]
    public S3EventBucket? Bucket { get; init; }

    [JsonPropertyName("object")]
    public S3EventObject? Object { get; init; }

    /// <summary>PutObject, CompleteMultipartUpload, CopyObject, ...</summary>
    [JsonPropertyName("reason")]
    public string? Reason { get; init; }
}

public sealed record S3EventBucket
{
    [JsonPropertyName("name")]
    public string? Name { get; init; }
}

public sealed record S3EventObject
{
    [JsonPropertyName("key")]
    public string? Key { get; init; }

    [JsonPropertyName("size")]
    public long? Size { get; init; }

    /// <summary>The object's ETag without quotes.</summary>
    [JsonPropertyName("etag")]
    public string? ETag { get; init; }

    [JsonPropertyName("version-id")]
    public string? VersionId { get; init; }
}

/// <summary>All JSON of the enhancer, source-generated (Native AOT: no reflection).</summary>
[JsonSourceGenerationOptions(ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow)]
[JsonSerializable(typeof(SqsEvent))]
[JsonSerializable(typeof(SqsBatchResponse))]
[JsonSerializable(typeof(S3EventBridgeEvent))]
public sealed partial class EnhancerJsonContext : JsonSerializerContext;
