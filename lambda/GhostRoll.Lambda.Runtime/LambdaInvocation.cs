namespace GhostRoll.Lambda.Runtime;

/// <summary>
/// One event handed out by <c>GET /2018-06-01/runtime/invocation/next</c>: the payload bytes and the response
/// headers that describe it (AWS Lambda developer guide, "Using the Lambda runtime API for custom runtimes").
/// </summary>
public sealed record LambdaInvocation
{
    /// <summary><c>Lambda-Runtime-Aws-Request-Id</c>: where the response or error for this event goes.</summary>
    public required string RequestId { get; init; }

    /// <summary><c>Lambda-Runtime-Deadline-Ms</c> (Unix milliseconds): when Lambda stops the function.</summary>
    public required DateTimeOffset Deadline { get; init; }

    /// <summary><c>Lambda-Runtime-Invoked-Function-Arn</c>.</summary>
    public string? FunctionArn { get; init; }

    /// <summary><c>Lambda-Runtime-Trace-Id</c> (X-Ray); also exported as <c>_X_AMZN_TRACE_ID</c> by the loop.</summary>
    public string? TraceId { get; init; }

    /// <summary>The event as Lambda sent it (JSON for every AWS trigger; bytes here so any handler can use it).</summary>
    public required ReadOnlyMemory<byte> Payload { get; init; }
}

/// <summary>A handler's failure as the Runtime API wants it: <c>{"errorMessage", "errorType"}</c>.</summary>
public sealed record LambdaError(string ErrorMessage, string ErrorType)
{
    /// <summary>The exception's type name and message only: no stack (it can carry paths), no inner payload.</summary>
    public static LambdaError From(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return new LambdaError(exception.Message, exception.GetType().Name);
    }
}
