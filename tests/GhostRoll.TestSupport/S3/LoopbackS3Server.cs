using System.Diagnostics;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace GhostRoll.TestSupport.S3;

/// <summary>
/// A real S3-compatible server a test started on 127.0.0.1 with a private data folder: OpenStack Swift's s3api
/// (<see cref="SwiftS3Server"/>, verifies SigV4) or s3rver (<see cref="S3rverServer"/>, fast, does not).
/// Exposes the endpoint and credentials, makes clients and buckets, cross-checks with the independent awscli,
/// and can be stopped and started again on the same port and data (fault tests).
/// </summary>
public abstract class LoopbackS3Server : IAsyncDisposable
{
    private int _buckets;

    protected LoopbackS3Server(string dataDir, int port, string accessKey, string secretKey)
    {
        DataDir = dataDir;
        Port = port;
        AccessKey = accessKey;
        SecretKey = secretKey;
    }

    /// <summary>"swift" or "s3rver", for test names and messages.</summary>
    public abstract string Kind { get; }

    /// <summary>True when the server rejects bad, tampered or missing signatures (Swift); false for s3rver.</summary>
    public abstract bool VerifiesSignatures { get; }

    public string DataDir { get; }

    public int Port { get; }

    public string Endpoint => $"http://127.0.0.1:{Port}";

    public string AccessKey { get; }

    public string SecretKey { get; }

    /// <summary>Both servers accept us-east-1 only (Swift answers 400 to any other credential scope).</summary>
    public string Region => "us-east-1";

    public bool IsRunning { get; protected set; }

    /// <summary>Starts (or restarts, on the same port and data) and waits until a signed request works.</summary>
    public abstract Task StartAsync(CancellationToken cancellationToken = default);

    /// <summary>Kills exactly the processes this instance started; the data stays for a restart.</summary>
    public abstract Task StopAsync();

    /// <summary>
    /// The environment a GhostRoll process (or the standard AWS credential chain) needs to reach this server:
    /// AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION.
    /// </summary>
    public IReadOnlyDictionary<string, string> CredentialEnvironment => new Dictionary<string, string>
    {
        ["AWS_ACCESS_KEY_ID"] = AccessKey,
        ["AWS_SECRET_ACCESS_KEY"] = SecretKey,
        ["AWS_REGION"] = Region,
        ["AWS_DEFAULT_REGION"] = Region,
    };

    /// <summary>An SDK client for checks made by the test itself (path-style, plain payloads, no SDK retries).</summary>
    public AmazonS3Client CreateClient(string? secretKey = null) => new(
        new BasicAWSCredentials(AccessKey, secretKey ?? SecretKey),
        new AmazonS3Config
        {
            ServiceURL = Endpoint,
            ForcePathStyle = true,
            AuthenticationRegion = Region,
            MaxErrorRetry = 0,
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            Timeout = TimeSpan.FromSeconds(30),
        });

    /// <summary>Creates a new, private bucket with a unique name and returns the name.</summary>
    public async Task<string> CreateBucketAsync(string label = "test")
    {
        // Lower-case letters, digits and '-' only: valid on AWS, Swift and s3rver alike.
        var unique = $"gr-{label.ToLowerInvariant()}-{Interlocked.Increment(ref _buckets)}-{Guid.NewGuid():N}";
        var name = unique[..Math.Min(unique.Length, 48)].TrimEnd('-');
        using var client = CreateClient();
        await client.PutBucketAsync(new PutBucketRequest { BucketName = name }).ConfigureAwait(false);
        return name;
    }

    /// <summary>The bytes of an object, read with a signed request, or null when it does not exist.</summary>
    public async Task<byte[]?> GetBytesAsync(string bucket, string key)
    {
        using var client = CreateClient();
        try
        {
            using var response = await client.GetObjectAsync(bucket, key).ConfigureAwait(false);
            using var memory = new MemoryStream();
            await response.ResponseStream.CopyToAsync(memory).ConfigureAwait(false);
            return memory.ToArray();
        }
        catch (AmazonS3Exception e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Every key in a bucket (under a prefix), sorted.</summary>
    public async Task<List<string>> ListKeysAsync(string bucket, string prefix = "")
    {
        using var client = CreateClient();
        var keys = new List<string>();
        var request = new ListObjectsV2Request { BucketName = bucket, Prefix = prefix };
        ListObjectsV2Response response;
        do
        {
            response = await client.ListObjectsV2Async(request).ConfigureAwait(false);
            keys.AddRange((response.S3Objects ?? []).Select(o => o.Key));
            request.ContinuationToken = response.NextContinuationToken;
        }
        while (response.IsTruncated == true);

        keys.Sort(StringComparer.Ordinal);
        return keys;
    }

    /// <summary>
    /// Runs Debian's awscli (<c>/usr/bin/aws</c>, by full path: another <c>aws</c> may come first on PATH) against
    /// this server: an independent client to cross-check what GhostRoll uploaded.
    /// </summary>
    public async Task<AwsCliResult> AwsCliAsync(params string[] arguments)
    {
        var info = new ProcessStartInfo(AwsCli.Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("--endpoint-url");
        info.ArgumentList.Add(Endpoint);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in CredentialEnvironment)
        {
            info.Environment[key] = value;
        }

        // Keep the user's own AWS configuration out of the cross-check.
        info.Environment["AWS_CONFIG_FILE"] = "/dev/null";
        info.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null";
        info.Environment.Remove("AWS_PROFILE");
        info.Environment.Remove("AWS_SESSION_TOKEN");
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start awscli");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().ConfigureAwait(false);
        return new AwsCliResult(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        DeleteData();
        GC.SuppressFinalize(this);
    }

    protected virtual void DeleteData()
    {
        if (Environment.GetEnvironmentVariable("GRTEST_KEEP_TEMP") == "1")
        {
            return;
        }

        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>Runs <paramref name="start"/> for a new server; a server that fails to start is stopped and its data removed.</summary>
    protected static async Task<T> StartOrCleanUpAsync<T>(T server, Func<T, Task> start)
        where T : LoopbackS3Server
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(start);
        try
        {
            await start(server).ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Polls <paramref name="probe"/> until it returns true; fails with the server logs after <paramref name="limit"/>.</summary>
    protected static Task WaitUntilAsync(Func<Task<bool>> probe, TimeSpan limit, Func<string> diagnostics, CancellationToken cancellationToken) =>
        Eventually.UntilAsync(
            async () =>
            {
                cancellationToken.ThrowIfCancellationRequested();
                try
                {
                    return await probe().ConfigureAwait(false);
                }
                catch (Exception e) when (e is AmazonServiceException or HttpRequestException or IOException or System.Net.Sockets.SocketException)
                {
                    return false;
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // A probe's own timeout. Under qemu-user the first request JITs the whole HTTP stack and can
                    // outlast it; HttpClient then reports the refused connection underneath as a cancellation.
                    return false;
                }
            },
            limit, () => "the server's logs:\n" + diagnostics(), TimeSpan.FromMilliseconds(100), "the S3 server to become healthy");

    /// <summary>A signed ListBuckets succeeds: the server, its auth and (for Swift) memcached all work.</summary>
    protected async Task<bool> SignedRequestWorksAsync()
    {
        using var client = CreateClient();
        var response = await client.ListBucketsAsync().ConfigureAwait(false);
        return response.HttpStatusCode == System.Net.HttpStatusCode.OK;
    }

    /// <summary>A private data folder: /dev/shm when there is one (Swift needs user xattrs; tmpfs has room for them).</summary>
    protected static string NewDataDir(string label)
    {
        var parent = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
        var dir = Path.Combine(parent, $"ghostroll-{label}-{Guid.NewGuid():N}"[..32]);
        Directory.CreateDirectory(dir);
        return dir;
    }
}

public sealed record AwsCliResult(int ExitCode, string Stdout, string Stderr);

public static class AwsCli
{
    /// <summary>Debian's awscli, called by full path (docs/publishing.md).</summary>
    public const string Path = "/usr/bin/aws";
}
