using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace GhostRoll.TestSupport.S3;

/// <summary>
/// OpenStack Swift 2.30 (Debian packages) with its s3api and tempauth middlewares, one node, one device,
/// replicas 1, plus a private memcached (tempauth keeps tokens there): a real S3 endpoint that verifies SigV4
/// signatures, expiry and clock skew. Everything lives in a private folder (configs, rings, data, logs) and on
/// free loopback ports; <see cref="StopAsync"/> kills exactly the five processes this instance started.
/// <para>
/// Credentials: tempauth user <c>test:tester</c> / <c>testing</c>, region us-east-1, path-style only. Limits:
/// no aws-chunked uploads (501), an unsigned GET of a private object answers 400 (Swift's own API), not 403.
/// See docs/publishing.md.
/// </para>
/// </summary>
public sealed class SwiftS3Server : LoopbackS3Server
{
    private const string Python = "/usr/bin/python3"; // Debian's, which has the swift modules (not a pyenv one)
    private readonly int _accountPort;
    private readonly int _containerPort;
    private readonly int _objectPort;
    private readonly int _memcachedPort;
    private readonly List<ServerProcess> _processes = [];

    private SwiftS3Server(string dataDir, int[] ports) : base(dataDir, ports[0], "test:tester", "testing")
    {
        (_accountPort, _containerPort, _objectPort, _memcachedPort) = (ports[1], ports[2], ports[3], ports[4]);
    }

    public override string Kind => "swift";

    public override bool VerifiesSignatures => true;

    private string Etc => Path.Combine(DataDir, "etc");

    private string Logs => Path.Combine(DataDir, "log");

    /// <summary>Creates configs and rings in a new private folder, starts the servers and waits until healthy (~4 s).</summary>
    public static async Task<SwiftS3Server> StartNewAsync(CancellationToken cancellationToken = default)
    {
        foreach (var tool in new[] { Python, "/usr/bin/memcached", "/usr/bin/swift-proxy-server" })
        {
            if (!File.Exists(tool))
            {
                throw new InvalidOperationException($"{tool} is missing: run '.ci/install-deps test' (Debian packages in .ci/deps/apt-publishing.txt)");
            }
        }

        return await StartOrCleanUpAsync(new SwiftS3Server(NewDataDir("swift"), LoopbackPorts.Free(5)), async server =>
        {
            await server.WriteConfigurationAsync(cancellationToken).ConfigureAwait(false);
            await server.StartAsync(cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    public override async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (IsRunning)
        {
            return;
        }

        var memcachedUser = Environment.UserName == "root" ? new[] { "-u", "root" } : [];
        _processes.Add(ServerProcess.Start(
            "/usr/bin/memcached",
            [.. memcachedUser, "-l", "127.0.0.1", "-p", Text(_memcachedPort), "-U", "0", "-m", "64", "-c", "256"],
            Path.Combine(Logs, "memcached.log")));
        foreach (var name in new[] { "account", "container", "object", "proxy" })
        {
            _processes.Add(ServerProcess.Start(
                Python,
                [Path.Combine(Etc, "launcher.py"), "run", $"{name}-server", Path.Combine(Etc, $"{name}-server.conf")],
                Path.Combine(Logs, $"{name}.log")));
        }

        await WaitUntilAsync(ReadyAsync, TimeSpan.FromSeconds(180), Diagnostics, cancellationToken).ConfigureAwait(false);
        IsRunning = true;
    }

    public override Task StopAsync()
    {
        foreach (var process in _processes)
        {
            process.Dispose();
        }

        _processes.Clear();
        IsRunning = false;
        return Task.CompletedTask;
    }

    private async Task<bool> ReadyAsync()
    {
        if (_processes.Any(p => p.HasExited))
        {
            throw new InvalidOperationException("a Swift process exited during start-up:\n" + Diagnostics());
        }

        if (!MemcachedAnswers())
        {
            return false;
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        foreach (var port in new[] { _accountPort, _containerPort, _objectPort, Port })
        {
            var body = await http.GetStringAsync(new Uri($"http://127.0.0.1:{Text(port)}/healthcheck")).ConfigureAwait(false);
            if (body != "OK")
            {
                return false;
            }
        }

        return await SignedRequestWorksAsync().ConfigureAwait(false);
    }

    private bool MemcachedAnswers()
    {
        try
        {
            using var client = new TcpClient("127.0.0.1", _memcachedPort);
            using var stream = client.GetStream();
            stream.Write("version\r\n"u8);
            var buffer = new byte[64];
            var read = stream.Read(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("VERSION", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private string Diagnostics() => string.Join("\n", _processes.Select(p => $"--- {Path.GetFileName(p.LogPath)}\n{p.Tail(15)}"));

    private async Task WriteConfigurationAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Etc);
        Directory.CreateDirectory(Logs);
        Directory.CreateDirectory(Path.Combine(DataDir, "node", "sdb1"));
        await File.WriteAllTextAsync(Path.Combine(Etc, "launcher.py"), Launcher, cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(Etc, "swift.conf"), $"""
            [swift-hash]
            swift_hash_path_prefix = ghostroll
            swift_hash_path_suffix = {Guid.NewGuid():N}

            [storage-policy:0]
            name = Policy-0
            default = yes

            [swift-constraints]

            """, cancellationToken).ConfigureAwait(false);
        foreach (var (name, port) in new[] { ("account", _accountPort), ("container", _containerPort), ("object", _objectPort) })
        {
            await File.WriteAllTextAsync(Path.Combine(Etc, $"{name}-server.conf"), $"""
                {Common($"{name}-server", port)}
                [pipeline:main]
                pipeline = healthcheck {name}-server

                [app:{name}-server]
                use = egg:swift#{name}

                [filter:healthcheck]
                use = egg:swift#healthcheck

                """, cancellationToken).ConfigureAwait(false);
        }

        // s3api before tempauth (S3 auth), slo after s3api (multipart uploads are SLOs underneath).
        await File.WriteAllTextAsync(Path.Combine(Etc, "proxy-server.conf"), $$"""
            {{Common("proxy-server", Port)}}
            [pipeline:main]
            pipeline = catch_errors gatekeeper healthcheck proxy-logging cache listing_formats bulk s3api tempauth copy slo dlo versioned_writes symlink proxy-logging proxy-server

            [app:proxy-server]
            use = egg:swift#proxy
            account_autocreate = true

            [filter:s3api]
            use = egg:swift#s3api
            location = {{Region}}

            [filter:tempauth]
            use = egg:swift#tempauth
            user_admin_admin = admin .admin .reseller_admin
            user_test_tester = testing .admin

            [filter:cache]
            use = egg:swift#memcache
            memcache_servers = 127.0.0.1:{{Text(_memcachedPort)}}

            {{Filters("catch_errors", "gatekeeper", "healthcheck", "proxy_logging", "listing_formats", "bulk", "copy", "slo", "dlo", "versioned_writes", "symlink")}}

            """, cancellationToken).ConfigureAwait(false);

        using var rings = ServerProcess.Start(
            Python,
            [Path.Combine(Etc, "launcher.py"), "rings", Etc, Text(_accountPort), Text(_containerPort), Text(_objectPort)],
            Path.Combine(Logs, "rings.log"));
        // 180 s: python start-up on a loaded 2-core machine.
        await Eventually.UntilAsync(
            () =>
            {
                cancellationToken.ThrowIfCancellationRequested();
                return rings.HasExited;
            },
            TimeSpan.FromSeconds(180), () => rings.Tail(), TimeSpan.FromMilliseconds(50), "the Swift ring builder to finish").ConfigureAwait(false);
        if (!File.Exists(Path.Combine(Etc, "object.ring.gz")))
        {
            throw new InvalidOperationException("building the Swift rings failed:\n" + rings.Tail());
        }
    }

    // workers = 0: one process per server (nothing forks behind our back, so stopping is exact).
    private string Common(string name, int port) => $"""
        [DEFAULT]
        bind_ip = 127.0.0.1
        bind_port = {Text(port)}
        workers = 0
        user = {Environment.UserName}
        swift_dir = {Etc}
        devices = {Path.Combine(DataDir, "node")}
        mount_check = false
        disable_fallocate = true
        bind_timeout = 3
        log_name = {name}
        log_level = INFO

        """;

    /// <summary>Middleware sections that need nothing but their entry point (proxy_logging is the filter "proxy-logging").</summary>
    private static string Filters(params string[] names) =>
        string.Join("\n", names.Select(n => $"[filter:{n.Replace("proxy_logging", "proxy-logging", StringComparison.Ordinal)}]\nuse = egg:swift#{n}"));

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Swift is Python: this small launcher runs one server against our private swift.conf (Swift otherwise reads
    /// /etc/swift/swift.conf at import time), refuses SO_REUSEPORT (eventlet sets it by default, so a second
    /// server would silently share a busy port), and builds the one-device rings.
    /// </summary>
    private const string Launcher = """
        import functools, os, sys

        def run(server, conf):
            import swift.common.utils as utils
            utils.SWIFT_CONF_FILE = os.path.join(os.path.dirname(os.path.abspath(conf)), 'swift.conf')
            utils.HASH_PATH_PREFIX = utils.HASH_PATH_SUFFIX = b''
            utils.validate_configuration()
            import swift.common.storage_policy as policies
            policies.reload_storage_policies()
            import eventlet, swift.common.wsgi as wsgi
            wsgi.listen = functools.partial(eventlet.listen, reuse_port=False)
            sys.argv = [sys.argv[0], conf, '--verbose']
            conf_file, options = utils.parse_options()
            sys.exit(wsgi.run_wsgi(conf_file, server, **options))

        def rings(etc, account, container, obj):
            from swift.common.ring import RingBuilder
            for name, port in (('account', account), ('container', container), ('object', obj)):
                builder = RingBuilder(8, 1, 1)  # part power 8, 1 replica, min_part_hours 1
                builder.add_dev({'id': 0, 'region': 1, 'zone': 1, 'ip': '127.0.0.1', 'port': int(port),
                                 'device': 'sdb1', 'weight': 100, 'meta': '',
                                 'replication_ip': '127.0.0.1', 'replication_port': int(port)})
                builder.rebalance()
                builder.get_ring().save(os.path.join(etc, name + '.ring.gz'))

        if __name__ == '__main__':
            {'run': run, 'rings': rings}[sys.argv[1]](*sys.argv[2:])

        """;
}
