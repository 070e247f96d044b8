using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GhostRoll.Lambda.TestSupport;

/// <summary>
/// A behavioural fake of the AWS Lambda Runtime API 2018-06-01 on loopback: hands out queued events on
/// <c>invocation/next</c> (long poll, with the documented headers) and records what the runtime posts to
/// <c>invocation/{id}/response</c>, <c>invocation/{id}/error</c> and <c>init/error</c>.
/// </summary>
public sealed class FakeRuntimeApi : IAsyncDisposable
{
    private readonly Channel<(string Id, byte[] Payload, DateTimeOffset Deadline)> _events = Channel.CreateUnbounded<(string, byte[], DateTimeOffset)>();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<Outcome>> _outcomes = new();
    private readonly WebApplication _app;
    private int _next;

    private FakeRuntimeApi(WebApplication app) => _app = app;

    /// <summary>host:port, as AWS_LAMBDA_RUNTIME_API holds it.</summary>
    public string Endpoint { get; private set; } = "";

    public TaskCompletionSource<Outcome> InitError { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>How many times the runtime asked for the next event.</summary>
    public int NextCalls => Volatile.Read(ref _next);

    public sealed record Outcome(string Kind, byte[] Body, string? ErrorTypeHeader, string? ContentType)
    {
        public string Text => System.Text.Encoding.UTF8.GetString(Body);
    }

    public static async Task<FakeRuntimeApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var fake = new FakeRuntimeApi(app);
        app.Run(fake.ServeAsync);
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        fake.Endpoint = $"127.0.0.1:{address.Port}";
        return fake;
    }

    /// <summary>Queues one event; the returned task completes when the runtime answers it (response or error).</summary>
    public Task<Outcome> Invoke(byte[] payload, TimeSpan? timeout = null)
    {
        var id = Guid.NewGuid().ToString();
        var outcome = _outcomes[id] = new TaskCompletionSource<Outcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        _events.Writer.TryWrite((id, payload, DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromMinutes(5))));
        return outcome.Task;
    }

    private async Task ServeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        const string prefix = "/2018-06-01/runtime/";
        if (!path.StartsWith(prefix, StringComparison.Ordinal))
        {
            context.Response.StatusCode = 404;
            return;
        }

        var rest = path[prefix.Length..];
        if (context.Request.Method == "GET" && rest == "invocation/next")
        {
            Interlocked.Increment(ref _next);
            var (id, payload, deadline) = await _events.Reader.ReadAsync(context.RequestAborted);
            context.Response.Headers["Lambda-Runtime-Aws-Request-Id"] = id;
            context.Response.Headers["Lambda-Runtime-Deadline-Ms"] = deadline.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
            context.Response.Headers["Lambda-Runtime-Invoked-Function-Arn"] = "arn:aws:lambda:eu-west-1:123456789012:function:ghostroll-links";
            context.Response.Headers["Lambda-Runtime-Trace-Id"] = "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1";
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(payload, context.RequestAborted);
            return;
        }

        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var outcome = new Outcome(rest.Split('/')[^1], buffer.ToArray(),
            context.Request.Headers["Lambda-Runtime-Function-Error-Type"].FirstOrDefault(), context.Request.ContentType);
        if (context.Request.Method == "POST" && rest == "init/error")
        {
            InitError.TrySetResult(outcome);
            context.Response.StatusCode = 202;
            return;
        }

        var parts = rest.Split('/');
        if (context.Request.Method == "POST" && parts is ["invocation", var requestId, "response" or "error"]
            && _outcomes.TryGetValue(Uri.UnescapeDataString(requestId), out var pending) && pending.TrySetResult(outcome))
        {
            context.Response.StatusCode = 202;
            return;
        }

        context.Response.StatusCode = 400; // unknown or already answered request id, as Lambda answers
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
