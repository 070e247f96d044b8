using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;

namespace GhostRoll.Lambda.Runtime;

/// <summary>Handles one event: payload bytes in, response bytes out. The token fires at the invocation's deadline.</summary>
public delegate Task<ReadOnlyMemory<byte>> LambdaHandler(LambdaInvocation invocation, CancellationToken cancellationToken);

/// <summary>
/// The custom runtime's main loop: initialise once, then next → handle → response (or error), forever. A handler
/// exception is reported through the invocation's error endpoint and the loop goes on to the next event; only a
/// broken Runtime API or <c>stoppingToken</c> ends it.
/// </summary>
public static class LambdaRuntimeLoop
{
    /// <summary>
    /// Time kept back from the deadline so an overrunning handler is cancelled while there is still time to report
    /// the error (otherwise Lambda kills the environment and the caller sees a bare timeout).
    /// </summary>
    public static readonly TimeSpan DeadlineMargin = TimeSpan.FromMilliseconds(300);

    /// <summary>
    /// Runs <paramref name="initialize"/> (reporting a failure to <c>init/error</c>, then returning 1), then the loop.
    /// Returns 0 when stopped through <paramref name="stoppingToken"/>.
    /// </summary>
    public static async Task<int> RunAsync(
        LambdaRuntimeClient client,
        Func<CancellationToken, Task<LambdaHandler>> initialize,
        ILogger logger,
        CancellationToken stoppingToken,
        TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(initialize);
        LambdaHandler handler;
        try
        {
            handler = await initialize(stoppingToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // whatever stops start-up goes to init/error: that is what Lambda shows the owner
        catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            var error = LambdaError.From(e);
            logger.InitFailed(error.ErrorType, error.ErrorMessage);
            await client.ReportInitErrorAsync(error, stoppingToken).ConfigureAwait(false);
            return 1;
        }

        await RunAsync(client, handler, logger, stoppingToken, time).ConfigureAwait(false);
        return 0;
    }

    /// <summary>Serves events with <paramref name="handler"/> until <paramref name="stoppingToken"/> fires.</summary>
    public static async Task RunAsync(
        LambdaRuntimeClient client,
        LambdaHandler handler,
        ILogger logger,
        CancellationToken stoppingToken,
        TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(handler);
        time ??= TimeProvider.System;
        while (!stoppingToken.IsCancellationRequested)
        {
            LambdaInvocation invocation;
            try
            {
                invocation = await client.NextAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            await HandleAsync(client, handler, invocation, logger, time, stoppingToken).ConfigureAwait(false);
        }
    }

    /// <summary>Adapts a typed handler: the payload is deserialised and the result serialised with source-generated JSON.</summary>
    public static LambdaHandler Json<TEvent, TResult>(
        JsonTypeInfo<TEvent> eventType,
        JsonTypeInfo<TResult> resultType,
        Func<TEvent, LambdaInvocation, CancellationToken, Task<TResult>> handler)
    {
        ArgumentNullException.ThrowIfNull(eventType);
        ArgumentNullException.ThrowIfNull(resultType);
        ArgumentNullException.ThrowIfNull(handler);
        return async (invocation, cancellationToken) =>
        {
            var input = JsonSerializer.Deserialize(invocation.Payload.Span, eventType)
                ?? throw new JsonException("the event is JSON null");
            var result = await handler(input, invocation, cancellationToken).ConfigureAwait(false);
            return JsonSerializer.SerializeToUtf8Bytes(result, resultType);
        };
    }

    private static async Task HandleAsync(
        LambdaRuntimeClient client,
        LambdaHandler handler,
        LambdaInvocation invocation,
        ILogger logger,
        TimeProvider time,
        CancellationToken stoppingToken)
    {
        var budget = invocation.Deadline - time.GetUtcNow() - DeadlineMargin;
        using var deadline = new CancellationTokenSource(budget > TimeSpan.Zero ? budget : TimeSpan.Zero, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, stoppingToken);
        LambdaError error;
        try
        {
            var body = await handler(invocation, linked.Token).ConfigureAwait(false);
            // Delivered even while stopping: the answer exists, and the caller is waiting for it.
            await client.RespondAsync(invocation.RequestId, body, CancellationToken.None).ConfigureAwait(false);
            logger.Answered(invocation.RequestId, body.Length);
            return;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
        {
            logger.DeadlineExceeded(invocation.RequestId);
            error = new LambdaError("the handler did not finish before the invocation's deadline", "DeadlineExceeded");
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            error = new LambdaError("the runtime is shutting down", "Shutdown");
        }
#pragma warning disable CA1031 // the loop must survive any handler failure: it is reported, then the next event is served
        catch (Exception e)
#pragma warning restore CA1031
        {
            error = LambdaError.From(e);
            logger.InvocationFailed(invocation.RequestId, error.ErrorType, error.ErrorMessage);
        }

        try
        {
            await client.ReportErrorAsync(invocation.RequestId, error, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or LambdaRuntimeException)
        {
            // Lambda times the invocation out on its own; the loop must still serve the next one.
            logger.DeliveryFailed(invocation.RequestId, e);
        }
    }
}
