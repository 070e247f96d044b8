using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GhostRoll.Links;

/// <summary>
/// Front end for buckets not on AWS (MinIO, R2, B2, Wasabi, Swift): a plain HTTP server (Kestrel, slim builder,
/// one terminal handler, no routing or MVC, so it stays AOT-clean). Put TLS in front (Caddy, nginx); the
/// proxy's X-Forwarded-Host and X-Forwarded-Proto are used to build the page's absolute manifest URL.
/// </summary>
public sealed class SelfHostedServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SelfHostedServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>Where it listens (the real port when 0 was asked for).</summary>
    public Uri Address { get; }

    /// <summary>Parses HOST:PORT (HOST an IP address, "localhost", or "[v6]"); port 0 = any free port.</summary>
    public static IPEndPoint ParseListen(string listen)
    {
        ArgumentNullException.ThrowIfNull(listen);
        var colon = listen.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(listen.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            throw new FormatException($"--listen wants HOST:PORT (e.g. 127.0.0.1:8080), got '{listen}'");
        }

        var host = listen[..colon].Trim('[', ']');
        var address = host == "localhost" ? IPAddress.Loopback
            : IPAddress.TryParse(host, out var ip) ? ip
            : throw new FormatException($"--listen wants an IP address or 'localhost' as HOST, got '{host}'");
        return new IPEndPoint(address, port);
    }

    public static async Task<SelfHostedServer> StartAsync(LinkService service, IPEndPoint endPoint, Action<ILoggingBuilder>? logging = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(service);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.ConfigureKestrel(options =>
        {
            options.AddServerHeader = false;
            options.Listen(endPoint);
        });
        if (logging is not null)
        {
            builder.Logging.ClearProviders();
            logging(builder.Logging);
        }

        var app = builder.Build();
        app.Run(context => ServeAsync(service, context));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel reported no address");
        return new SelfHostedServer(app, new Uri(bound));
    }

    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static async Task ServeAsync(LinkService service, HttpContext context)
    {
        var request = context.Request;
        string? First(string name) => request.Headers[name].FirstOrDefault()?.Split(',')[0].Trim() is { Length: > 0 } v ? v : null;
        var linkRequest = new LinkRequest(
            request.Method,
            request.Path.Value ?? "/",
            First("X-Forwarded-Host") ?? request.Host.Value,
            First("X-Forwarded-Proto") ?? request.Scheme,
            request.Headers.AcceptEncoding.Any(e => e?.Contains("gzip", StringComparison.OrdinalIgnoreCase) == true));
        var response = await service.HandleAsync(linkRequest, context.RequestAborted).ConfigureAwait(false);
        context.Response.StatusCode = response.Status;
        foreach (var (name, value) in response.Headers)
        {
            context.Response.Headers[name] = value;
        }

        context.Response.ContentLength = response.Body.Length;
        await context.Response.Body.WriteAsync(response.Body, context.RequestAborted).ConfigureAwait(false);
    }
}
