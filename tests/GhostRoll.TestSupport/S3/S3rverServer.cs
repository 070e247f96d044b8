namespace GhostRoll.TestSupport.S3;

/// <summary>
/// npm's s3rver 3.7.1 (installed by <c>.ci/install-deps test</c> into <c>.ci/node_modules</c>, or named by
/// <c>GRTEST_S3RVER</c>). Fast to start; does NOT verify signatures and accepts anonymous requests, but rejects
/// expired presigned URLs and unknown access keys. It cannot decode aws-chunked bodies.
/// </summary>
public sealed class S3rverServer : LoopbackS3Server
{
    private ServerProcess? _process;

    private S3rverServer(string dataDir, int port) : base(dataDir, port, "S3RVER", "S3RVER")
    {
    }

    public override string Kind => "s3rver";

    public override bool VerifiesSignatures => false;

    public static string ScriptPath
    {
        get
        {
            var fromEnvironment = Environment.GetEnvironmentVariable("GRTEST_S3RVER");
            var path = !string.IsNullOrEmpty(fromEnvironment)
                ? fromEnvironment
                : System.IO.Path.Combine(Fixtures.RepoRoot, ".ci", "node_modules", "s3rver", "bin", "s3rver.js");
            return File.Exists(path)
                ? path
                : throw new InvalidOperationException($"s3rver not found at {path}: run '.ci/install-deps test' (installs s3rver@3.7.1 from .ci/deps/npm-publishing.txt)");
        }
    }

    /// <summary>Starts a new server on a free loopback port with its own data folder.</summary>
    public static Task<S3rverServer> StartNewAsync(CancellationToken cancellationToken = default) =>
        StartOrCleanUpAsync(new S3rverServer(NewDataDir("s3rver"), LoopbackPorts.Free(1)[0]), s => s.StartAsync(cancellationToken));

    public override async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (IsRunning)
        {
            return;
        }

        var data = Path.Combine(DataDir, "data");
        Directory.CreateDirectory(data);
        _process = ServerProcess.Start(
            "node",
            [ScriptPath, "-d", data, "-a", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--no-vhost-buckets"],
            Path.Combine(DataDir, "s3rver.log"),
            // Without the legacy provider, Node 17+ fails s3rver's MD5-based paging tokens.
            new Dictionary<string, string> { ["NODE_OPTIONS"] = "--openssl-legacy-provider" });
        var process = _process;
        await WaitUntilAsync(
            async () => !process.HasExited && LoopbackPorts.Accepts(Port) && await SignedRequestWorksAsync().ConfigureAwait(false),
            TimeSpan.FromSeconds(120), // node's start-up on a loaded 2-core machine
            () => process.Tail(),
            cancellationToken).ConfigureAwait(false);
        IsRunning = true;
    }

    public override Task StopAsync()
    {
        _process?.Dispose();
        _process = null;
        IsRunning = false;
        return Task.CompletedTask;
    }
}
