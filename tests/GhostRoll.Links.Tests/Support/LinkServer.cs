using System.Net;

namespace GhostRoll.Links.Tests.Support;

/// <summary>The service in self-hosted mode, in-process on a free loopback port, plus a plain HTTP client for it.</summary>
public sealed class LinkServer : IAsyncDisposable
{
    private LinkServer(SelfHostedServer server)
    {
        Server = server;
        Http = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None, UseProxy = false })
        {
            Timeout = TimeSpan.FromSeconds(60),
        };
    }

    public SelfHostedServer Server { get; }

    public HttpClient Http { get; }

    /// <summary>http://127.0.0.1:PORT (no trailing slash).</summary>
    public string Base => Server.Address.GetLeftPart(UriPartial.Authority);

    public static async Task<LinkServer> StartAsync(LinkService service) =>
        new(await SelfHostedServer.StartAsync(service, new IPEndPoint(IPAddress.Loopback, 0), logging: _ => { }));

    public async Task<HttpResponseMessage> GetAsync(string path, bool gzip = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Base + path));
        if (gzip)
        {
            request.Headers.AcceptEncoding.ParseAdd("gzip");
        }

        return await Http.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }
}
