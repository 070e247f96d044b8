using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace GhostRoll.Lambda.Runtime;

/// <summary>
/// Client for the AWS Lambda Runtime API 2018-06-01, the small HTTP protocol a custom runtime (provided.al2023)
/// speaks with the Lambda service inside the execution environment: <c>GET runtime/invocation/next</c>,
/// <c>POST runtime/invocation/{id}/response</c>, <c>POST runtime/invocation/{id}/error</c>,
/// <c>POST runtime/init/error</c>. The endpoint (host:port) is in <c>AWS_LAMBDA_RUNTIME_API</c>.
/// </summary>
public sealed class LambdaRuntimeClient : IDisposable
{
    public const string ApiVariable = "AWS_LAMBDA_RUNTIME_API";

    private const string ErrorTypeHeader = "Lambda-Runtime-Function-Error-Type";
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly HttpClient _http;

    /// <param name="runtimeApi">host:port, as in <c>AWS_LAMBDA_RUNTIME_API</c>.</param>
    /// <param name="handler">Transport (tests); the default is a plain <see cref="SocketsHttpHandler"/>.</param>
    public LambdaRuntimeClient(string runtimeApi, HttpMessageHandler? handler = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runtimeApi);
        _http = new HttpClient(handler ?? new SocketsHttpHandler { UseProxy = false }, disposeHandler: true)
        {
            BaseAddress = new Uri($"http://{runtimeApi}/2018-06-01/runtime/"),
            // /next is a long poll: it answers when an event arrives, however long the environment stays frozen.
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>A client for the endpoint in <c>AWS_LAMBDA_RUNTIME_API</c>, or null outside Lambda.</summary>
    public static LambdaRuntimeClient? FromEnvironment() =>
        Environment.GetEnvironmentVariable(ApiVariable) is { Length: > 0 } api ? new LambdaRuntimeClient(api) : null;

    /// <summary>Waits for the next event.</summary>
    public async Task<LambdaInvocation> NextAsync(CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync("invocation/next", HttpCompletionOption.ResponseContentRead, cancellationToken)
            .ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new LambdaRuntimeException($"runtime API answered {(int)response.StatusCode} to invocation/next");
        }

        var requestId = Header(response, "Lambda-Runtime-Aws-Request-Id")
            ?? throw new LambdaRuntimeException("invocation/next answered without Lambda-Runtime-Aws-Request-Id");
        var deadline = long.TryParse(Header(response, "Lambda-Runtime-Deadline-Ms"), NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : throw new LambdaRuntimeException("invocation/next answered without a valid Lambda-Runtime-Deadline-Ms");
        return new LambdaInvocation
        {
            RequestId = requestId,
            Deadline = deadline,
            FunctionArn = Header(response, "Lambda-Runtime-Invoked-Function-Arn"),
            TraceId = Header(response, "Lambda-Runtime-Trace-Id"),
            Payload = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false),
        };
    }

    /// <summary>Sends the handler's result for one event.</summary>
    public async Task RespondAsync(string requestId, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        using var content = new ReadOnlyMemoryContent(body);
        content.Headers.ContentType = Json;
        await PostAsync($"invocation/{Uri.EscapeDataString(requestId)}/response", content, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reports that the handler failed on one event (Lambda records it as a function error).</summary>
    public Task ReportErrorAsync(string requestId, LambdaError error, CancellationToken cancellationToken) =>
        PostErrorAsync($"invocation/{Uri.EscapeDataString(requestId)}/error", error, cancellationToken);

    /// <summary>Reports that the function could not start (bad configuration); Lambda then fails the invocation.</summary>
    public Task ReportInitErrorAsync(LambdaError error, CancellationToken cancellationToken) =>
        PostErrorAsync("init/error", error, cancellationToken);

    public void Dispose() => _http.Dispose();

    private async Task PostErrorAsync(string path, LambdaError error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(error);
        using var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(error, RuntimeJsonContext.Default.LambdaError));
        content.Headers.ContentType = Json;
        content.Headers.TryAddWithoutValidation(ErrorTypeHeader, error.ErrorType);
        await PostAsync(path, content, cancellationToken).ConfigureAwait(false);
    }

    private async Task PostAsync(string path, HttpContent content, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsync(path, content, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            // 413 = response over Lambda's payload limit; 400/403 = unknown or already answered request id.
            throw new LambdaRuntimeException($"runtime API answered {(int)response.StatusCode} to {path.Split('/')[^1]}");
        }
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}

/// <summary>The Runtime API itself misbehaved (not the handler).</summary>
public sealed class LambdaRuntimeException : Exception
{
    public LambdaRuntimeException()
    {
    }

    public LambdaRuntimeException(string message) : base(message)
    {
    }

    public LambdaRuntimeException(string message, Exception inner) : base(message, inner)
    {
    }
}
