using System.Text;
using System.Text.Json.Serialization;
using GhostRoll.Lambda.Runtime;

namespace GhostRoll.Links;

/// <summary>
/// Lambda Function URL events, payload format 2.0 (AWS Lambda developer guide, "Invoking Lambda function URLs":
/// request and response payloads). Only the fields the service reads.
/// </summary>
public sealed record FunctionUrlRequest
{
    public string? Version { get; init; }

    public string? RawPath { get; init; }

    /// <summary>Header names in lower case; repeated headers joined with commas.</summary>
    public Dictionary<string, string>? Headers { get; init; }

    public FunctionUrlRequestContext? RequestContext { get; init; }
}

public sealed record FunctionUrlRequestContext
{
    /// <summary><c>&lt;url-id&gt;.lambda-url.&lt;region&gt;.on.aws</c>.</summary>
    public string? DomainName { get; init; }

    public FunctionUrlHttp? Http { get; init; }
}

public sealed record FunctionUrlHttp
{
    public string? Method { get; init; }
}

public sealed record FunctionUrlResponse
{
    public int StatusCode { get; init; }

    public Dictionary<string, string> Headers { get; init; } = [];

    public string Body { get; init; } = "";

    public bool IsBase64Encoded { get; init; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(FunctionUrlRequest))]
[JsonSerializable(typeof(FunctionUrlResponse))]
public sealed partial class FunctionUrlJsonContext : JsonSerializerContext;

/// <summary>Front end for AWS Lambda behind a Function URL: event → <see cref="LinkRequest"/> → response object.</summary>
public static class FunctionUrlFrontEnd
{
    public static LambdaHandler Handler(LinkService service) => LambdaRuntimeLoop.Json(
        FunctionUrlJsonContext.Default.FunctionUrlRequest,
        FunctionUrlJsonContext.Default.FunctionUrlResponse,
        async (request, _, cancellationToken) =>
        {
            ArgumentNullException.ThrowIfNull(service);
            var response = await service.HandleAsync(ToLinkRequest(request), cancellationToken).ConfigureAwait(false);
            return ToFunctionUrlResponse(response);
        });

    /// <summary>Throws <see cref="InvalidDataException"/> for an event that is not a Function URL request.</summary>
    public static LinkRequest ToLinkRequest(FunctionUrlRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.RawPath is not { Length: > 0 } path || request.RequestContext?.Http?.Method is not { Length: > 0 } method)
        {
            throw new InvalidDataException("not a Function URL (payload format 2.0) event: rawPath or requestContext.http.method missing");
        }

        var headers = request.Headers ?? [];
        string? Header(string name) => headers.TryGetValue(name, out var v) && v.Length > 0 ? v.Split(',')[0].Trim() : null;
        // Behind CloudFront the viewer's host arrives as x-forwarded-host (set by the CloudFront Function in
        // docs/short-links.md); directly, the Function URL's own domain.
        var authority = Header("x-forwarded-host") ?? request.RequestContext.DomainName ?? Header("host");
        var scheme = Header("x-forwarded-proto") ?? "https";
        var gzip = headers.TryGetValue("accept-encoding", out var encodings) && encodings.Contains("gzip", StringComparison.OrdinalIgnoreCase);
        return new LinkRequest(method.ToUpperInvariant(), path, authority, scheme, gzip);
    }

    public static FunctionUrlResponse ToFunctionUrlResponse(LinkResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var binary = response.IsGzip;
        return new FunctionUrlResponse
        {
            StatusCode = response.Status,
            Headers = new Dictionary<string, string>(response.Headers),
            Body = binary ? Convert.ToBase64String(response.Body) : Encoding.UTF8.GetString(response.Body),
            IsBase64Encoded = binary,
        };
    }
}
