using System.Text;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using GhostRoll.Configuration;
using GhostRoll.Publishing.S3;
using GhostRoll.TestSupport.S3;
using Microsoft.Extensions.Logging.Abstractions;

namespace GhostRoll.Enhancer.Tests.Support;

/// <summary>
/// Plays the appliance's and AWS's parts around the function: a fresh private bucket on the signature-checking S3
/// server, share images uploaded where the appliance puts them, and the SQS event (messages whose bodies are
/// S3 EventBridge events) that Lambda's event source mapping would hand the function.
/// </summary>
public sealed class EnhancerBucket
{
    private readonly LoopbackS3Server _server;

    private EnhancerBucket(LoopbackS3Server server, string bucket)
    {
        _server = server;
        Bucket = bucket;
    }

    public string Bucket { get; }

    public string SessionId { get; } = $"shoot-2026-12-07_{Guid.NewGuid():N}"[..32];

    public string Prefix => $"sessions/{SessionId}/";

    public static async Task<EnhancerBucket> CreateAsync(LoopbackS3Server server) => new(server, await server.CreateBucketAsync("enh"));

    public GhostRollSettings Settings => new()
    {
        S3Bucket = Bucket,
        S3Endpoint = _server.Endpoint,
        S3Region = _server.Region,
        S3ForcePathStyle = true,
    };

    /// <summary>The settings as the function's environment (the real program, started as a process).</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>(_server.CredentialEnvironment)
    {
        ["GHOSTROLL_S3_BUCKET"] = Bucket,
        ["GHOSTROLL_S3_ENDPOINT"] = _server.Endpoint,
        ["GHOSTROLL_S3_REGION"] = _server.Region,
        ["GHOSTROLL_S3_FORCE_PATH_STYLE"] = "true",
    };

    /// <summary>The function under test, with the real enhancer unless told otherwise, reading the bucket with its own client.</summary>
    public EnhancerFunction CreateFunction(ImageEnhancer? enhance = null, int concurrency = 2)
    {
        var connection = S3Connection.Create(Settings, new BasicAWSCredentials(_server.AccessKey, _server.SecretKey));
        return new EnhancerFunction(
            new EnhancerOptions
            {
                S3 = connection.Client,
                Bucket = connection.Bucket,
                PrefixRoot = connection.PrefixRoot,
                Enhance = enhance ?? Enhancing.Enhance,
                Concurrency = concurrency,
            },
            NullLogger.Instance);
    }

    /// <summary>Uploads bytes as the appliance does and returns the object's ETag (bare, as events carry it).</summary>
    public async Task<string> PutAsync(string key, byte[] bytes, string contentType = "image/jpeg")
    {
        using var client = _server.CreateClient();
        using var body = new MemoryStream(bytes);
        var response = await client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = Bucket,
            Key = key,
            InputStream = body,
            ContentType = contentType,
            UseChunkEncoding = false,
        });
        return response.ETag.Trim('"');
    }

    public Task<byte[]?> GetAsync(string key) => _server.GetBytesAsync(Bucket, key);

    /// <summary>HEAD: the object's user metadata (names without x-amz-meta-) and last-modified, or null when it is missing.</summary>
    public async Task<(Dictionary<string, string> Metadata, DateTime LastModified, string ETag)?> HeadAsync(string key)
    {
        using var client = _server.CreateClient();
        try
        {
            var head = await client.GetObjectMetadataAsync(Bucket, key);
            var metadata = head.Metadata.Keys.ToDictionary(k => k.Replace("x-amz-meta-", "", StringComparison.Ordinal), k => head.Metadata[k], StringComparer.Ordinal);
            return (metadata, head.LastModified ?? DateTime.MinValue, head.ETag.Trim('"'));
        }
        catch (AmazonS3Exception e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public Task<List<string>> KeysAsync() => _server.ListKeysAsync(Bucket, Prefix);

    /// <summary>An S3 "Object Created" event as EventBridge delivers it (Amazon S3 user guide, EventBridge event message structure).</summary>
    public string ObjectCreated(string key, string etag, long size = 1024, string? bucket = null, string detailType = "Object Created") =>
        new JsonObject
        {
            ["version"] = "0",
            ["id"] = Guid.NewGuid().ToString(),
            ["detail-type"] = detailType,
            ["source"] = "aws.s3",
            ["account"] = "123456789012",
            ["time"] = "2026-12-07T09:31:02Z",
            ["region"] = "eu-west-1",
            ["resources"] = new JsonArray($"arn:aws:s3:::{bucket ?? Bucket}"),
            ["detail"] = new JsonObject
            {
                ["version"] = "0",
                ["bucket"] = new JsonObject { ["name"] = bucket ?? Bucket },
                ["object"] = new JsonObject { ["key"] = key, ["size"] = size, ["etag"] = etag, ["sequencer"] = "00617F08299329D189" },
                ["request-id"] = "N4N7GDK58NMKJ12R",
                ["requester"] = "123456789012",
                ["source-ip-address"] = "192.0.2.1",
                ["reason"] = "PutObject",
            },
        }.ToJsonString();

    /// <summary>
    /// The event Lambda's SQS event source mapping hands the function: one record per (message id, body), with the
    /// fields SQS sends (AWS Lambda developer guide, "Using Lambda with Amazon SQS").
    /// </summary>
    public static byte[] SqsEvent(params (string MessageId, string Body)[] messages)
    {
        var records = new JsonArray();
        foreach (var (id, body) in messages)
        {
            records.Add(new JsonObject
            {
                ["messageId"] = id,
                ["receiptHandle"] = "AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a...",
                ["body"] = body,
                ["attributes"] = new JsonObject
                {
                    ["ApproximateReceiveCount"] = "1",
                    ["SentTimestamp"] = "1796623862000",
                    ["SenderId"] = "AIDAIENQZJOLO23YVJ4VO",
                    ["ApproximateFirstReceiveTimestamp"] = "1796623862010",
                },
                ["messageAttributes"] = new JsonObject(),
                ["md5OfBody"] = "e4e68fb7bd0e697a0ae8f1bb342846b3",
                ["eventSource"] = "aws:sqs",
                ["eventSourceARN"] = "arn:aws:sqs:eu-west-1:123456789012:ghostroll-enhance",
                ["awsRegion"] = "eu-west-1",
            });
        }

        return Encoding.UTF8.GetBytes(new JsonObject { ["Records"] = records }.ToJsonString());
    }
}
