using System.Net;
using System.Net.Sockets;
using System.Text;

namespace GhostRoll.Publishing.Tests.Support;

/// <summary>What the proxy does to one client connection.</summary>
public enum NetworkFault
{
    None,

    /// <summary>503 SlowDown (S3's throttling answer), then close.</summary>
    SlowDown,

    /// <summary>500 InternalError, then close.</summary>
    InternalError,

    /// <summary>Reset (RST) as soon as the request starts.</summary>
    Reset,

    /// <summary>Relays normally, then resets after a random number of request bytes: a connection lost mid-transfer.</summary>
    ResetMidway,

    /// <summary>
    /// Reads the request, answers nothing for <see cref="FaultyS3Proxy.StallFor"/> (or, for a seeded share of stalls,
    /// <see cref="FaultyS3Proxy.LongStallFor"/>), then resets.
    /// </summary>
    Stall,
}

/// <summary>
/// A TCP proxy on 127.0.0.1 in front of a real loopback S3 server that injects network faults per connection (the
/// SDK opens a new connection after each fault, so retries meet fresh decisions). Healthy connections are relayed
/// byte for byte, so signatures stay valid. Decisions come from a seeded <see cref="Random"/>; set
/// <see cref="FaultRate"/> to 0 for "the server is back".
/// </summary>
public sealed class FaultyS3Proxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _upstreamPort;
    private readonly Random _random;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private readonly Dictionary<NetworkFault, int> _injected = [];
    private readonly Queue<NetworkFault> _scripted = new();
    private int _longStalls;

    public FaultyS3Proxy(int upstreamPort, int seed)
    {
        _upstreamPort = upstreamPort;
        _random = new Random(seed);
        _listener.Start();
        _accepting = Task.Run(AcceptAsync);
    }

    public string Endpoint => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    /// <summary>Share of new connections that get a fault (0 = healthy server).</summary>
    public double FaultRate { get; set; } = 0.3;

    public TimeSpan StallFor { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>When set, every other stall (seeded) lasts this long instead of <see cref="StallFor"/>.</summary>
    public TimeSpan? LongStallFor { get; set; }

    /// <summary>Long stalls injected so far (they are also counted as <see cref="NetworkFault.Stall"/>).</summary>
    public int LongStalls
    {
        get
        {
            lock (_gate)
            {
                return _longStalls;
            }
        }
    }

    /// <summary>Faults injected so far, by kind.</summary>
    public IReadOnlyDictionary<NetworkFault, int> Injected
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<NetworkFault, int>(_injected);
            }
        }
    }

    /// <summary>Faults for the next new connections, in order, before the seeded ones (e.g. a first request that stalls).</summary>
    public void Script(params NetworkFault[] faults)
    {
        lock (_gate)
        {
            foreach (var fault in faults)
            {
                _scripted.Enqueue(fault);
            }
        }
    }

    private (NetworkFault Fault, int CutAfter, TimeSpan Stall) Decide()
    {
        lock (_gate)
        {
            if (_scripted.TryDequeue(out var scripted))
            {
                _injected[scripted] = _injected.GetValueOrDefault(scripted) + 1;
                return (scripted, _random.Next(1, 64 * 1024), StallFor);
            }

            if (_random.NextDouble() >= FaultRate)
            {
                return (NetworkFault.None, 0, TimeSpan.Zero);
            }

            var fault = (NetworkFault)_random.Next(1, 6);
            _injected[fault] = _injected.GetValueOrDefault(fault) + 1;
            var cutAfter = _random.Next(1, 64 * 1024);
            // Drawn only when long stalls are on, so the seeded faults of a run without them stay as they were.
            if (fault == NetworkFault.Stall && LongStallFor is { } longStall && _random.Next(2) == 0)
            {
                _longStalls++;
                return (fault, cutAfter, longStall);
            }

            return (fault, cutAfter, StallFor);
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(client));
        }
    }

    private async Task HandleAsync(TcpClient client)
    {
        using var _ = client;
        var (fault, cutAfter, stall) = Decide();
        var token = _stop.Token;
        try
        {
            var stream = client.GetStream();
            switch (fault)
            {
                case NetworkFault.Reset:
                    Abort(client);
                    return;
                case NetworkFault.SlowDown or NetworkFault.InternalError:
                    await ReadRequestAsync(stream, token);
                    var (status, code) = fault == NetworkFault.SlowDown ? ("503 Slow Down", "SlowDown") : ("500 Internal Server Error", "InternalError");
                    var body = $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>{code}</Code><Message>injected</Message></Error>";
                    var answer = $"HTTP/1.1 {status}\r\nContent-Type: application/xml\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\nConnection: close\r\n\r\n{body}";
                    await stream.WriteAsync(Encoding.UTF8.GetBytes(answer), token);
                    return;
                case NetworkFault.Stall:
                    await ReadRequestAsync(stream, token);
                    await Task.Delay(stall, token);
                    Abort(client);
                    return;
            }

            using var upstream = new TcpClient();
            await upstream.ConnectAsync(IPAddress.Loopback, _upstreamPort, token);
            var server = upstream.GetStream();
            var up = RelayAsync(stream, server, fault == NetworkFault.ResetMidway ? cutAfter : long.MaxValue, token);
            var down = RelayAsync(server, stream, long.MaxValue, token);
            await Task.WhenAny(up, down);
            Abort(client);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    /// <summary>Copies until the source closes or <paramref name="limit"/> bytes went through (then the caller resets).</summary>
    private static async Task RelayAsync(NetworkStream from, NetworkStream to, long limit, CancellationToken token)
    {
        var buffer = new byte[16 * 1024];
        long sent = 0;
        try
        {
            while (sent < limit)
            {
                var read = await from.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, limit - sent)), token);
                if (read == 0)
                {
                    return;
                }

                await to.WriteAsync(buffer.AsMemory(0, read), token);
                sent += read;
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    /// <summary>Reads request headers and, unless the client waits for 100-continue, the body it announced.</summary>
    private static async Task ReadRequestAsync(NetworkStream stream, CancellationToken token)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (head.Count < 64 * 1024 && !(head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n'))
        {
            if (await stream.ReadAsync(one, token) == 0)
            {
                return;
            }

            head.Add(one[0]);
        }

        var headers = Encoding.ASCII.GetString([.. head]).Split("\r\n");
        var length = headers.Select(h => h.Split(':', 2)).Where(p => p.Length == 2 && p[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            .Select(p => long.Parse(p[1].Trim(), System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();
        if (headers.Any(h => h.StartsWith("Expect:", StringComparison.OrdinalIgnoreCase)))
        {
            return;
        }

        var buffer = new byte[16 * 1024];
        while (length > 0)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, length)), token);
            if (read == 0)
            {
                return;
            }

            length -= read;
        }
    }

    private static void Abort(TcpClient client)
    {
        client.LingerState = new LingerOption(true, 0); // close = RST, as a crashed server or a dropped link
        client.Close();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
