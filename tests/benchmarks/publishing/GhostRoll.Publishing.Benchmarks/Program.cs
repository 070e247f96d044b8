using System.Diagnostics;
using System.Globalization;
using Amazon.Runtime;
using GhostRoll.Configuration;
using GhostRoll.Logging;
using GhostRoll.Media;
using GhostRoll.Pipeline;
using GhostRoll.Publishing.S3;
using GhostRoll.Publishing;
using GhostRoll.Sessions;
using GhostRoll.Status;
using GhostRoll.Storage;
using GhostRoll.TestSupport;
using GhostRoll.TestSupport.S3;
using Microsoft.Extensions.Logging;

// Uploads one realistic session (share images + thumbnails made of real camera JPEG bytes) to a real S3 server on
// loopback, with GhostRoll's publisher and with the peer uploaders people already use (awscli, rclone), each into
// a fresh prefix, ROUNDS times; then the no-op re-run (everything already there). Prints a Markdown table.
var entries = int.Parse(Environment.GetEnvironmentVariable("BENCH_ENTRIES") ?? "40", CultureInfo.InvariantCulture);
var rounds = int.Parse(Environment.GetEnvironmentVariable("BENCH_ROUNDS") ?? "3", CultureInfo.InvariantCulture);
var kind = Environment.GetEnvironmentVariable("BENCH_SERVER") ?? "swift";

await using LoopbackS3Server server = kind == "swift" ? await SwiftS3Server.StartNewAsync() : await S3rverServer.StartNewAsync();
var bucket = await server.CreateBucketAsync("bench");
using var temp = new TempDirectory("bench");
var sources = Fixtures.AllFiles("basic").Where(f => f.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase)).ToArray();
var results = new List<(string Tool, string Case, double Seconds, long Bytes)>();

// ---- the session on disk (the same files for every tool)
var settings = new GhostRollSettings
{
    BaseDir = Path.Combine(temp.Path, "sessions"), DbPath = Path.Combine(temp.Path, "db.sqlite"),
    S3Bucket = bucket, S3Endpoint = server.Endpoint, S3ForcePathStyle = true, S3Region = server.Region,
};
var bytes = 0L;
string MakeSession(GhostRollDatabase db)
{
    var id = SessionId.New();
    var layout = new SessionLayout(settings.SessionsDir, id);
    db.CreateSession(new SessionRecord(id, SessionState.Active, null, null, null, layout.Root, DateTime.UtcNow, DateTime.UtcNow, null, null, null));
    bytes = 0;
    for (var n = 0; n < entries; n++)
    {
        var key = $"100BENCH/IMG_{n:0000}";
        var source = File.ReadAllBytes(sources[n % sources.Length]);
        var share = SessionLayout.DerivativeRelativePath("share", key, ".jpg");
        var thumb = SessionLayout.DerivativeRelativePath("thumbs", key, ".jpg");
        foreach (var (path, content) in new[] { (share, source.Concat(BitConverter.GetBytes(n)).ToArray()), (thumb, source[..(source.Length / 12)]) })
        {
            Directory.CreateDirectory(Path.GetDirectoryName(layout.FullPath(path))!);
            File.WriteAllBytes(layout.FullPath(path), content);
            bytes += content.Length;
        }

        db.AddSessionFiles(id, [new SessionFileRecord($"DCIM/{key}.JPG", key, MediaKind.Jpeg, source.Length, 0, $"{n:x64}", FileState.Copied)]);
        db.RecordDerived(id, key, GalleryEntryKind.Photo, new DeriveOutcome
        {
            Variants =
            [
                new ImageVariant(VariantNames.Share, share, 2048, 1365, new FileInfo(layout.FullPath(share)).Length, "image/jpeg"),
                new ImageVariant(VariantNames.Thumb, thumb, 512, 341, new FileInfo(layout.FullPath(thumb)).Length, "image/jpeg"),
            ],
        });
    }

    return id;
}

// ---- GhostRoll: Begin (early link), every entry through UPLOAD_WORKERS (4) concurrent PublishAsync, Complete.
async Task<(double Link, double Total)> GhostRollRunAsync(GhostRollDatabase db, string id)
{
    using var logging = new GhostRollLoggerProvider(LogLevel.Warning);
    await using var status = new StatusReporter([]);
    var context = new PublishContext
    {
        Layout = new SessionLayout(settings.SessionsDir, id), Settings = settings, Journal = db, Links = db,
        Progress = new StatusPublishProgress(status), Logger = logging.CreateLogger("bench"), ExpectedEntries = entries,
    };
    using var publisher = new S3Publisher(settings, new UploadLedger(db), new S3PublisherOptions { Credentials = new BasicAWSCredentials(server.AccessKey, server.SecretKey), Terminal = null });
    var watch = Stopwatch.StartNew();
    await publisher.BeginAsync(context, default);
    var link = watch.Elapsed.TotalSeconds;
    await Parallel.ForEachAsync(context.ReadyEntries(), new ParallelOptions { MaxDegreeOfParallelism = settings.UploadWorkers },
        async (entry, ct) => await publisher.PublishAsync(context, entry, ct));
    await publisher.CompleteAsync(context, new PublishCompletion(true, context.ReadyEntries()), default);
    return (link, watch.Elapsed.TotalSeconds);
}

for (var round = 0; round < rounds; round++)
{
    using var db = GhostRollDatabase.Open(Path.Combine(temp.Path, $"db-{round}.sqlite"));
    var id = MakeSession(db);
    var (link, total) = await GhostRollRunAsync(db, id);
    results.Add(("ghostroll", "early link", link, 0));
    results.Add(("ghostroll", "upload session", total, bytes));
    var (_, again) = await GhostRollRunAsync(db, id);
    results.Add(("ghostroll", "re-run, nothing new", again, 0));

    var derived = Path.Combine(settings.SessionsDir, id, "derived");
    var cli = Stopwatch.StartNew();
    Check(await server.AwsCliAsync("s3", "cp", "--recursive", "--only-show-errors", derived, $"s3://{bucket}/aws-{round}/"));
    results.Add(("awscli s3 cp --recursive", "upload session", cli.Elapsed.TotalSeconds, bytes));
    cli.Restart();
    Check(await server.AwsCliAsync("s3", "sync", "--only-show-errors", derived, $"s3://{bucket}/aws-{round}/"));
    results.Add(("awscli s3 sync", "re-run, nothing new", cli.Elapsed.TotalSeconds, 0));

    var rclone = Stopwatch.StartNew();
    await RcloneAsync(derived, $"bench:{bucket}/rclone-{round}");
    results.Add(("rclone copy --transfers 4", "upload session", rclone.Elapsed.TotalSeconds, bytes));
    rclone.Restart();
    await RcloneAsync(derived, $"bench:{bucket}/rclone-{round}");
    results.Add(("rclone copy --transfers 4", "re-run, nothing new", rclone.Elapsed.TotalSeconds, 0));
}

Console.WriteLine($"Server: {server.Kind} on loopback; {entries} photos = {entries * 2} objects, {bytes / 1e6:0.0} MB per session; median of {rounds} rounds.");
Console.WriteLine();
Console.WriteLine("| Case | Tool | Median s | MB/s |");
Console.WriteLine("|---|---|---|---|");
foreach (var group in results.GroupBy(r => (r.Case, r.Tool)).OrderBy(g => g.Key.Case, StringComparer.Ordinal))
{
    var median = group.Select(r => r.Seconds).Order().ElementAt(group.Count() / 2);
    var rate = group.First().Bytes > 0 ? (group.First().Bytes / 1e6 / median).ToString("0.0", CultureInfo.InvariantCulture) : "";
    Console.WriteLine($"| {group.Key.Case} | {group.Key.Tool} | {median:0.000} | {rate} |");
}

static void Check(AwsCliResult result)
{
    if (result.ExitCode != 0)
    {
        throw new InvalidOperationException("awscli failed: " + result.Stderr);
    }
}

async Task RcloneAsync(string from, string to)
{
    // rclone configured entirely from the environment (no config file); 4 transfers like UPLOAD_WORKERS.
    var info = new ProcessStartInfo("rclone") { RedirectStandardError = true, RedirectStandardOutput = true };
    foreach (var a in new[] { "copy", "--transfers", "4", "--config", "/dev/null", from, to })
    {
        info.ArgumentList.Add(a);
    }

    info.Environment.Remove("AWS_CA_BUNDLE"); // plain-http loopback; rclone cannot apply a CA bundle to its transport
    info.Environment["RCLONE_CONFIG_BENCH_TYPE"] = "s3";
    info.Environment["RCLONE_CONFIG_BENCH_PROVIDER"] = "Other";
    info.Environment["RCLONE_CONFIG_BENCH_ENDPOINT"] = server.Endpoint;
    info.Environment["RCLONE_CONFIG_BENCH_ACCESS_KEY_ID"] = server.AccessKey;
    info.Environment["RCLONE_CONFIG_BENCH_SECRET_ACCESS_KEY"] = server.SecretKey;
    info.Environment["RCLONE_CONFIG_BENCH_REGION"] = server.Region;
    info.Environment["RCLONE_CONFIG_BENCH_FORCE_PATH_STYLE"] = "true";
    using var process = Process.Start(info)!;
    var error = process.StandardError.ReadToEndAsync();
    await process.StandardOutput.ReadToEndAsync();
    await process.WaitForExitAsync();
    if (process.ExitCode != 0)
    {
        throw new InvalidOperationException("rclone failed: " + await error);
    }
}
